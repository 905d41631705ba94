import { deliveryListSchema } from '@shared/webhooks/webhooks.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type DeliveryFilter = 'pending' | 'delivered' | 'failed' | '';

/** The newest deliveries of an endpoint, optionally of one state. */
export async function getWebhookDeliveries(endpointId: string, state: DeliveryFilter, signal?: AbortSignal) {
  const query = new URLSearchParams({ limit: '50', ...(state ? { state } : {}) });
  return api(`/api/v1/admin/webhooks/${endpointId}/deliveries?${query}`, {
    schema: deliveryListSchema,
    signal,
  });
}

export const webhookDeliveriesQueryKey = (endpointId: string) =>
  ['admin', 'webhooks', endpointId, 'deliveries'] as const;

export const webhookDeliveriesQueryOptions = (endpointId: string, state: DeliveryFilter) =>
  queryOptions({
    queryKey: [...webhookDeliveriesQueryKey(endpointId), state],
    queryFn: ({ signal }) => getWebhookDeliveries(endpointId, state, signal),
    staleTime: 0,
  });

export function useWebhookDeliveries(endpointId: string, state: DeliveryFilter) {
  return useQuery(webhookDeliveriesQueryOptions(endpointId, state));
}
