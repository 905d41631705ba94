import { pollListSchema } from '@shared/participation/participation.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Polls the caller may see (staff also their drafts); of one district and region-wide ones if given. */
export async function getPolls(territoryId: string | null, signal?: AbortSignal) {
  const query = territoryId ? `?territoryId=${encodeURIComponent(territoryId)}` : '';
  return (await api(`/api/v1/polls${query}`, { schema: pollListSchema, signal })).items;
}

/** Every list of polls (whatever the district): the prefix a change invalidates. */
export const pollsQueryKey = ['polls', 'list'] as const;

export const pollsQueryOptions = (territoryId: string | null = null) =>
  queryOptions({
    queryKey: [...pollsQueryKey, territoryId ?? 'all'],
    queryFn: ({ signal }) => getPolls(territoryId, signal),
    staleTime: 30_000,
  });

export function usePolls(territoryId: string | null = null) {
  return useQuery(pollsQueryOptions(territoryId));
}
