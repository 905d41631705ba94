import { describe, expect, it } from 'vitest';
import { addWorkingDays, type WorkingDayCalendar, weekendsOnly } from './working-days.ts';

/** The instant at which the local (UTC+3) day `yyyy-mm-dd` ends. */
const endOfLocalDay = (date: string) => new Date(`${date}T23:59:59.999+03:00`);

describe('addWorkingDays', () => {
  it('ends at the end of the next working day; the day of submission does not count', () => {
    // Monday 2 March 2026, 12:00 Moscow time.
    expect(addWorkingDays(new Date('2026-03-02T09:00:00Z'), 1)).toEqual(endOfLocalDay('2026-03-03'));
    expect(addWorkingDays(new Date('2026-03-02T09:00:00Z'), 1).toISOString()).toBe(
      '2026-03-03T20:59:59.999Z',
    );
  });

  it('goes from Friday to Monday, skipping the weekend', () => {
    expect(addWorkingDays(new Date('2026-03-06T10:00:00Z'), 1)).toEqual(endOfLocalDay('2026-03-09'));
    expect(addWorkingDays(new Date('2026-03-06T10:00:00Z'), 2)).toEqual(endOfLocalDay('2026-03-10'));
  });

  it('counts a weekend submission from Monday', () => {
    expect(addWorkingDays(new Date('2026-03-07T10:00:00Z'), 1)).toEqual(endOfLocalDay('2026-03-09'));
    expect(addWorkingDays(new Date('2026-03-08T10:00:00Z'), 1)).toEqual(endOfLocalDay('2026-03-09'));
  });

  it('makes five working days a calendar week, and ten two weeks', () => {
    expect(addWorkingDays(new Date('2026-03-02T09:00:00Z'), 5)).toEqual(endOfLocalDay('2026-03-09'));
    expect(addWorkingDays(new Date('2026-03-04T09:00:00Z'), 10)).toEqual(endOfLocalDay('2026-03-18'));
  });

  it('uses the local (UTC+3) date, not the UTC date', () => {
    // Friday 22:30 UTC is already Saturday 01:30 in Moscow: the next working day is Monday, not Monday+1.
    expect(addWorkingDays(new Date('2026-03-06T22:30:00Z'), 1)).toEqual(endOfLocalDay('2026-03-09'));
    // Sunday 21:30 UTC is Monday 00:30 in Moscow: Monday is the day of submission and does not count.
    expect(addWorkingDays(new Date('2026-03-01T21:30:00Z'), 1)).toEqual(endOfLocalDay('2026-03-03'));
    // Thursday 20:59:59 UTC is still Thursday in Moscow.
    expect(addWorkingDays(new Date('2026-03-05T20:59:59Z'), 1)).toEqual(endOfLocalDay('2026-03-06'));
    expect(addWorkingDays(new Date('2026-03-05T21:00:00Z'), 1)).toEqual(endOfLocalDay('2026-03-09'));
  });

  it('returns the last millisecond of the local day', () => {
    const due = addWorkingDays(new Date('2026-03-02T09:00:00Z'), 3);
    expect(new Date(due.getTime() + 1).toISOString()).toBe('2026-03-05T21:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    // Wednesday 31 December 2025 → Friday 2 January 2026 with weekends only.
    expect(addWorkingDays(new Date('2025-12-31T09:00:00Z'), 2)).toEqual(endOfLocalDay('2026-01-02'));
    expect(addWorkingDays(new Date('2026-02-27T09:00:00Z'), 1)).toEqual(endOfLocalDay('2026-03-02'));
  });

  it('with zero days ends the local day of submission', () => {
    expect(addWorkingDays(new Date('2026-03-02T09:00:00Z'), 0)).toEqual(endOfLocalDay('2026-03-02'));
  });

  it('skips the days a production calendar marks as holidays', () => {
    // 9 March 2026 (Monday) is a public holiday (International Women's Day falls on a Sunday).
    const holidays = new Set(['2026-03-09']);
    const calendar: WorkingDayCalendar = {
      isWorkingDay: (d) => weekendsOnly.isWorkingDay(d) && !holidays.has(d.toISOString().slice(0, 10)),
    };
    expect(addWorkingDays(new Date('2026-03-06T10:00:00Z'), 1, calendar)).toEqual(
      endOfLocalDay('2026-03-10'),
    );
    // And a transferred working Saturday counts.
    const saturdayWorks: WorkingDayCalendar = {
      isWorkingDay: (d) => weekendsOnly.isWorkingDay(d) || d.toISOString().startsWith('2026-03-07'),
    };
    expect(addWorkingDays(new Date('2026-03-06T10:00:00Z'), 1, saturdayWorks)).toEqual(
      endOfLocalDay('2026-03-07'),
    );
  });

  it('treats Saturday and Sunday as the only days off by default', () => {
    const week = [
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ];
    expect(week.map((d) => weekendsOnly.isWorkingDay(new Date(`${d}T00:00:00Z`)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
