import type { SimilarReport } from '@shared/duplicates/duplicates.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { StatusBadge } from '../../reports/components/StatusBadge';
import { useChangeSupport } from '../api/change-support';

/**
 * "Already reported": each similar report with its number, status, distance and start of text,
 * how many people back it, and a button to back it too (never one's own report).
 */
export function SimilarReportList({ items }: { items: SimilarReport[] }) {
  const { t } = useTranslation();
  const change = useChangeSupport();
  // Supported here and now: a list handed over after filing is not refetched, so remember it.
  const [supported, setSupported] = useState<Record<string, number>>({});
  return (
    <>
      <ul className="similar-list">
        {items.map((r) => {
          const count = supported[r.id] ?? r.supportCount;
          const mine = r.supportedByMe || r.id in supported;
          return (
            <li key={r.id} className="similar-item">
              <p className="similar-item__head">
                <Link to={`/reports/${r.id}`}>{t('report.number', { number: r.number })}</Link>{' '}
                <StatusBadge status={r.status} />{' '}
                <span className="muted">{t('duplicates.distance', { count: r.distanceMeters })}</span>
              </p>
              <p className="similar-item__text">{r.shortText}</p>
              <p className="similar-item__foot">
                <span className="muted">{t('duplicates.supporters', { count })}</span>{' '}
                {r.isMine ? (
                  <span className="tag">{t('duplicates.yours')}</span>
                ) : mine ? (
                  <span className="tag">{t('duplicates.youSupport')}</span>
                ) : (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={change.isPending}
                    aria-label={t('duplicates.supportNumber', { number: r.number })}
                    onClick={() =>
                      change
                        .mutateAsync({ reportId: r.id, support: true })
                        .then((report) => setSupported((s) => ({ ...s, [r.id]: report.supportCount })))
                        .catch(() => undefined)
                    }
                  >
                    {t('duplicates.support')}
                  </button>
                )}
              </p>
            </li>
          );
        })}
      </ul>
      <ErrorMessage error={change.error} />
    </>
  );
}
