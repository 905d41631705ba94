import { articleVersionListSchema } from '@shared/knowledge/knowledge.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useArticleVersions(id: string | undefined) {
  return useQuery({
    queryKey: ['knowledge-versions', id],
    queryFn: ({ signal }) =>
      api(`/api/v1/knowledge/articles/${encodeURIComponent(id ?? '')}/versions`, {
        schema: articleVersionListSchema,
        signal,
      }),
    enabled: Boolean(id),
  });
}
