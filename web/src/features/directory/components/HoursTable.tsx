import type { OrganisationPage } from '@shared/directory/directory.schemas.ts';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';

/** The weekly schedule, one row per weekday, with breaks; days off and holidays below. */
export function HoursTable({ page }: { page: OrganisationPage }) {
  const { t } = useTranslation();
  if (page.hours.length === 0) return <p>{page.hoursText ?? t('directory.noHours')}</p>;
  return (
    <>
      <table className="data-table hours-table">
        <caption className="visually-hidden">{t('directory.hours')}</caption>
        <tbody>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => {
            const slots = page.hours.filter((h) => h.day === day);
            return (
              <tr key={day}>
                <th scope="row">{t(`directory.weekday.${day}`)}</th>
                <td>
                  {slots.length === 0
                    ? t('directory.dayOff')
                    : slots
                        .map(
                          (h) =>
                            `${h.opens}–${h.closes}` +
                            (h.breaks.length > 0
                              ? ` (${t('directory.break')} ${h.breaks.map((b) => `${b.from}–${b.to}`).join(', ')})`
                              : ''),
                        )
                        .join('; ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {page.observesHolidays && <p className="hint">{t('directory.holidaysClosed')}</p>}
      {page.daysOff.length > 0 && (
        <p className="hint">
          {t('directory.daysOff', { list: page.daysOff.map((d) => formatDate(d)).join(', ') })}
        </p>
      )}
    </>
  );
}
