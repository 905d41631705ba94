import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useFilterParams } from '../../../lib/use-filter-params';
import { OrganisationQualityTable } from '../../answers/components/OrganisationQualityTable';
import { useMe } from '../../auth/api/get-me';
import { canSeeClassifier } from '../../classifier/roles';
import { OverdueSummary } from '../../deadlines/components/OverdueSummary';
import { useReports } from '../../reports/api/get-reports';
import { ReportList } from '../../reports/components/ReportList';
import { BulkBar, bulkActionOf } from '../components/BulkBar';
import { SavedViewControls, SavedViewTabs } from '../components/SavedViews';
import { WorkFilters } from '../components/WorkFilters';
import { WorkItem } from '../components/WorkItem';
import { queuesFor } from '../queues';
import { paramsOf, readWorkQuery, reportsQueryOf, savedQueryOf, type WorkQuery } from '../work-query';

/**
 * The staff workspace: the role's work lists with their order, filters, saved views and bulk action
 * first (on a phone too), then the figures (deadlines per organisation, answer quality) and links.
 */
export function StaffRoute() {
  const { t } = useTranslation();
  usePageTitle(t('staff.title'));
  const { data: user } = useMe();
  const [params, setParams] = useFilterParams();
  const queues = user ? queuesFor(user.role) : [];
  const query = readWorkQuery(params, queues);
  const queue = query.queue;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const reports = useReports(reportsQueryOf(query, page), queue !== undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const show = (next: Record<string, string>) => {
    setSelected([]);
    setParams(next);
  };
  const change = (patch: Partial<WorkQuery>) => show(paramsOf({ ...query, ...patch }));
  const bulk = queue ? bulkActionOf[queue] : undefined;
  const items = reports.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((r) => selected.includes(r.id));

  return (
    <div className="page workspace">
      <h1>{t('staff.title')}</h1>
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
                    onClick={() => setSelected([])}
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
              <SavedViewTabs current={savedQueryOf(query)} onApply={(q) => show(paramsOf(q))} />
              <WorkFilters value={query} onChange={change} />
              <SavedViewControls current={savedQueryOf(query)} />
              {bulk && (
                <div className="bulk-select">
                  <label>
                    <input
                      type="checkbox"
                      checked={allSelected}
                      disabled={items.length === 0}
                      onChange={(e) => setSelected(e.target.checked ? items.map((r) => r.id) : [])}
                    />{' '}
                    {t('workspace.selectAll')}
                  </label>
                  <BulkBar queue={queue} selected={selected} items={items} onDone={() => setSelected([])} />
                </div>
              )}
              <ReportList
                data={reports.data}
                isPending={reports.isPending}
                isStale={reports.isPlaceholderData}
                error={reports.error}
                onPage={(p) => show({ ...paramsOf(query), ...(p > 1 ? { page: String(p) } : {}) })}
                emptyText={t('staff.empty')}
                renderItem={(r) => (
                  <WorkItem
                    report={r}
                    selectable={bulk !== undefined}
                    selected={selected.includes(r.id)}
                    onSelect={(on) => setSelected((s) => (on ? [...s, r.id] : s.filter((id) => id !== r.id)))}
                  />
                )}
              />
            </section>
          )}
        </>
      )}
      {/* The figures come after the work: deadlines per organisation, answer quality. */}
      {user && user.role !== 'resident' && <OverdueSummary />}
      {user && ['operator', 'curator', 'admin'].includes(user.role) && (
        <p>
          <Link to="/staff/answer-templates">{t('answerQuality.templatesTitle')}</Link>
          <span className="hint"> — {t('answerQuality.templatesLinkHint')}</span>
        </p>
      )}
      {user && (
        <OrganisationQualityTable
          ownOrganisationId={user.role === 'operator' ? user.organisationId : undefined}
        />
      )}
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
