import { articleSchema } from '@shared/knowledge/knowledge.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const articleQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['knowledge-article', id],
    queryFn: ({ signal }) =>
      api(`/api/v1/knowledge/articles/${encodeURIComponent(id)}`, { schema: articleSchema, signal }),
  });

export function useArticle(id: string | undefined) {
  return useQuery({ ...articleQueryOptions(id ?? ''), enabled: Boolean(id) });
}
