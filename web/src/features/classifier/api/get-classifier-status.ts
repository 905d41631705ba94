import { type ClassifierStatus, classifierStatusSchema } from '@shared/classifier/classifier.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The active model, the model history with the figures each was judged on, labels and schedule. */
export async function getClassifierStatus(signal?: AbortSignal): Promise<ClassifierStatus> {
  return api('/api/v1/admin/classifier', { schema: classifierStatusSchema, signal });
}

export const classifierStatusQueryKey = ['admin', 'classifier'] as const;

export const classifierStatusQueryOptions = () =>
  queryOptions({
    queryKey: classifierStatusQueryKey,
    queryFn: ({ signal }) => getClassifierStatus(signal),
    staleTime: 0,
  });

/** `pollMs`: ask again every so often (while a retraining is awaited); false to stop. */
export function useClassifierStatus(pollMs: number | false = false) {
  return useQuery({ ...classifierStatusQueryOptions(), refetchInterval: pollMs });
}
