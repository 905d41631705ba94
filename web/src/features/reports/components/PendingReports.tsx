import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { formatDateTime } from '../../../lib/format';
import { notify } from '../../../lib/notices';
import { reportQueryKey } from '../api/get-report';
import { removePendingReport, usePendingReports } from '../offline/pending-store';
import { flushPendingReports } from '../offline/sync';

/** Reports kept on this device until the network returns. */
export function PendingReports({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const pending = usePendingReports(userId);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (pending.length === 0) return null;

  const sendNow = async () => {
    setBusy(true);
    await flushPendingReports(userId, (report) => {
      queryClient.setQueryData(reportQueryKey(report.id), report);
      notify(t('offline.sent', { number: report.number }), 'success');
    });
    await queryClient.invalidateQueries({ queryKey: ['reports'] });
    setBusy(false);
  };

  return (
    <Card title={t('offline.pendingTitle', { count: pending.length })} className="pending-reports">
      <p className="hint">{t('offline.pendingHint')}</p>
      <ul className="plain-list">
        {pending.map((p) => (
          <li key={p.idempotencyKey} className="pending-item">
            <p className="pending-item__meta">
              <span className="badge badge--waiting">{t('offline.waiting')}</span>
              <span>{t('offline.savedAt', { date: formatDateTime(p.savedAt) })}</span>
            </p>
            <p className="report-card__text">{p.body.text}</p>
            {p.lastError && (
              <p className="field-error">
                {t('offline.failed')}: {p.lastError}
              </p>
            )}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                if (window.confirm(t('offline.confirmDelete'))) removePendingReport(p.idempotencyKey);
              }}
            >
              {t('offline.delete')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={sendNow} disabled={busy}>
        {busy ? t('common.sending') : t('offline.sendNow')}
      </button>
    </Card>
  );
}
