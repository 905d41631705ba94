import { articleListSchema } from '@shared/knowledge/knowledge.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type ArticleFilter = {
  status?: 'draft' | 'published';
  reviewDue?: boolean;
  /** The reader's language: each article once, in it where translated, else as written. */
  language?: 'ru' | 'en';
};

/** Published articles for everyone; staff may ask for drafts or those due for review. */
export function useArticles(f: ArticleFilter = {}) {
  const params = new URLSearchParams();
  if (f.status) params.set('status', f.status);
  if (f.reviewDue) params.set('reviewDue', 'true');
  if (f.language) params.set('language', f.language);
  return useQuery({
    queryKey: ['knowledge-articles', f.status ?? null, f.reviewDue ?? false, f.language ?? null],
    queryFn: ({ signal }) =>
      api(`/api/v1/knowledge/articles?${params}`, { schema: articleListSchema, signal }),
  });
}
