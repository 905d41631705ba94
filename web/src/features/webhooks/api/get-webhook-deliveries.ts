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

/** How often the log asks again while a delivery it shows is still under way. */
export const PENDING_REFRESH_MS = 5_000;

export const webhookDeliveriesQueryOptions = (endpointId: string, state: DeliveryFilter) =>
  queryOptions({
    queryKey: [...webhookDeliveriesQueryKey(endpointId), state],
    queryFn: ({ signal }) => getWebhookDeliveries(endpointId, state, signal),
    staleTime: 0,
    // An admin watching the log sees a pending delivery turn delivered or failed without reloading
    // (the job sends within seconds; a log opened just before it wrote the result stayed "pending").
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.state === 'pending') ? PENDING_REFRESH_MS : false,
  });

export function useWebhookDeliveries(endpointId: string, state: DeliveryFilter) {
  return useQuery(webhookDeliveriesQueryOptions(endpointId, state));
}
