import { type LeagueMetric, leagueMetrics } from '@shared/analytics/analytics.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { formatPercent, localName } from '../../../lib/format';
import { type AnalyticsFilters, exportUrl } from '../api/get-dashboard';
import { useLeague } from '../api/get-league';
import { useOrganisations } from '../api/get-organisations';
import { ExportLinks } from './ExportLinks';

/** The league table: ranked organisations with their 95 % interval and sample; small ones apart. */
export function LeagueTable({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation();
  const [metric, setMetric] = useState<LeagueMetric>('answered_on_time');
  const league = useLeague(metric);
  const organisations = useOrganisations();
  const name = (id: string) =>
    localName(organisations.data?.find((o) => o.id === id)?.name) || id.slice(0, 8);
  const show = (v: number | null) =>
    v === null ? '—' : metric === 'median_answer_days' ? String(v) : formatPercent(v, 1);
  const caption = t('analytics.leagueCaption', { metric: t(`analytics.metric.${metric}`) });
  return (
    <section aria-labelledby="league-heading" className="panel">
      <h2 id="league-heading">{t('analytics.league')}</h2>
      <p className="hint">{t('analytics.leagueHint')}</p>
      <label className="field field--inline">
        <span>{t('analytics.leagueMetric')}</span>
        <select value={metric} onChange={(e) => setMetric(e.target.value as LeagueMetric)}>
          {leagueMetrics.map((m) => (
            <option key={m} value={m}>
              {t(`analytics.metric.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {league.error && <ErrorMessage error={league.error} />}
      {!league.data && !league.error && <Loading label={t('analytics.loading')} />}
      {league.data && (
        <>
          <DataTable
            caption={caption}
            columns={[
              { label: t('analytics.rank'), numeric: true },
              { label: t('analytics.organisation') },
              { label: t('analytics.value'), numeric: true },
              { label: t('analytics.interval') },
              { label: t('analytics.sample'), numeric: true },
            ]}
          >
            {league.data.ranked.map((r, i) => (
              <tr key={r.organisationId}>
                <td className="num">{i + 1}</td>
                <th scope="row">{name(r.organisationId)}</th>
                <td className="num">{show(r.value)}</td>
                <td>
                  {show(r.low)} – {show(r.high)}
                </td>
                <td className="num">{r.n}</td>
              </tr>
            ))}
          </DataTable>
          {league.data.unranked.length > 0 && (
            <details>
              <summary>{t('analytics.unranked', { count: league.data.unranked.length })}</summary>
              <ul>
                {league.data.unranked.map((r) => (
                  <li key={r.organisationId}>
                    {name(r.organisationId)}: {t('analytics.sampleOf', { count: r.n })}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <ExportLinks
            name={caption}
            csv={exportUrl('league', 'csv', filters, { metric })}
            xlsx={exportUrl('league', 'xlsx', filters, { metric })}
          />
        </>
      )}
    </section>
  );
}
