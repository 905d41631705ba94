import type { OrganisationPage } from '@shared/directory/directory.schemas.ts';
import { useTranslation } from 'react-i18next';

type Status = Pick<OrganisationPage, 'openNow' | 'closesAt' | 'nextOpening'>;

const localTime = (iso: string) =>
  new Date(new Date(iso).getTime() + 3 * 3600_000).toISOString().slice(11, 16);

/** "Open until 18:00" or "Closed · opens at 9:00 on Monday" (St Petersburg time). */
export function OpenStatus({ status }: { status: Status }) {
  const { t } = useTranslation();
  if (status.openNow)
    return (
      <span className="open-status open-status--open">
        {status.closesAt
          ? t('directory.openUntil', { time: localTime(status.closesAt) })
          : t('directory.open')}
      </span>
    );
  const next = status.nextOpening;
  return (
    <span className="open-status open-status--closed">
      {next
        ? t('directory.closedOpens', {
            time: next.time.replace(/^0/, ''),
            day: t(`directory.weekdayOn.${next.weekday}`),
          })
        : t('directory.closed')}
    </span>
  );
}
