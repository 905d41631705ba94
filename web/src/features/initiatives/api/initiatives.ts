import {
  type CreateInitiativeInput,
  initiativeListSchema,
  initiativeSchema,
} from '@shared/initiatives/initiatives.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/* The initiative API calls with their hooks. */

const key = (id: string) => ['initiative', id] as const;

export function useInitiatives(status?: string) {
  return useQuery({
    queryKey: ['initiatives', status ?? 'public'],
    queryFn: ({ signal }) =>
      api(`/api/v1/initiatives${status ? `?status=${encodeURIComponent(status)}` : ''}`, {
        schema: initiativeListSchema,
        signal,
      }),
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
