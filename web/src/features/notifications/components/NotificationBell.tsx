import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useUnreadCount } from '../api/notifications';
import { useLiveUnread } from '../hooks/use-live-unread';

/** The header's bell: a link to the notifications with the unread count, updated live. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount(true).data ?? 0;
  useLiveUnread(true);
  return (
    <NavLink
      to="/notifications"
      className="notification-bell"
      aria-label={t('notifications.bellLabel', { count: unread })}
      title={t('notifications.bellLabel', { count: unread })}
    >
      {/* Drawn, not an emoji: a machine without an emoji font would show an empty box. */}
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {unread > 0 && (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
