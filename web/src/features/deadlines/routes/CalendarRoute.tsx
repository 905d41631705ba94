import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { useCalendarYear, useCalendarYears } from '../api/calendar';
import { DayEditor } from '../components/DayEditor';
import { MonthGrid } from '../components/MonthGrid';

/** The production calendar (admin): twelve months of a year, each date editable. */
export function CalendarRoute() {
  const { t } = useTranslation();
  usePageTitle(t('deadlines.calendarTitle'));
  const thisYear = new Date().getFullYear();
  const years = useCalendarYears();
  const [year, setYear] = useState(thisYear);
  const [selected, setSelected] = useState<string | null>(null);
  const calendar = useCalendarYear(year);
  const entries = useMemo(() => new Map((calendar.data?.days ?? []).map((d) => [d.day, d])), [calendar.data]);
  const choices = [
    ...new Set([...(years.data?.years.map((y) => y.year) ?? []), thisYear, thisYear + 1]),
  ].sort();

  return (
    <div className="page calendar-page">
      <h1>{t('deadlines.calendarTitle')}</h1>
      <p className="hint">{t('deadlines.calendarLead')}</p>
      <div className="field calendar-year">
        <label htmlFor="calendar-year">{t('deadlines.year')}</label>
        <select
          id="calendar-year"
          value={year}
          onChange={(e) => {
            setYear(Number(e.target.value));
            setSelected(null);
          }}
        >
          {choices.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {calendar.isPending && <Loading />}
      <ErrorMessage error={calendar.error} />
      {calendar.data && (
        <>
          <p>
            {calendar.data.source
              ? t(`deadlines.source.${calendar.data.source}`)
              : t('deadlines.source.none')}
            {calendar.data.note ? ` — ${calendar.data.note}` : ''}
            {'. '}
            {t('deadlines.workingDaysInYear', { count: calendar.data.workingDays })}
          </p>
          <ul className="calendar-legend" aria-label={t('deadlines.legend')}>
            {(['working', 'shortened', 'off', 'holiday'] as const).map((k) => (
              <li key={k}>
                <span className={`day day--${k}`} aria-hidden="true" /> {t(`deadlines.kind.${k}`)}
              </li>
            ))}
          </ul>
          <div className="calendar-layout">
            <div className="months">
              {Array.from({ length: 12 }, (_, m) => (
                <MonthGrid
                  // biome-ignore lint/suspicious/noArrayIndexKey: the month number is the identity
                  key={m}
                  year={year}
                  month={m}
                  entries={entries}
                  selected={selected}
                  onSelect={setSelected}
                />
              ))}
            </div>
            <aside className="card">
              {selected ? (
                <DayEditor day={selected} entry={entries.get(selected)} />
              ) : (
                <p className="muted">{t('deadlines.chooseDay')}</p>
              )}
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
