import type { ReportSummary } from '@shared/reports/reports.schemas.ts';
import type { BulkResult } from '@shared/workspace/workspace.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { localName } from '../../../lib/format';
import { useOrganisations } from '../../reference/api/get-organisations';
import type { ReportQueue } from '../../reports/api/get-reports';
import { useBulkAction } from '../api/bulk-action';

/** The bulk action each work list offers: accept in moderation, assign for the curator, take into work. */
export const bulkActionOf: Partial<Record<ReportQueue, 'accept' | 'assign' | 'start'>> = {
  moderation: 'accept',
  curator: 'assign',
  organisation: 'start',
};

type Props = {
  queue: ReportQueue;
  selected: string[];
  items: ReportSummary[];
  onDone: () => void;
};

/** Runs the list's action over the selected reports and says which were refused and why. */
export function BulkBar({ queue, selected, items, onDone }: Props) {
  const { t } = useTranslation();
  const action = bulkActionOf[queue];
  const bulk = useBulkAction();
  const [organisationId, setOrganisationId] = useState('');
  const organisations = useOrganisations(action === 'assign');
  const [result, setResult] = useState<BulkResult | null>(null);
  // The numbers as they were when the action ran: done reports leave the list afterwards.
  const [numbers, setNumbers] = useState<Map<string, number>>(new Map());
  if (!action) return null;

  const run = () => {
    const reportIds = selected;
    setNumbers(new Map(items.map((r) => [r.id, r.number])));
    const request =
      action === 'assign' ? { action, reportIds, body: { organisationId } } : { action, reportIds };
    bulk.mutate(request, {
      onSuccess: (r) => {
        setResult(r);
        onDone();
      },
    });
  };

  return (
    <section className="bulk-bar" aria-label={t('workspace.bulkLabel')}>
      <span>{t('workspace.selected', { count: selected.length })}</span>
      {action === 'assign' && (
        <div className="field field--inline">
          <label htmlFor="bulk-organisation">{t('workspace.assignTo')}</label>
          <select
            id="bulk-organisation"
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            <option value="">{t('workspace.chooseOrganisation')}</option>
            {(organisations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {localName(o.name)}
              </option>
            ))}
          </select>
        </div>
      )}
      <button
        type="button"
        className="button"
        disabled={selected.length === 0 || bulk.isPending || (action === 'assign' && !organisationId)}
        onClick={run}
      >
        {t(`workspace.bulk.${action}`, { count: selected.length })}
      </button>
      {bulk.error && <ErrorMessage error={bulk.error} />}
      {result && (
        <div className={`alert ${result.failed ? 'alert--error' : 'alert--success'}`} role="status">
          <p>{t('workspace.bulkDone', { succeeded: result.succeeded, failed: result.failed })}</p>
          {result.failed > 0 && (
            <ul>
              {result.results
                .filter((r) => !r.ok)
                .map((r) => (
                  <li key={r.reportId}>
                    {t('report.number', { number: numbers.get(r.reportId) ?? '?' })}: {r.error?.message}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
