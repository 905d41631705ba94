import { noticeKinds } from '@shared/notices/notices.schemas.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime, localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { isStaff } from '../../staff/queues';
import { useNotices } from '../api/get-notices';
import { NoticeAreaMap } from '../components/NoticeAreaMap';

const WEEK_MS = 7 * 24 * 3600_000;

/** The public list of notices, now or in the coming week, by kind, with their areas on a map. */
export function NoticesRoute() {
  const { t } = useTranslation();
  usePageTitle(t('notices.title'));
  const { data: me } = useMe();
  const [kind, setKind] = useState('');
  const [when, setWhen] = useState<'now' | 'week'>('now');
  // The window is fixed when the choice is made, so the query key stays stable while the page is open.
  const window = useMemo(() => {
    const now = new Date();
    return when === 'now'
      ? {}
      : { at: now.toISOString(), to: new Date(now.getTime() + WEEK_MS).toISOString() };
  }, [when]);
  const notices = useNotices({ ...window, kind: kind || undefined });
  const features = notices.data?.features ?? [];
  const areas = useMemo(
    () =>
      features.map((f) => ({
        id: f.id,
        geometry: f.geometry,
        kind: f.properties.kind,
        bufferMeters: f.properties.bufferMeters,
      })),
    [features],
  );

  return (
    <div className="page notices-ui notices-page">
      <div className="page-head">
        <h1>{t('notices.title')}</h1>
        <div className="page-head__actions">
          {me && <Link to="/notices/subscriptions">{t('notices.subscriptions.link')}</Link>}
          {me && isStaff(me.role) && me.role !== 'analyst' && (
            <Link className="button button--small" to="/notices/new">
              {t('notices.new')}
            </Link>
          )}
        </div>
      </div>
      <p>{t('notices.intro')}</p>
      {me === null && <SignInPrompt>{t('notices.subscriptions.signInToSubscribe')}</SignInPrompt>}
      <div className="filters">
        <label>
          {t('notices.filters.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('notices.filters.allKinds')}</option>
            {noticeKinds.map((k) => (
              <option key={k} value={k}>
                {t(`notices.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('notices.filters.when')}{' '}
          <select value={when} onChange={(e) => setWhen(e.target.value as 'now' | 'week')}>
            <option value="now">{t('notices.filters.now')}</option>
            <option value="week">{t('notices.filters.week')}</option>
          </select>
        </label>
      </div>
      <NoticeAreaMap items={areas} label={t('notices.mapLabel')} />
      {notices.isPending && <Loading />}
      <ErrorMessage error={notices.error} />
      {notices.data && features.length === 0 && <p>{t('notices.empty')}</p>}
      <ul className="card-list">
        {features.map((f) => (
          <li key={f.id} className="card">
            <h2 className="card__title">
              <Link to={`/notices/${f.id}`}>{f.properties.title}</Link>
            </h2>
            <p>
              <span className={`badge badge--${f.properties.kind}`}>
                {t(`notices.kinds.${f.properties.kind}`)}
              </span>{' '}
              {t(`notices.status.${f.properties.status}`)} · {localName(f.properties.organisation.name)}
            </p>
            <p className="muted">
              {t('notices.window', {
                from: formatDateTime(f.properties.startsAt),
                to: formatDateTime(f.properties.endsAt),
              })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
