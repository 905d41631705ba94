import { type WorkingDayCalendar, weekdaysBetween, weekendsOnly } from '../../lib/working-days.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The stored days are found by their day number (days since 1970-01-01 of the date given), not by
 * their "yyyy-mm-dd" text: a moderation queue computes each row's deadline hour by hour over the
 * calendar, and formatting a date per look-up was 3 % of the list's server time (docs/performance.md).
 */
const dayNumber = (date: Date): number => Math.floor(date.getTime() / DAY);

/** One date that differs from the plain rule (Monday–Friday work, weekends rest), or marks a holiday. */
export type CalendarDay = { day: string; isWorking: boolean; isShortened: boolean; note: string | null };

export type CalendarYearSource = 'decree' | 'labour_code' | 'admin';
export type CalendarYear = { year: number; source: CalendarYearSource; note: string | null };

/**
 * The production calendar as the deadline arithmetic sees it: stored exceptions over the weekday rule.
 * Years that are not loaded fall back to weekends only (and the admin screen says which years are).
 */
export class ProductionCalendar implements WorkingDayCalendar {
  private readonly days: Map<number, CalendarDay>;
  /** The dates whose stored status differs from the weekday rule, in order (ms of UTC midnight)… */
  private readonly changedDays: number[] = [];
  /** …and the running sum of those differences (+1 a working weekend day, −1 a weekday off) up to each. */
  private readonly changeSums: number[] = [];

  constructor(days: Iterable<CalendarDay>) {
    // The last entry of a date wins, as it did when the map was keyed by the date's text.
    const byDate = new Map([...days].map((d) => [d.day, d]));
    this.days = new Map([...byDate.values()].map((d) => [dayNumber(new Date(`${d.day}T00:00:00Z`)), d]));
    let sum = 0;
    for (const d of [...byDate.values()].sort((a, b) => a.day.localeCompare(b.day))) {
      const at = Date.parse(`${d.day}T00:00:00Z`);
      const change = Number(d.isWorking) - Number(weekendsOnly.isWorkingDay(new Date(at)));
      if (change === 0) continue;
      sum += change;
      this.changedDays.push(at);
      this.changeSums.push(sum);
    }
  }

  /** The weekdays in the range, corrected by the stored days in it (two binary searches). */
  countWorkingDays(fromDay: number, toDay: number): number {
    if (toDay <= fromDay) return 0;
    return weekdaysBetween(fromDay, toDay) + this.changesUpTo(toDay) - this.changesUpTo(fromDay);
  }

  /** The running sum of the differences on the stored dates up to and including `day`. */
  private changesUpTo(day: number): number {
    let lo = 0;
    let hi = this.changedDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.changedDays[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.changeSums[lo - 1]!;
  }

  isWorkingDay(localDate: Date): boolean {
    return this.days.get(dayNumber(localDate))?.isWorking ?? weekendsOnly.isWorkingDay(localDate);
  }

  isShortened(localDate: Date): boolean {
    return this.days.get(dayNumber(localDate))?.isShortened ?? false;
  }

  /** Stored as a rest day: a holiday or a transferred day off (a plain weekend is not stored). */
  isDeclaredRestDay(localDate: Date): boolean {
    return this.days.get(dayNumber(localDate))?.isWorking === false;
  }
}
