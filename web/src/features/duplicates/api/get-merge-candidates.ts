import { similarListSchema } from '@shared/duplicates/duplicates.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Open reports that look like this one: where staff might merge it. */
export async function getMergeCandidates(reportId: string, signal?: AbortSignal) {
  const { items } = await api(`/api/v1/reports/${encodeURIComponent(reportId)}/similar`, {
    schema: similarListSchema,
    signal,
  });
  return items;
}

export function useMergeCandidates(reportId: string) {
  return useQuery({
    queryKey: ['report', reportId, 'merge-candidates'],
    queryFn: ({ signal }) => getMergeCandidates(reportId, signal),
    retry: false,
  });
}
