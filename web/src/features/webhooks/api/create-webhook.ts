import { type CreateEndpointInput, endpointWithSecretSchema } from '@shared/webhooks/webhooks.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';
import { webhooksQueryKey } from './get-webhooks';

export type EndpointWithSecret = z.infer<typeof endpointWithSecretSchema>;

/** Registers an endpoint; the answer carries its secret, the only time it is shown. */
export async function createWebhook(body: CreateEndpointInput): Promise<EndpointWithSecret> {
  return api('/api/v1/admin/webhooks', { method: 'POST', body, schema: endpointWithSecretSchema });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
