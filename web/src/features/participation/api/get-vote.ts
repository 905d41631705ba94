import { voteSchema } from '@shared/participation/votes.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getVote(id: string, signal?: AbortSignal) {
  return api(`/api/v1/votes/${encodeURIComponent(id)}`, { schema: voteSchema, signal });
}

export const voteQueryKey = (id: string) => ['votes', id] as const;

export const voteQueryOptions = (id: string) =>
  queryOptions({ queryKey: voteQueryKey(id), queryFn: ({ signal }) => getVote(id, signal) });

export function useVote(id: string) {
  return useQuery(voteQueryOptions(id));
}
