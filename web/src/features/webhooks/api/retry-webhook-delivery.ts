import { deliverySchema } from '@shared/webhooks/webhooks.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { webhooksQueryKey } from './get-webhooks';

/** Sends a waiting or given-up delivery again at the next run of the delivery job. */
export async function retryWebhookDelivery({
  endpointId,
  deliveryId,
}: {
  endpointId: string;
  deliveryId: string;
}) {
  return api(`/api/v1/admin/webhooks/${endpointId}/deliveries/${deliveryId}/retry`, {
    method: 'POST',
    schema: deliverySchema,
  });
}

export function useRetryWebhookDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryWebhookDelivery,
    // The endpoint list shows counts and every delivery list lives under the same key.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
