import { type ApiClient, apiClientListSchema } from '@shared/api-keys/api-keys.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Every API client with its key's prefix, scope, limit and use (admin). */
export async function getApiClients(signal?: AbortSignal): Promise<ApiClient[]> {
  const { items } = await api('/api/v1/api-clients', { schema: apiClientListSchema, signal });
  return items;
}

export const apiClientsQueryKey = ['admin', 'api-clients'] as const;

export const apiClientsQueryOptions = () =>
  queryOptions({
    queryKey: apiClientsQueryKey,
    queryFn: ({ signal }) => getApiClients(signal),
    staleTime: 0,
  });

export function useApiClients() {
  return useQuery(apiClientsQueryOptions());
}
