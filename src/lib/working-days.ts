/**
 * Working-day arithmetic in the region's local time (Moscow time, UTC+3 all year). Weekends only for
 * now: the production calendar with public holidays and transferred days plugs in through
 * `isWorkingDay`.
 */
const REGION_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

export type WorkingDayCalendar = { isWorkingDay(localDate: Date): boolean };

export const weekendsOnly: WorkingDayCalendar = {
  isWorkingDay: (d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6,
};

/**
 * The end of the n-th working day after `from` (local end of day, returned as an instant). The day
 * of submission does not count, as in 59-ФЗ practice.
 */
export function addWorkingDays(from: Date, n: number, calendar: WorkingDayCalendar = weekendsOnly): Date {
  const local = new Date(from.getTime() + REGION_OFFSET_MS);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let left = n;
  while (left > 0) {
    day += DAY;
    if (calendar.isWorkingDay(new Date(day))) left -= 1;
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
  const localDay = (d: Date) => {
    const local = new Date(d.getTime() + REGION_OFFSET_MS);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  };
  let count = 0;
  for (let day = localDay(from); day < localDay(to); day += DAY) {
    if (calendar.isWorkingDay(new Date(day))) count += 1;
  }
  return count;
}
