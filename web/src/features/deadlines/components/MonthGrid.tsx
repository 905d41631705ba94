import type { CalendarYearView } from '@shared/calendar/calendar.schemas.ts';
import { useTranslation } from 'react-i18next';

type Day = CalendarYearView['days'][number];

export type DayKind = 'working' | 'shortened' | 'off' | 'holiday';

/** What a date is: a stored entry wins, otherwise Monday–Friday work and weekends rest. */
export function kindOf(iso: string, entry: Day | undefined): DayKind {
  if (entry) return entry.isWorking ? (entry.isShortened ? 'shortened' : 'working') : 'holiday';
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 'off' : 'working';
}

const pad = (n: number) => String(n).padStart(2, '0');

type Props = {
  year: number;
  month: number;
  entries: Map<string, Day>;
  selected: string | null;
  onSelect: (day: string) => void;
};

/** One month, Monday first; each date is a button that opens it for editing. */
export function MonthGrid({ year, month, entries, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const first = new Date(Date.UTC(year, month, 1));
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const title = first.toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'ru-RU', {
    month: 'long',
    timeZone: 'UTC',
  });
  return (
    <section className="month" aria-label={title}>
      <h3>{title}</h3>
      <div className="month-grid">
        {/* Empty cells before the 1st: Monday first. */}
        {lead > 0 && <span aria-hidden="true" style={{ gridColumn: `span ${lead}` }} />}
        {Array.from({ length: days }, (_, i) => {
          const iso = `${year}-${pad(month + 1)}-${pad(i + 1)}`;
          const entry = entries.get(iso);
          const kind = kindOf(iso, entry);
          return (
            <button
              key={iso}
              type="button"
              className={`day day--${kind}${selected === iso ? ' day--selected' : ''}`}
              aria-pressed={selected === iso}
              aria-label={`${i + 1} ${title}: ${t(`deadlines.kind.${kind}`)}${entry?.note ? `, ${entry.note}` : ''}`}
              title={entry?.note ?? undefined}
              onClick={() => onSelect(iso)}
            >
              {i + 1}
            </button>
          );
        })}
      </div>
    </section>
  );
}
