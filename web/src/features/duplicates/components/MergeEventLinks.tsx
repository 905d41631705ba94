import type { ReportEvent } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** On a timeline entry of a merge: the other report, as a link. */
export function MergeEventLinks({ event }: { event: ReportEvent }) {
  const { t } = useTranslation();
  const p = event.payload;
  const other =
    typeof p.primaryId === 'string' && typeof p.primaryNumber === 'number'
      ? { id: p.primaryId, number: p.primaryNumber, label: 'duplicates.primary' }
      : typeof p.duplicateId === 'string' && typeof p.duplicateNumber === 'number'
        ? { id: p.duplicateId, number: p.duplicateNumber, label: 'duplicates.duplicate' }
        : null;
  if (!other) return null;
  return (
    <p className="timeline-text">
      <span className="label">{t(other.label)}: </span>
      <Link to={`/reports/${other.id}`}>{t('report.number', { number: other.number })}</Link>
    </p>
  );
}
