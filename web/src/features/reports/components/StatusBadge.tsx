import type { ReportStatus } from '@shared/reports/report-states.ts';
import { useTranslation } from 'react-i18next';
import { statusTone } from '../status';

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${statusTone[status]}`}>{t(`status.${status}`)}</span>;
}
