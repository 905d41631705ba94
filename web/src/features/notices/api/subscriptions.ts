import {
  type createSubscriptionBodySchema,
  noticeAlertListSchema,
  subscriptionListSchema,
  subscriptionSchema,
} from '@shared/notices/notices.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const subscriptionsKey = ['notice-subscriptions'] as const;
const alertsKey = ['notice-alerts'] as const;

/** My places for notices. */
export function useSubscriptions() {
  return useQuery({
    queryKey: subscriptionsKey,
    queryFn: ({ signal }) =>
      api('/api/v1/me/notice-subscriptions', { schema: subscriptionListSchema, signal }),
  });
}

export function useSubscribe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createSubscriptionBodySchema>) =>
      api('/api/v1/me/notice-subscriptions', { method: 'POST', body, schema: subscriptionSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subscriptionsKey }),
  });
}

export function useUnsubscribe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api(`/api/v1/me/notice-subscriptions/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        schema: z.unknown(),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subscriptionsKey }),
  });
}

/** Notices that started, changed or ended at my places. */
export function useNoticeAlerts() {
  return useQuery({
    queryKey: alertsKey,
    queryFn: ({ signal }) => api('/api/v1/me/notice-alerts', { schema: noticeAlertListSchema, signal }),
  });
}

export function useReadAlerts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/v1/me/notice-alerts/read', { method: 'POST', schema: z.unknown() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsKey }),
  });
}
