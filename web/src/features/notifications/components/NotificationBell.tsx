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
      <span aria-hidden="true">🔔</span>
      {unread > 0 && (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
