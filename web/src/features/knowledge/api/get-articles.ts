import { articleListSchema } from '@shared/knowledge/knowledge.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type ArticleFilter = { status?: 'draft' | 'published'; reviewDue?: boolean };

/** Published articles for everyone; staff may ask for drafts or those due for review. */
export function useArticles(f: ArticleFilter = {}) {
  const params = new URLSearchParams();
  if (f.status) params.set('status', f.status);
  if (f.reviewDue) params.set('reviewDue', 'true');
  return useQuery({
    queryKey: ['knowledge-articles', f.status ?? null, f.reviewDue ?? false],
    queryFn: ({ signal }) =>
      api(`/api/v1/knowledge/articles?${params}`, { schema: articleListSchema, signal }),
  });
}
