import { voteListSchema } from '@shared/participation/votes.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Rating votes; of one district and region-wide ones if given. */
export async function getVotes(territoryId: string | null, signal?: AbortSignal) {
  const query = territoryId ? `?territoryId=${encodeURIComponent(territoryId)}` : '';
  return (await api(`/api/v1/votes${query}`, { schema: voteListSchema, signal })).items;
}

/** Every list of votes (whatever the district): the prefix a change invalidates. */
export const votesQueryKey = ['votes', 'list'] as const;

export const votesQueryOptions = (territoryId: string | null = null) =>
  queryOptions({
    queryKey: [...votesQueryKey, territoryId ?? 'all'],
    queryFn: ({ signal }) => getVotes(territoryId, signal),
    staleTime: 30_000,
  });

export function useVotes(territoryId: string | null = null) {
  return useQuery(votesQueryOptions(territoryId));
}
