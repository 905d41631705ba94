import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { localName } from '../../../lib/format';
import { useCategories } from '../../reference/api/get-categories';
import { useTerritories } from '../../reference/api/get-territories';
import type { AnalyticsFilters } from '../api/get-dashboard';
import { useAlerts, useCellReports, useMatrix } from '../api/get-matrix';

type Cell = { from: string; to: string; categoryId: string; territoryId: string };

/** Systemic problems (subject × district by recurrence) and spike alerts, each with its reports. */
export function MatrixPanel({ filters }: { filters: AnalyticsFilters }) {
  const { t } = useTranslation();
  const matrix = useMatrix(filters, true);
  const alerts = useAlerts(true);
  const categories = useCategories();
  const territories = useTerritories();
  const [open, setOpen] = useState<Cell | null>(null);
  const behind = useCellReports(open);
  const category = (id: string) =>
    localName(categories.data?.find((c) => c.id === id)?.name) || id.slice(0, 8);
  const territory = (id: string) =>
    localName(territories.data?.find((c) => c.id === id)?.name) || id.slice(0, 8);

  return (
    <section aria-labelledby="matrix-heading" className="panel">
      <h2 id="matrix-heading">{t('analytics.matrix')}</h2>
      <h3>{t('analytics.alerts')}</h3>
      {alerts.error && <ErrorMessage error={alerts.error} />}
      {alerts.data && alerts.data.items.length === 0 && <p>{t('analytics.noAlerts')}</p>}
      {alerts.data && alerts.data.items.length > 0 && (
        <ul className="alerts">
          {alerts.data.items.map((a) => (
            <li key={a.id}>
              <strong>
                {category(a.categoryId)} · {territory(a.territoryId)}
              </strong>{' '}
              {t('analytics.alertLine', {
                observed: a.observed,
                expected: a.expected.toFixed(1),
                day: a.openedDay,
              })}{' '}
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => setOpen({ ...a.window, categoryId: a.categoryId, territoryId: a.territoryId })}
              >
                {t('analytics.showReports')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('analytics.recurrence')}</h3>
      <p className="hint">{t('analytics.recurrenceHint')}</p>
      {matrix.error && <ErrorMessage error={matrix.error} />}
      {!matrix.data && !matrix.error && <Loading label={t('analytics.loading')} />}
      {matrix.data && (
        <DataTable
          caption={t('analytics.recurrence')}
          hiddenCaption
          columns={[
            { label: t('analytics.subject') },
            { label: t('analytics.district') },
            { label: t('analytics.cell.reports'), numeric: true },
            { label: t('analytics.cell.merged'), numeric: true },
            { label: t('analytics.cell.disputed'), numeric: true },
            { label: t('analytics.cell.redirected'), numeric: true },
            { label: t('analytics.cell.samePlace'), numeric: true },
            { label: t('analytics.cell.score'), numeric: true },
            { label: <span className="visually-hidden">{t('analytics.showReports')}</span> },
          ]}
        >
          {matrix.data.cells.map((c) => (
            <tr key={`${c.categoryId}-${c.territoryId}`}>
              <th scope="row">{category(c.categoryId)}</th>
              <td>{territory(c.territoryId)}</td>
              <td className="num">{c.reports}</td>
              <td className="num">{c.merged}</td>
              <td className="num">{c.disputed}</td>
              <td className="num">{c.redirected}</td>
              <td className="num">{c.samePlace}</td>
              <td className="num">{c.score}</td>
              <td>
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() =>
                    setOpen({
                      from: matrix.data.from,
                      to: matrix.data.to,
                      categoryId: c.categoryId,
                      territoryId: c.territoryId,
                    })
                  }
                >
                  {t('analytics.showReports')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {open && (
        <section className="drill-down" aria-label={t('analytics.cellReports')}>
          <h3>
            {t('analytics.cellReports')}: {category(open.categoryId)} · {territory(open.territoryId)}
          </h3>
          {behind.error && <ErrorMessage error={behind.error} />}
          {behind.data && (
            <ul>
              {behind.data.items.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}>{t('report.number', { number: r.number })}</Link> ·{' '}
                  {r.createdDay} · {t(`status.${r.status}`)}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button button--small" onClick={() => setOpen(null)}>
            {t('analytics.closeReports')}
          </button>
        </section>
      )}
    </section>
  );
}
