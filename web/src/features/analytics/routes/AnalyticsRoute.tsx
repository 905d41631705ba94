import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDate, localName } from '../../../lib/format';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useMe } from '../../auth/api/get-me';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import { CategoryOptions } from '../../reference/components/CategoryOptions';
import { type AnalyticsFilters, exportUrl, useDashboard } from '../api/get-dashboard';
import { useOrganisations } from '../api/get-organisations';
import { DistrictMap } from '../components/DistrictMap';
import { ExportLinks } from '../components/ExportLinks';
import { LeagueTable } from '../components/LeagueTable';
import { MatrixPanel } from '../components/MatrixPanel';
import { SummaryFigures } from '../components/SummaryFigures';
import { TrendCharts } from '../components/TrendCharts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Moscow time's today, as the server counts periods. */
const today = () => iso(Date.now() + 3 * 3_600_000);

/** Roles that see the systemic-problem matrix and the spike alerts. */
export const analystRoles = ['analyst', 'curator', 'admin'] as const;

/**
 * Dashboards (PRODUCT.md §2 F): the key figures of a period against the previous one, trends by
 * month and week, the districts map, the league table and, for analysts, systemic problems. Every
 * chart has its table and CSV/XLSX export; the filters live in the address, so a view can be shared.
 */
export function AnalyticsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('analytics.title'));
  const [params, setParams] = useFilterParams();
  const { data: me } = useMe();
  const territories = useTerritories();
  const organisations = useOrganisations();
  const to = params.get('to') ?? today();
  const filters: AnalyticsFilters = {
    from: params.get('from') ?? iso(Date.parse(`${to}T00:00:00Z`) - 29 * DAY),
    to,
    territoryId: params.get('territoryId') || undefined,
    categoryId: params.get('categoryId') || undefined,
    organisationId: params.get('organisationId') || undefined,
  };
  const dashboard = useDashboard(filters);
  const set = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    if (key === 'from' || key === 'to') {
      p.set('from', key === 'from' ? value : filters.from);
      p.set('to', key === 'to' ? value : filters.to);
    }
    setParams(p, { replace: true });
  };
  const analyst = me ? (analystRoles as readonly string[]).includes(me.role) : false;

  return (
    <div className="page analytics-page">
      <h1>{t('analytics.title')}</h1>
      <form className="filters" aria-label={t('analytics.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('analytics.from')}</span>
          <input
            type="date"
            value={filters.from}
            max={filters.to}
            onChange={(e) => set('from', e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('analytics.to')}</span>
          <input
            type="date"
            value={filters.to}
            min={filters.from}
            onChange={(e) => set('to', e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('analytics.district')}</span>
          <select value={filters.territoryId ?? ''} onChange={(e) => set('territoryId', e.target.value)}>
            <option value="">{t('analytics.all')}</option>
            {districtsOf(territories.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {localName(d.name)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('analytics.category')}</span>
          <select value={filters.categoryId ?? ''} onChange={(e) => set('categoryId', e.target.value)}>
            <option value="">{t('analytics.all')}</option>
            <CategoryOptions wholeTopic={(topic) => t('analytics.wholeTopic', { topic })} />
          </select>
        </label>
        <label className="field">
          <span>{t('analytics.organisation')}</span>
          <select
            value={filters.organisationId ?? ''}
            onChange={(e) => set('organisationId', e.target.value)}
          >
            <option value="">{t('analytics.all')}</option>
            {(organisations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
          </select>
        </label>
      </form>

      {dashboard.error && <ErrorMessage error={dashboard.error} />}
      {!dashboard.data && !dashboard.error && <Loading label={t('analytics.loading')} />}
      {dashboard.data && (
        <>
          <section aria-labelledby="figures-heading" className="panel">
            <h2 id="figures-heading">
              {t('analytics.figuresHeading', {
                from: formatDate(dashboard.data.from),
                to: formatDate(dashboard.data.to),
              })}
            </h2>
            <SummaryFigures data={dashboard.data} />
            <ExportLinks
              name={t('analytics.figuresLabel')}
              csv={exportUrl('summary', 'csv', filters)}
              xlsx={exportUrl('summary', 'xlsx', filters)}
            />
          </section>
          <section aria-labelledby="trends-heading" className="panel">
            <h2 id="trends-heading">{t('analytics.trends')}</h2>
            <TrendCharts data={dashboard.data} filters={filters} />
          </section>
        </>
      )}
      <DistrictMap filters={filters} />
      <LeagueTable filters={filters} />
      {analyst && <MatrixPanel filters={filters} />}
    </div>
  );
}
