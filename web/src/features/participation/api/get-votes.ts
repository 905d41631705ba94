import { voteListSchema } from '@shared/participation/votes.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getVotes(signal?: AbortSignal) {
  return (await api('/api/v1/votes', { schema: voteListSchema, signal })).items;
}

export const votesQueryKey = ['votes'] as const;

export const votesQueryOptions = () =>
  queryOptions({ queryKey: votesQueryKey, queryFn: ({ signal }) => getVotes(signal), staleTime: 30_000 });

export function useVotes() {
  return useQuery(votesQueryOptions());
}
