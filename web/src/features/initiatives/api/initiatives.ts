import {
  type CreateInitiativeInput,
  initiativeListSchema,
  initiativeSchema,
} from '@shared/initiatives/initiatives.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

/* The initiative API calls with their hooks. */

const key = (id: string) => ['initiative', id] as const;

/**
 * The public list, one status of it (moderators: `moderation`), or `mine`: the signed-in resident's
 * own initiatives in every state. A list that is not wanted (`enabled` false) is not asked for.
 */
export function useInitiatives(which: { status?: string; mine?: boolean } = {}, enabled = true) {
  const qs = queryString({ status: which.status, mine: which.mine ? 'true' : undefined });
  return useQuery({
    queryKey: ['initiatives', which.mine ? 'mine' : (which.status ?? 'public')],
    queryFn: ({ signal }) => api(`/api/v1/initiatives${qs}`, { schema: initiativeListSchema, signal }),
    enabled,
  });
}

export function useInitiative(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: ({ signal }) =>
      api(`/api/v1/initiatives/${encodeURIComponent(id)}`, { schema: initiativeSchema, signal }),
  });
}

export function useProposeInitiative() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInitiativeInput) =>
      api('/api/v1/initiatives', { method: 'POST', body, schema: initiativeSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['initiatives'] }),
  });
}

export function useSupportInitiative(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api(`/api/v1/initiatives/${encodeURIComponent(id)}/support`, {
        method: 'PUT',
        schema: initiativeSchema,
      }),
    onSuccess: (i) => queryClient.setQueryData(key(id), i),
  });
}

export function useModerateInitiative(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { decision: 'approve' | 'reject'; reason?: string }) =>
      api(`/api/v1/initiatives/${encodeURIComponent(id)}/moderation`, {
        method: 'POST',
        body,
        schema: initiativeSchema,
      }),
    onSuccess: async (i) => {
      queryClient.setQueryData(key(id), i);
      await queryClient.invalidateQueries({ queryKey: ['initiatives'] });
    },
  });
}
