import { useQueryClient } from '@tanstack/react-query';
import { unreadQueryKey } from '../api/notifications';
import { useEventSource } from './use-event-source';

/** The signed-in person's unread count, pushed by the server whenever it changes. */
export function useLiveUnread(signedIn: boolean): void {
  const queryClient = useQueryClient();
  useEventSource(signedIn ? '/api/v1/notifications/live' : null, {
    unread: (data) => {
      const unread = (data as { unread?: unknown }).unread;
      if (typeof unread !== 'number') return;
      const before = queryClient.getQueryData<number>(unreadQueryKey);
      queryClient.setQueryData(unreadQueryKey, unread);
      // New notifications: an open list shows them too.
      if (before !== undefined && unread > before)
        void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
    },
  });
}
