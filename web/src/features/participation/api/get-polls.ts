import { pollListSchema } from '@shared/participation/participation.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Polls the caller may see (staff also their drafts). */
export async function getPolls(signal?: AbortSignal) {
  return (await api('/api/v1/polls', { schema: pollListSchema, signal })).items;
}

export const pollsQueryKey = ['polls'] as const;

export const pollsQueryOptions = () =>
  queryOptions({ queryKey: pollsQueryKey, queryFn: ({ signal }) => getPolls(signal), staleTime: 30_000 });

export function usePolls() {
  return useQuery(pollsQueryOptions());
}
