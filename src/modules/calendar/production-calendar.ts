import { dateKey, type WorkingDayCalendar, weekendsOnly } from '../../lib/working-days.ts';

/** One date that differs from the plain rule (Monday–Friday work, weekends rest), or marks a holiday. */
export type CalendarDay = { day: string; isWorking: boolean; isShortened: boolean; note: string | null };

export type CalendarYearSource = 'decree' | 'labour_code' | 'admin';
export type CalendarYear = { year: number; source: CalendarYearSource; note: string | null };

/**
 * The production calendar as the deadline arithmetic sees it: stored exceptions over the weekday rule.
 * Years that are not loaded fall back to weekends only (and the admin screen says which years are).
 */
export class ProductionCalendar implements WorkingDayCalendar {
  private readonly days: Map<string, CalendarDay>;

  constructor(days: Iterable<CalendarDay>) {
    this.days = new Map([...days].map((d) => [d.day, d]));
  }

  isWorkingDay(localDate: Date): boolean {
    return this.days.get(dateKey(localDate))?.isWorking ?? weekendsOnly.isWorkingDay(localDate);
  }

  isShortened(localDate: Date): boolean {
    return this.days.get(dateKey(localDate))?.isShortened ?? false;
  }

  /** Stored as a rest day: a holiday or a transferred day off (a plain weekend is not stored). */
  isDeclaredRestDay(localDate: Date): boolean {
    return this.days.get(dateKey(localDate))?.isWorking === false;
  }
}
