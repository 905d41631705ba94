import { endpointWithSecretSchema } from '@shared/webhooks/webhooks.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { webhooksQueryKey } from './get-webhooks';

/** A new secret, shown once; the old one stops working at once. */
export async function rotateWebhookSecret(id: string) {
  return api(`/api/v1/admin/webhooks/${id}/secret`, { method: 'POST', schema: endpointWithSecretSchema });
}

export function useRotateWebhookSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
