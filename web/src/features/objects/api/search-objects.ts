import { objectSearchResultSchema } from '@shared/objects/objects.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type ObjectSearch = { q: string; kind: string; works: string; following: boolean; page: number };

export const OBJECTS_PAGE_SIZE = 20;

/** The catalogue of city objects: by words of the name or address, kind, works and follows. */
export function useObjectSearch(f: ObjectSearch) {
  const params = new URLSearchParams({ page: String(f.page), pageSize: String(OBJECTS_PAGE_SIZE) });
  if (f.q) params.set('q', f.q);
  if (f.kind) params.set('kind', f.kind);
  if (f.works) params.set('works', f.works);
  if (f.following) params.set('following', 'true');
  return useQuery({
    queryKey: ['objects', 'search', f],
    queryFn: ({ signal }) =>
      api(`/api/v1/objects/search?${params}`, { schema: objectSearchResultSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
