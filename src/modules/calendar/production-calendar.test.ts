import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  countWorkingDays as countDays,
  type WorkingDayCalendar,
  weekendsOnly,
} from '../../lib/working-days.ts';
import { workingDaysLeft } from './deadlines.ts';
import { ProductionCalendar } from './production-calendar.ts';
import { labourCodeYear, shippedCalendar } from './ru-calendar-data.ts';

const calendar = new ProductionCalendar(shippedCalendar.days);
const date = (d: string) => new Date(`${d}T00:00:00Z`);
const works = (d: string) => calendar.isWorkingDay(date(d));
/** The instant at which the local (UTC+3) day ends. */
const endOf = (d: string) => new Date(`${d}T23:59:59.999+03:00`);
/** Noon, Moscow time. */
const noon = (d: string) => new Date(`${d}T12:00:00+03:00`);

function countWorkingDays(year: number, cal = calendar): number {
  let n = 0;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000)
    if (cal.isWorkingDay(new Date(t))) n += 1;
  return n;
}

describe('the 2026 production calendar (decree № 1466)', () => {
  it('rests on the public holidays and the days the decree moved', () => {
    for (const d of ['2026-01-01', '2026-01-08', '2026-01-09', '2026-02-23', '2026-03-09', '2026-05-01'])
      expect(works(d), d).toBe(false);
    for (const d of ['2026-05-11', '2026-06-12', '2026-11-04', '2026-12-31']) expect(works(d), d).toBe(false);
    // The first working day of the year, and ordinary weekdays around the holidays.
    for (const d of ['2026-01-12', '2026-02-24', '2026-03-10', '2026-05-12', '2026-12-30'])
      expect(works(d), d).toBe(true);
  });

  it('has 247 working days and 1972 working hours, as the official calendar', () => {
    expect(countWorkingDays(2026)).toBe(247);
    let hours = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      if (calendar.isWorkingDay(d)) hours += calendar.isShortened(d) ? 7 : 8;
    }
    expect(hours).toBe(1972);
  });

  it('marks the pre-holiday days as shortened', () => {
    for (const d of ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'])
      expect(calendar.isShortened(date(d)), d).toBe(true);
    expect(calendar.isShortened(date('2026-03-06'))).toBe(false);
  });
});

describe('2027 by the Labour Code (art. 112)', () => {
  const y2027 = new ProductionCalendar(labourCodeYear(2027));
  it('rests from 1 to 10 January without moving the January holidays that fall on a weekend', () => {
    for (let d = 1; d <= 10; d += 1)
      expect(y2027.isWorkingDay(date(`2027-01-${String(d).padStart(2, '0')}`))).toBe(false);
    expect(y2027.isWorkingDay(date('2027-01-11'))).toBe(true);
  });

  it('moves a holiday that falls on a weekend to the next working day', () => {
    // 1 May and 12 June are Saturdays, 9 May a Sunday.
    expect(y2027.isWorkingDay(date('2027-05-03'))).toBe(false);
    expect(y2027.isWorkingDay(date('2027-05-10'))).toBe(false);
    expect(y2027.isWorkingDay(date('2027-06-14'))).toBe(false);
    expect(y2027.isWorkingDay(date('2027-05-04'))).toBe(true);
    // 23 February (Tuesday) and 8 March (Monday) fall on weekdays.
    expect(y2027.isWorkingDay(date('2027-02-23'))).toBe(false);
    expect(y2027.isWorkingDay(date('2027-03-08'))).toBe(false);
    expect(y2027.isShortened(date('2027-02-22'))).toBe(true);
    expect(y2027.isShortened(date('2027-12-31'))).toBe(true);
  });

  it('is what the platform ships for 2027', () => {
    expect(shippedCalendar.days.filter((d) => d.day.startsWith('2027'))).toEqual(labourCodeYear(2027));
    expect(shippedCalendar.years.map((y) => [y.year, y.source])).toEqual([
      [2026, 'decree'],
      [2027, 'labour_code'],
    ]);
  });
});

describe('deadlines over the production calendar', () => {
  it('skips a public holiday', () => {
    // Friday 6 March 2026 + 1 working day: Monday 9 March is the holiday moved from 8 March.
    expect(addWorkingDays(noon('2026-03-06'), 1, calendar)).toEqual(endOf('2026-03-10'));
    // Friday 20 February + 1: Monday 23 February is Defender of the Fatherland Day.
    expect(addWorkingDays(noon('2026-02-20'), 1, calendar)).toEqual(endOf('2026-02-24'));
  });

  it('counts a transferred working Saturday', () => {
    // An admin-entered working Saturday (as decrees did in other years).
    const withSaturday = new ProductionCalendar([
      ...shippedCalendar.days,
      { day: '2026-03-14', isWorking: true, isShortened: false, note: 'Рабочая суббота' },
    ]);
    expect(addWorkingDays(noon('2026-03-13'), 1, withSaturday)).toEqual(endOf('2026-03-14'));
    expect(addWorkingDays(noon('2026-03-13'), 1, calendar)).toEqual(endOf('2026-03-16'));
  });

  it('crosses the year boundary over the New Year holidays', () => {
    // Wednesday 30 December 2026 + 3: 31 December and 1–10 January rest, so 11, 12, 13 January 2027.
    expect(addWorkingDays(noon('2026-12-30'), 3, calendar)).toEqual(endOf('2027-01-13'));
    // With weekends only it would have been 4 January.
    expect(addWorkingDays(noon('2026-12-30'), 3)).toEqual(endOf('2027-01-04'));
  });

  it('recomputes a deadline across the May holidays', () => {
    // Thursday 30 April + 5 working days: 1 May and the weekend rest, so 4–8 May.
    expect(addWorkingDays(noon('2026-04-30'), 5, calendar)).toEqual(endOf('2026-05-08'));
    // Thursday 7 May + 2: 8 May, then 9–11 May rest, so 12 May.
    expect(addWorkingDays(noon('2026-05-07'), 2, calendar)).toEqual(endOf('2026-05-12'));
  });

  it('counts working hours within office hours, an hour less on a shortened day', () => {
    // Thursday 30 April 2026 (shortened: 09:00–16:00) at 15:00 + 4 working hours: one hour that day,
    // then 1–3 May rest, so three hours into Monday 4 May: 12:00.
    expect(addWorkingHours(new Date('2026-04-30T15:00:00+03:00'), 4, calendar)).toEqual(
      new Date('2026-05-04T12:00:00+03:00'),
    );
    // Before office hours the count starts at 09:00; 8 hours fill one working day.
    expect(addWorkingHours(new Date('2026-03-02T07:00:00+03:00'), 8, calendar)).toEqual(
      new Date('2026-03-02T17:00:00+03:00'),
    );
    expect(addWorkingHours(new Date('2026-03-06T18:30:00+03:00'), 2, calendar)).toEqual(
      new Date('2026-03-10T11:00:00+03:00'),
    );
  });

  it('falls back to weekends only for a year that is not loaded', () => {
    expect(countWorkingDays(2030)).toBe(261);
  });
});

describe('counting working days without visiting each date', () => {
  const DAY = 86_400_000;
  const dayByDay = (cal: WorkingDayCalendar, from: number, to: number) => {
    let n = 0;
    for (let t = from + DAY; t <= to; t += DAY) if (cal.isWorkingDay(new Date(t))) n += 1;
    return n;
  };
  // A calendar with a working Saturday and a weekday off beside the shipped holidays.
  const edited = new ProductionCalendar([
    ...shippedCalendar.days,
    { day: '2026-03-14', isWorking: true, isShortened: false, note: 'Рабочая суббота' },
    { day: '2026-03-18', isWorking: false, isShortened: false, note: 'Выходной' },
  ]);

  it('equals the day-by-day count over any range, holidays and weekends included', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const start = Date.UTC(2024, 6, 1);
    for (let i = 0; i < 2000; i++) {
      const from = start + Math.floor(random() * 1200) * DAY;
      const to = from + Math.floor(random() * (i % 10 === 0 ? 800 : 40)) * DAY;
      for (const cal of [calendar, edited, weekendsOnly])
        expect(
          countDays(cal, from, to),
          `${new Date(from).toISOString()}…${new Date(to).toISOString()}`,
        ).toBe(dayByDay(cal, from, to));
    }
    expect(countDays(calendar, Date.UTC(2026, 0, 1) - DAY, Date.UTC(2026, 11, 31))).toBe(247);
    expect(countDays(calendar, Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 1))).toBe(0);
  });

  it('gives the working days left of a report two years overdue as the day-by-day count does', () => {
    const due = new Date('2024-11-20T20:59:59.999Z');
    const now = new Date('2026-11-20T09:00:00Z');
    const expected = -dayByDay(calendar, Date.UTC(2024, 10, 20), Date.UTC(2026, 10, 20));
    expect(workingDaysLeft(calendar, due, now)).toBe(expected);
    expect(workingDaysLeft(calendar, now, due)).toBe(-expected);
    expect(workingDaysLeft(calendar, new Date('2026-11-27T20:59:59.999Z'), now)).toBe(5);
  });
});
