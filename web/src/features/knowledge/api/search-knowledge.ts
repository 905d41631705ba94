import { type SearchResult, searchResultSchema } from '@shared/knowledge/knowledge.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type KnowledgeHit = SearchResult['items'][number];
export type KnowledgeSearch = { q: string; limit: number; category?: string | undefined };

/** Queries shorter than this find noise: no request is made. */
export const KNOWLEDGE_MIN_CHARS = 4;

export async function searchKnowledge(s: KnowledgeSearch, signal?: AbortSignal): Promise<KnowledgeHit[]> {
  const params = new URLSearchParams({ q: s.q, limit: String(s.limit) });
  if (s.category) params.set('category', s.category);
  const { items } = await api(`/api/v1/knowledge/search?${params}`, { schema: searchResultSchema, signal });
  return items;
}

export const knowledgeSearchQueryOptions = (s: KnowledgeSearch) =>
  queryOptions({
    queryKey: ['knowledge-search', s.q, s.limit, s.category ?? null],
    queryFn: ({ signal }) => searchKnowledge(s, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });

export function useKnowledgeSearch(s: KnowledgeSearch) {
  return useQuery({
    ...knowledgeSearchQueryOptions(s),
    enabled: s.q.trim().length >= KNOWLEDGE_MIN_CHARS,
    placeholderData: keepPreviousData,
  });
}
