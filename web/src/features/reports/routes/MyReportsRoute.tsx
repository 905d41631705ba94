import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useMe } from '../../auth/api/get-me';
import { useReports } from '../api/get-reports';
import { PendingReports } from '../components/PendingReports';
import { ReportList } from '../components/ReportList';

export function MyReportsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('my.title'));
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const reports = useReports({ queue: 'mine', page, pageSize: 20 });
  if (!user) return null;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('my.title')}</h1>
        <Link to="/reports/new" className="button button--primary">
          {t('nav.newReport')}
        </Link>
      </div>
      <PendingReports userId={user.id} />
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">{t('my.sent')}</h2>
        <ReportList
          data={reports.data}
          isPending={reports.isPending}
          error={reports.error}
          onPage={(p) => setParams(p > 1 ? { page: String(p) } : {})}
          emptyText={t('my.empty')}
        />
      </section>
    </div>
  );
}
