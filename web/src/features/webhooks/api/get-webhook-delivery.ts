import { deliveryDetailSchema } from '@shared/webhooks/webhooks.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** One delivery: the body sent and every attempt with its response code. */
export async function getWebhookDelivery(endpointId: string, deliveryId: string, signal?: AbortSignal) {
  return api(`/api/v1/admin/webhooks/${endpointId}/deliveries/${deliveryId}`, {
    schema: deliveryDetailSchema,
    signal,
  });
}

export const webhookDeliveryQueryOptions = (endpointId: string, deliveryId: string) =>
  queryOptions({
    queryKey: ['admin', 'webhooks', endpointId, 'delivery', deliveryId],
    queryFn: ({ signal }) => getWebhookDelivery(endpointId, deliveryId, signal),
    staleTime: 0,
  });

export function useWebhookDelivery(endpointId: string, deliveryId: string) {
  return useQuery(webhookDeliveryQueryOptions(endpointId, deliveryId));
}
