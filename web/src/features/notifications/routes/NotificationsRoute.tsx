import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { Pagination } from '../../../components/Pagination';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';

export function NotificationsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const [params, setParams] = useFilterParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unreadOnly = params.get('unread') === '1';
  const list = useNotifications(page, unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const setQuery = (next: { page?: number; unread?: boolean }) => {
    const p = next.page ?? page;
    const u = next.unread ?? unreadOnly;
    setParams({ ...(p > 1 ? { page: String(p) } : {}), ...(u ? { unread: '1' } : {}) });
  };
  const data = list.data;

  return (
    <div className="page page--narrow">
      <div className="page-head">
        <h1>{t('notifications.title')}</h1>
        <button
          type="button"
          className="button button--secondary"
          disabled={!data || data.unread === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notifications.markAllRead')}
        </button>
      </div>
      <p className="notification-filters">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => setQuery({ page: 1, unread: e.target.checked })}
          />
          {t('notifications.unreadOnly')}
        </label>{' '}
        <Link to="/profile">{t('notifications.settingsLink')}</Link>
      </p>
      <ErrorMessage error={list.error ?? markRead.error ?? markAll.error} />
      {list.isPending && <Loading />}
      {data && data.items.length === 0 && <p>{t('notifications.empty')}</p>}
      {data && data.items.length > 0 && (
        <ul className="notification-list">
          {data.items.map((n) => (
            <li key={n.id} className={`notification${n.readAt ? '' : ' notification--unread'}`}>
              <Link
                to={n.link}
                onClick={() => {
                  if (!n.readAt) markRead.mutate([n.id]);
                }}
              >
                {n.message}
              </Link>
              <span className="notification__meta">
                {!n.readAt && <span className="badge badge--new">{t('notifications.new')}</span>}{' '}
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </span>
              {!n.readAt && (
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => markRead.mutate([n.id])}
                >
                  {t('notifications.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data && (
        <Pagination
          page={page}
          pageSize={data.pageSize}
          total={data.total}
          onPage={(p) => setQuery({ page: p })}
        />
      )}
    </div>
  );
}
