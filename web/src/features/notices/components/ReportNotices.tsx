import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';

type Props = { notices: { id: string; title: string; endsAt: string }[] };

/** On a report (and right after filing it): the notices of works or outages that explain it. */
export function ReportNotices({ notices }: Props) {
  const { t } = useTranslation();
  if (notices.length === 0) return null;
  return (
    <section className="notice-box" aria-labelledby="report-notices-heading">
      <h2 id="report-notices-heading">{t('notices.onReport.heading')}</h2>
      <p>{t('notices.onReport.explain')}</p>
      <ul>
        {notices.map((n) => (
          <li key={n.id}>
            <Link to={`/notices/${n.id}`}>{n.title}</Link>{' '}
            <span className="muted">{t('notices.onReport.until', { date: formatDateTime(n.endsAt) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
