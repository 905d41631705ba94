/**
 * Working-day arithmetic in the region's local time (Moscow time, UTC+3 all year). The production
 * calendar (src/modules/calendar: public holidays, transferred days, working Saturdays) plugs in
 * through `isWorkingDay`; `weekendsOnly` is the plain rule it refines.
 */
const REGION_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

/** A calendar edited into years without a working day must not hang a request: fail loudly instead. */
function guard(steps: number): void {
  if (steps > 10 * 366) throw new Error('the production calendar has no working day within ten years');
}

/** `localDate` is midnight UTC of the local calendar date (so getUTCDay() is the local weekday). */
export type WorkingDayCalendar = {
  isWorkingDay(localDate: Date): boolean;
  /** A pre-holiday working day one hour shorter (Labour Code art. 95); absent: never. */
  isShortened?(localDate: Date): boolean;
  /**
   * A rest day the calendar declares (a public holiday or a day off moved onto a weekday), also when
   * it falls on a weekend; absent: any Monday–Friday that is not a working day.
   */
  isDeclaredRestDay?(localDate: Date): boolean;
  /**
   * Working days among the local dates after `fromDay` up to and including `toDay` (both midnight UTC
   * of a local date, in ms), without visiting each day; absent: counted day by day. A list shows
   * "working days left" on every row, and a report overdue for two years spans 700 dates.
   */
  countWorkingDays?(fromDay: number, toDay: number): number;
};

/** Monday–Friday dates after `fromDay` up to and including `toDay` (ms of UTC midnights), in O(1). */
export function weekdaysBetween(fromDay: number, toDay: number): number {
  if (toDay <= fromDay) return 0;
  const days = Math.round((toDay - fromDay) / DAY);
  let count = Math.floor(days / 7) * 5;
  // The remaining days (fewer than 7), one by one from the day after `fromDay`.
  let weekday = new Date(fromDay).getUTCDay();
  for (let i = 0; i < days % 7; i++) {
    weekday = (weekday + 1) % 7;
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

export const weekendsOnly: WorkingDayCalendar = {
  isWorkingDay: (d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6,
  countWorkingDays: weekdaysBetween,
};

/** Working days among the local dates after `fromDay` up to and including `toDay` (see the calendar's own). */
export function countWorkingDays(calendar: WorkingDayCalendar, fromDay: number, toDay: number): number {
  if (calendar.countWorkingDays) return calendar.countWorkingDays(fromDay, toDay);
  let count = 0;
  for (let day = fromDay + DAY; day <= toDay; day += DAY)
    if (calendar.isWorkingDay(new Date(day))) count += 1;
  return count;
}

/**
 * The end of the n-th working day after `from` (local end of day, returned as an instant). The day
 * of submission does not count, as in 59-ФЗ practice.
 */
export function addWorkingDays(from: Date, n: number, calendar: WorkingDayCalendar = weekendsOnly): Date {
  const local = new Date(from.getTime() + REGION_OFFSET_MS);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let left = n;
  let steps = 0;
  while (left > 0) {
    day += DAY;
    if (calendar.isWorkingDay(new Date(day))) left -= 1;
    guard(++steps);
  }
  // 23:59:59.999 local time of that day.
  return new Date(day + DAY - 1 - REGION_OFFSET_MS);
}

/** Working days that ended between two instants (the local days after `from`, up to and including `to`'s day before it). */
export function workingDaysBetween(
  from: Date,
  to: Date,
  calendar: WorkingDayCalendar = weekendsOnly,
): number {
  // The dates from `from`'s up to the day before `to`'s: (from − 1 day, to − 1 day].
  return countWorkingDays(calendar, localDateOf(from).getTime() - DAY, localDateOf(to).getTime() - DAY);
}

/** The local (UTC+3) calendar date of an instant, as midnight UTC of that date. */
export function localDateOf(instant: Date): Date {
  const local = new Date(instant.getTime() + REGION_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** "yyyy-mm-dd" of a local date (as returned by localDateOf). */
export const dateKey = (localDate: Date): string => localDate.toISOString().slice(0, 10);

/** The instant at which a local date ends (23:59:59.999 local time). */
export function endOfLocalDay(localDate: Date): Date {
  return new Date(localDate.getTime() + DAY - 1 - REGION_OFFSET_MS);
}

/**
 * The end of the n-th calendar day after `from` (59-ФЗ counts appeals in calendar days). When that
 * day is not a working day and a calendar is given, the deadline moves to the end of the next working
 * day (Civil Code art. 193), so an answer is never due on a holiday.
 */
export function addCalendarDays(from: Date, n: number, calendar?: WorkingDayCalendar): Date {
  let day = localDateOf(from).getTime() + n * DAY;
  let steps = 0;
  while (calendar && !calendar.isWorkingDay(new Date(day))) {
    day += DAY;
    guard(++steps);
  }
  return endOfLocalDay(new Date(day));
}

/** Office hours in local time: 09:00–18:00 with an hour for lunch, an hour less before a holiday. */
export const WORK_START_HOUR = 9;
const WORK_HOURS = 8;
const HOUR = 60 * 60 * 1000;

/**
 * The instant `hours` working hours after `from`: time counts only inside office hours of working
 * days (09:00 to 17:00 of net time, so an 8-hour day; 7 hours on a shortened day), as moderation
 * deadlines are set in working hours.
 */
export function addWorkingHours(
  from: Date,
  hours: number,
  calendar: WorkingDayCalendar = weekendsOnly,
): Date {
  let left = hours * HOUR;
  let day = localDateOf(from);
  // Local milliseconds since the local midnight of `from`.
  let cursor = from.getTime() + REGION_OFFSET_MS - day.getTime();
  let steps = 0;
  for (;;) {
    if (calendar.isWorkingDay(day)) {
      const start = WORK_START_HOUR * HOUR;
      const end = start + (WORK_HOURS - (calendar.isShortened?.(day) ? 1 : 0)) * HOUR;
      const begin = Math.max(cursor, start);
      if (begin < end) {
        const available = end - begin;
        if (left <= available) return new Date(day.getTime() + begin + left - REGION_OFFSET_MS);
        left -= available;
      }
    }
    day = new Date(day.getTime() + DAY);
    cursor = 0;
    guard(++steps);
  }
}
