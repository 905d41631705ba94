import { type CreateApiClientBody, createdApiClientSchema } from '@shared/api-keys/api-keys.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { apiClientsQueryKey } from './get-api-clients';

/** Issues a key: the answer holds the key itself, which is never shown again. */
export async function createApiClient(body: CreateApiClientBody) {
  return api('/api/v1/api-clients', { method: 'POST', body, schema: createdApiClientSchema });
}

export function useCreateApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiClient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiClientsQueryKey }),
  });
}
