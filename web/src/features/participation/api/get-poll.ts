import { pollSchema } from '@shared/participation/participation.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function getPoll(id: string, signal?: AbortSignal) {
  return api(`/api/v1/polls/${encodeURIComponent(id)}`, { schema: pollSchema, signal });
}

export const pollQueryKey = (id: string) => ['polls', id] as const;

export const pollQueryOptions = (id: string) =>
  queryOptions({ queryKey: pollQueryKey(id), queryFn: ({ signal }) => getPoll(id, signal) });

export function usePoll(id: string) {
  return useQuery(pollQueryOptions(id));
}
