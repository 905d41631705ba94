import { endpointSchema, type UpdateEndpointInput } from '@shared/webhooks/webhooks.schemas.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { webhooksQueryKey } from './get-webhooks';

/** Changes an endpoint; `enabled: true` switches it back on and sends what waited. */
export async function updateWebhook({ id, ...body }: UpdateEndpointInput & { id: string }) {
  return api(`/api/v1/admin/webhooks/${id}`, { method: 'PATCH', body, schema: endpointSchema });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}
