import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useMe } from '../../auth/api/get-me';
import { useReports } from '../api/get-reports';
import { PendingReports } from '../components/PendingReports';
import { ReportList } from '../components/ReportList';
import { type MyReportView, myReportViews } from '../status';

const views = Object.keys(myReportViews) as MyReportView[];
const isView = (v: string | null): v is MyReportView => views.includes(v as MyReportView);
const statusesOf = (view: MyReportView) => {
  const statuses = myReportViews[view];
  return statuses ? [...statuses] : undefined;
};

/**
 * The resident's own reports, by view: the reports that wait for them (a question from the moderator,
 * an answer to rate or dispute) are counted in their tab, so that nothing waits unseen.
 */
export function MyReportsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('my.title'));
  const { data: user } = useMe();
  const [params, setParams] = useFilterParams();
  const view: MyReportView = isView(params.get('view')) ? (params.get('view') as MyReportView) : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const reports = useReports({ queue: 'mine', status: statusesOf(view), page, pageSize: 20 });
  const waiting = useReports({ queue: 'mine', status: statusesOf('yourTurn'), pageSize: 1 });
  const waitingCount = waiting.data?.total ?? 0;
  if (!user) return null;

  const viewLink = (v: MyReportView) => (v === 'all' ? '/my' : `/my?view=${v}`);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('my.title')}</h1>
        <Link to="/reports/new" className="button button--primary">
          {t('nav.newReport')}
        </Link>
      </div>
      <PendingReports userId={user.id} />
      {waitingCount > 0 && view !== 'yourTurn' && (
        <p className="alert alert--info">
          {t('my.waitingNotice', { count: waitingCount })}{' '}
          <Link to={viewLink('yourTurn')}>{t('my.waitingLink')}</Link>
        </p>
      )}
      <nav aria-label={t('my.views')} className="tabs">
        <ul>
          {views.map((v) => (
            <li key={v}>
              <Link to={viewLink(v)} aria-current={v === view ? 'page' : undefined} className="tab">
                {t(`my.view.${v}`)}
                {v === 'yourTurn' && waitingCount > 0 && <span className="tab__count"> {waitingCount}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading" className="visually-hidden">
          {t(`my.view.${view}`)}
        </h2>
        <p className="hint">{t(`my.viewHint.${view}`)}</p>
        <ReportList
          data={reports.data}
          isPending={reports.isPending}
          isStale={reports.isPlaceholderData}
          error={reports.error}
          onPage={(p) => {
            const next = new URLSearchParams(params);
            if (p > 1) next.set('page', String(p));
            else next.delete('page');
            setParams(next);
          }}
          emptyText={view === 'all' ? t('my.empty') : t('my.emptyView')}
        />
      </section>
    </div>
  );
}
