import { directoryListSchema } from '@shared/directory/directory.schemas.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type DirectoryFilter = { q: string; kind: string };

/** The directory, or the organisations matching a text (names, services, addresses; typos forgiven). */
export function useDirectory(f: DirectoryFilter) {
  const params = new URLSearchParams({ limit: '200' });
  if (f.q) params.set('q', f.q);
  if (f.kind) params.set('kind', f.kind);
  return useQuery({
    queryKey: ['directory', f.q, f.kind],
    queryFn: ({ signal }) =>
      api(`/api/v1/directory/organisations?${params}`, { schema: directoryListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
