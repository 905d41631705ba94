import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { OrganisationQualityTable } from '../../answers/components/OrganisationQualityTable';
import { useMe } from '../../auth/api/get-me';
import { canSeeClassifier } from '../../classifier/roles';
import { OverdueSummary } from '../../deadlines/components/OverdueSummary';
import { type ReportQueue, useReports } from '../../reports/api/get-reports';
import { ReportList } from '../../reports/components/ReportList';
import { queuesFor } from '../queues';

/** Work lists by role; each item opens the report page, where the allowed actions are. */
export function StaffRoute() {
  const { t } = useTranslation();
  usePageTitle(t('staff.title'));
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const queues = user ? queuesFor(user.role) : [];
  const requested = params.get('queue') as ReportQueue | null;
  const queue = requested && queues.includes(requested) ? requested : queues[0];
  const page = Math.max(1, Number(params.get('page')) || 1);
  const reports = useReports({ queue, page, pageSize: 20 }, queue !== undefined);

  return (
    <div className="page">
      <h1>{t('staff.title')}</h1>
      {/* deadlines: running, nearly due and overdue work per organisation */}
      {user && user.role !== 'resident' && <OverdueSummary />}
      {queues.length === 0 ? (
        <p>{t('staff.noQueues')}</p>
      ) : (
        <>
          <nav aria-label={t('staff.queues')} className="tabs">
            <ul>
              {queues.map((q) => (
                <li key={q}>
                  <Link
                    to={`/staff?queue=${q}`}
                    aria-current={q === queue ? 'page' : undefined}
                    className="tab"
                  >
                    {t(`staff.queue.${q}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {queue && (
            <section aria-labelledby="queue-heading">
              <h2 id="queue-heading">{t(`staff.queue.${queue}`)}</h2>
              <p className="hint">{t(`staff.queueHint.${queue}`)}</p>
              <ReportList
                data={reports.data}
                isPending={reports.isPending}
                error={reports.error}
                onPage={(p) => setParams({ queue, ...(p > 1 ? { page: String(p) } : {}) })}
                emptyText={t('staff.empty')}
              />
            </section>
          )}
        </>
      )}
      {user && ['operator', 'curator', 'admin'].includes(user.role) && (
        <p>
          <Link to="/staff/answer-templates">{t('answerQuality.templatesTitle')}</Link>
          <span className="hint"> — {t('answerQuality.templatesLinkHint')}</span>
        </p>
      )}
      {user && <OrganisationQualityTable />}
      {user && canSeeClassifier(user.role) && (
        <section aria-labelledby="staff-admin-heading" className="staff-admin">
          <h2 id="staff-admin-heading">{t('staff.administration')}</h2>
          <ul className="plain-list">
            <li>
              <Link to="/admin/classifier">{t('classifier.title')}</Link>
              <span className="hint"> — {t('staff.classifierHint')}</span>
            </li>
            {(user.role === 'admin' || user.role === 'curator') && (
              <li>
                <Link to="/admin/staff">{t('staffAdmin.title')}</Link>
                <span className="hint"> — {t(`staffAdmin.linkHint.${user.role}`)}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/routing-rules">{t('adminReference.rules.title')}</Link>
                <span className="hint"> — {t('staff.rulesHint')}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/categories">{t('adminReference.categories.title')}</Link>
                <span className="hint"> — {t('staff.categoriesHint')}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/territories">{t('adminReference.territories.title')}</Link>
                <span className="hint"> — {t('staff.territoriesHint')}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/organisations">{t('adminReference.organisations.title')}</Link>
                <span className="hint"> — {t('staff.organisationsHint')}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/region">{t('adminReference.region.title')}</Link>
                <span className="hint"> — {t('staff.regionHint')}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/calendar">{t('deadlines.calendarTitle')}</Link>
                <span className="hint"> — {t('deadlines.calendarHint')}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/api-keys">{t('apiKeys.title')}</Link>
                <span className="hint"> — {t('staff.apiKeysHint')}</span>
              </li>
            )}
            {user.role === 'admin' && (
              <li>
                <Link to="/admin/webhooks">{t('webhooks.title')}</Link>
                <span className="hint"> — {t('staff.webhooksHint')}</span>
              </li>
            )}
          </ul>
        </section>
      )}
    </div>
  );
}
