import type { CalendarDay, CalendarYear } from './production-calendar.ts';

/**
 * The calendars shipped with the platform (loaded by the migration, then editable by the admin).
 *
 * 2026: the Government's decree of 24.09.2025 № 1466 ("О переносе выходных дней в 2026 году"):
 * Saturday 3 January moves to Friday 9 January, Sunday 4 January to Thursday 31 December.
 * 2027: no decree is available to us, so it is derived from the Labour Code, art. 112 (see
 * `labourCodeYear`); the admin enters the transfers once the decree is published.
 */
const H = (day: string, note: string): CalendarDay => ({ day, isWorking: false, isShortened: false, note });
const S = (day: string, note: string): CalendarDay => ({ day, isWorking: true, isShortened: true, note });

const decree2026: CalendarDay[] = [
  ...[1, 2, 3, 4, 5, 6, 8].map((d) => H(`2026-01-0${d}`, 'Новогодние каникулы')),
  H('2026-01-07', 'Рождество Христово'),
  H('2026-01-09', 'Перенос с субботы 3 января'),
  H('2026-02-23', 'День защитника Отечества'),
  H('2026-03-08', 'Международный женский день'),
  H('2026-03-09', 'Перенос с воскресенья 8 марта'),
  S('2026-04-30', 'Предпраздничный день'),
  H('2026-05-01', 'Праздник Весны и Труда'),
  S('2026-05-08', 'Предпраздничный день'),
  H('2026-05-09', 'День Победы'),
  H('2026-05-11', 'Перенос с субботы 9 мая'),
  S('2026-06-11', 'Предпраздничный день'),
  H('2026-06-12', 'День России'),
  S('2026-11-03', 'Предпраздничный день'),
  H('2026-11-04', 'День народного единства'),
  H('2026-12-31', 'Перенос с воскресенья 4 января'),
];

/** Labour Code art. 112: the non-working public holidays (month, day, name). */
const PUBLIC_HOLIDAYS: [number, number, string][] = [
  ...[1, 2, 3, 4, 5, 6, 8].map((d): [number, number, string] => [1, d, 'Новогодние каникулы']),
  [1, 7, 'Рождество Христово'],
  [2, 23, 'День защитника Отечества'],
  [3, 8, 'Международный женский день'],
  [5, 1, 'Праздник Весны и Труда'],
  [5, 9, 'День Победы'],
  [6, 12, 'День России'],
  [11, 4, 'День народного единства'],
];

const DAY = 24 * 60 * 60 * 1000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const isWeekend = (t: number) => [0, 6].includes(new Date(t).getUTCDay());

/**
 * A year's calendar by the Labour Code alone: the holidays of art. 112; a holiday that falls on a
 * weekend gives a day off on the next working day, except the January ones (those the Government
 * moves by decree, which we do not have); the working day just before a holiday is an hour shorter
 * (art. 95), including 31 December before New Year.
 */
export function labourCodeYear(year: number): CalendarDay[] {
  const days = new Map<string, CalendarDay>();
  const holidays = PUBLIC_HOLIDAYS.map(([m, d, note]) => ({ t: Date.UTC(year, m - 1, d), note }));
  for (const h of holidays) days.set(iso(h.t), H(iso(h.t), h.note));
  const off = (t: number) => isWeekend(t) || days.get(iso(t))?.isWorking === false;
  for (const h of holidays) {
    if (!isWeekend(h.t) || new Date(h.t).getUTCMonth() === 0) continue;
    let t = h.t + DAY;
    while (off(t)) t += DAY;
    days.set(iso(t), H(iso(t), `Перенос: ${h.note} (${iso(h.t)})`));
  }
  const beforeHolidays = [...holidays.map((h) => h.t), Date.UTC(year + 1, 0, 1)];
  for (const t of beforeHolidays) {
    const eve = t - DAY;
    if (new Date(eve).getUTCFullYear() === year && !off(eve))
      days.set(iso(eve), S(iso(eve), 'Предпраздничный день'));
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

export const shippedCalendar: { years: CalendarYear[]; days: CalendarDay[] } = {
  years: [
    { year: 2026, source: 'decree', note: 'Постановление Правительства РФ от 24.09.2025 № 1466' },
    {
      year: 2027,
      source: 'labour_code',
      note: 'По ст. 112 ТК РФ, без постановления о переносе выходных дней',
    },
  ],
  days: [...decree2026, ...labourCodeYear(2027)],
};
