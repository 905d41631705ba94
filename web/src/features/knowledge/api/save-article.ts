import { type Article, type ArticleInput, articleSchema } from '@shared/knowledge/knowledge.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

type SaveRequest =
  | { id: string; expectedVersion: number; article: ArticleInput }
  | { id: null; article: ArticleInput };

export function useSaveArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: SaveRequest): Promise<Article> =>
      r.id
        ? api(`/api/v1/knowledge/articles/${encodeURIComponent(r.id)}`, {
            method: 'PUT',
            body: { expectedVersion: r.expectedVersion, article: r.article },
            schema: articleSchema,
          })
        : api('/api/v1/knowledge/articles', { method: 'POST', body: r.article, schema: articleSchema }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['knowledge-article', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['knowledge-articles'] });
      void queryClient.invalidateQueries({ queryKey: ['knowledge-versions', saved.id] });
      void queryClient.invalidateQueries({ queryKey: ['knowledge-search'] });
    },
  });
}
