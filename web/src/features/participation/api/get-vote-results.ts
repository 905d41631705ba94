import { voteResultsSchema } from '@shared/participation/votes.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getVoteResults(id: string, signal?: AbortSignal) {
  return api(`/api/v1/votes/${encodeURIComponent(id)}/results`, { schema: voteResultsSchema, signal });
}

export function useVoteResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['votes', id, 'results'],
    queryFn: ({ signal }) => getVoteResults(id, signal),
    enabled,
    refetchInterval: 15_000,
  });
}
