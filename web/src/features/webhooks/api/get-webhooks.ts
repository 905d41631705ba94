import { endpointListSchema } from '@shared/webhooks/webhooks.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type WebhookList = z.infer<typeof endpointListSchema>;

/** The registered endpoints (never their secrets) and the event names one can subscribe to. */
export async function getWebhooks(signal?: AbortSignal): Promise<WebhookList> {
  return api('/api/v1/admin/webhooks', { schema: endpointListSchema, signal });
}

export const webhooksQueryKey = ['admin', 'webhooks'] as const;

export const webhooksQueryOptions = () =>
  queryOptions({ queryKey: webhooksQueryKey, queryFn: ({ signal }) => getWebhooks(signal), staleTime: 0 });

export function useWebhooks() {
  return useQuery(webhooksQueryOptions());
}
