import {
  markReadResultSchema,
  type NotificationList,
  notificationListSchema,
  type Preferences,
  preferencesSchema,
  unreadCountSchema,
} from '@shared/notifications/notifications.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const unreadQueryKey = ['notifications', 'unread'] as const;

export function useNotifications(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: ['notifications', 'list', page, unreadOnly],
    queryFn: ({ signal }): Promise<NotificationList> =>
      api(`/api/v1/notifications?page=${page}&pageSize=20${unreadOnly ? '&unread=true' : ''}`, {
        schema: notificationListSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** The bell's number; kept fresh by the live stream (useLiveUnread), read once on start. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: unreadQueryKey,
    queryFn: async ({ signal }) =>
      (await api('/api/v1/notifications/unread-count', { schema: unreadCountSchema, signal })).unread,
    enabled,
    staleTime: 60_000,
  });
}

function useAfterRead() {
  const queryClient = useQueryClient();
  return async ({ unread }: { unread: number }) => {
    queryClient.setQueryData(unreadQueryKey, unread);
    await queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
  };
}

export function useMarkRead() {
  const onSuccess = useAfterRead();
  return useMutation({
    mutationFn: (ids: number[]) =>
      api('/api/v1/notifications/read', { method: 'POST', body: { ids }, schema: markReadResultSchema }),
    onSuccess,
  });
}

export function useMarkAllRead() {
  const onSuccess = useAfterRead();
  return useMutation({
    mutationFn: () =>
      api('/api/v1/notifications/read-all', { method: 'POST', body: {}, schema: markReadResultSchema }),
    onSuccess,
  });
}

const preferencesKey = ['notifications', 'preferences'] as const;

export function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) =>
      api('/api/v1/me/notification-preferences', { schema: preferencesSchema, signal }),
  });
}

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Pick<Preferences, 'email' | 'language'>>) =>
      api('/api/v1/me/notification-preferences', { method: 'PATCH', body, schema: preferencesSchema }),
    onSuccess: (prefs) => queryClient.setQueryData(preferencesKey, prefs),
  });
}
