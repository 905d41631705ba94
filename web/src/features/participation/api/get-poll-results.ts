import { pollResultsSchema } from '@shared/participation/participation.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getPollResults(id: string, signal?: AbortSignal) {
  return api(`/api/v1/polls/${encodeURIComponent(id)}/results`, { schema: pollResultsSchema, signal });
}

export const pollResultsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['polls', id, 'results'],
    queryFn: ({ signal }) => getPollResults(id, signal),
    // Live results: refreshed while the page is open.
    refetchInterval: 15_000,
  });

export function usePollResults(id: string, enabled: boolean) {
  return useQuery({ ...pollResultsQueryOptions(id), enabled });
}
