import { apiClientSchema } from '@shared/api-keys/api-keys.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiClientsQueryKey } from './get-api-clients';

export async function revokeApiClient(id: string) {
  return api(`/api/v1/api-clients/${id}/revoke`, { method: 'POST', body: {}, schema: apiClientSchema });
}

export function useRevokeApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiClient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiClientsQueryKey }),
  });
}
