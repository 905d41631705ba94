import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { localName } from '../../../lib/format';
import { useDeadlineSummary } from '../api/get-deadline-summary';

/**
 * Deadlines per organisation in the staff workspace (the server scopes it to what the user handles).
 * Answers waiting for review are counted apart: the organisation's clock stands still meanwhile.
 */
export function OverdueSummary() {
  const { t } = useTranslation();
  const summary = useDeadlineSummary(true);
  return (
    <section aria-labelledby="deadline-summary-heading" className="card deadline-summary">
      <h2 id="deadline-summary-heading">{t('deadlines.summaryTitle')}</h2>
      {summary.isPending && <Loading />}
      <ErrorMessage error={summary.error} />
      {summary.data && summary.data.items.length === 0 && (
        <p className="muted">{t('deadlines.summaryEmpty')}</p>
      )}
      {summary.data && summary.data.items.length > 0 && (
        // A table wider than a phone scrolls: keyboard users reach it by Tab (axe: scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <section className="table-scroll" aria-labelledby="deadline-summary-heading" tabIndex={0}>
          {/* On a phone each organisation's row is a short list of labelled figures (no column is cut off). */}
          <table className="data-table data-table--stack">
            <thead>
              <tr>
                <th scope="col">{t('report.organisation')}</th>
                <th scope="col">{t('deadlines.running')}</th>
                <th scope="col">{t('deadlines.nearlyDue')}</th>
                <th scope="col">{t('deadlines.overdue')}</th>
                <th scope="col">{t('deadlines.escalated')}</th>
                <th scope="col">{t('deadlines.inReview')}</th>
                <th scope="col">{t('deadlines.reviewOverdue')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.data.items.map((row) => (
                <tr key={row.organisation.id}>
                  <th scope="row">{localName(row.organisation.name)}</th>
                  <td data-label={t('deadlines.running')}>{row.running}</td>
                  <td data-label={t('deadlines.nearlyDue')}>{row.nearlyDue}</td>
                  <td data-label={t('deadlines.overdue')} className={row.overdue > 0 ? 'overdue' : undefined}>
                    {row.overdue}
                  </td>
                  <td data-label={t('deadlines.escalated')}>{row.escalated}</td>
                  <td data-label={t('deadlines.inReview')}>{row.inReview}</td>
                  <td
                    data-label={t('deadlines.reviewOverdue')}
                    className={row.reviewOverdue > 0 ? 'overdue' : undefined}
                  >
                    {row.reviewOverdue}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
