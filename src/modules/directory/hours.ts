import { localDateOf, type WorkingDayCalendar } from '../../lib/working-days.ts';

/*
 * Working hours of an organisation: weekly intervals (ISO weekday, opening and closing time, breaks),
 * explicit days off, and the production calendar's holidays. An interval whose closing time is at or
 * before its opening time runs past midnight into the next day (a duty service 20:00–08:00); "24:00"
 * closes at the very end of the day. Times are the region's local time (Moscow, UTC+3 all year).
 */

export type HoursBreak = { from: string; to: string };
export type HoursInterval = { day: number; opens: string; closes: string; breaks: HoursBreak[] };

export type HoursProblemCode =
  | 'hours_overlap'
  | 'hours_break_outside'
  | 'hours_breaks_overlap'
  | 'hours_empty';
export type HoursProblem = { path: string; code: HoursProblemCode; params: Record<string, string | number> };

const DAY_MIN = 24 * 60;
const WEEK_MIN = 7 * DAY_MIN;
const OFFSET_MS = 3 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export const TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The interval's span in minutes from its day's midnight: [start, end), end past 1440 across midnight. */
function span(i: HoursInterval): [number, number] {
  const start = minutesOf(i.opens);
  const close = minutesOf(i.closes);
  return [start, close > start ? close : close + DAY_MIN];
}

/** A break's span on the interval's clock: a break after midnight of an overnight interval moves a day on. */
function breakSpan(i: HoursInterval, b: HoursBreak): [number, number] {
  const [start] = span(i);
  let from = minutesOf(b.from);
  let to = minutesOf(b.to);
  if (from < start) from += DAY_MIN;
  if (to <= from) to += DAY_MIN;
  return [from, to];
}

/** Every problem of a week's hours: intervals overlapping (also across midnight and Sunday→Monday), breaks outside their interval or overlapping. */
export function hoursProblems(hours: readonly HoursInterval[]): HoursProblem[] {
  const problems: HoursProblem[] = [];
  const weekSpans: [number, number][] = [];
  hours.forEach((interval, idx) => {
    const path = `hours.${idx}`;
    if (minutesOf(interval.opens) === minutesOf(interval.closes) && interval.closes !== '24:00') {
      problems.push({ path: `${path}.closes`, code: 'hours_empty', params: {} });
    }
    const [start, end] = span(interval);
    weekSpans.push([(interval.day - 1) * DAY_MIN + start, (interval.day - 1) * DAY_MIN + end]);
    const breaks = interval.breaks.map((b) => breakSpan(interval, b));
    breaks.forEach(([from, to], b) => {
      if (from <= start || to >= end)
        problems.push({ path: `${path}.breaks.${b}`, code: 'hours_break_outside', params: {} });
      breaks.forEach(([otherFrom, otherTo], o) => {
        if (o > b && from < otherTo && otherFrom < to)
          problems.push({
            path: `${path}.breaks.${o}`,
            code: 'hours_breaks_overlap',
            params: { other: b + 1 },
          });
      });
    });
  });
  weekSpans.forEach(([a0, a1], i) => {
    weekSpans.forEach(([b0, b1], j) => {
      if (j <= i) return;
      // Sunday night runs into Monday morning: compare with the other interval a week later too.
      const overlaps = [-WEEK_MIN, 0, WEEK_MIN].some((shift) => a0 < b1 + shift && b0 + shift < a1);
      if (overlaps) problems.push({ path: `hours.${j}`, code: 'hours_overlap', params: { other: i + 1 } });
    });
  });
  return problems;
}

export type OpenStatus = {
  openNow: boolean;
  /** When the current opening ends (a break or closing), if open. */
  closesAt: string | null;
  /** The next opening after now, if closed; its local date, ISO weekday and time for the sentence. */
  nextOpening: { at: string; date: string; weekday: number; time: string } | null;
};

export type Schedule = {
  hours: readonly HoursInterval[];
  daysOff: readonly string[];
  observesHolidays: boolean;
};

/**
 * The weekday whose hours a working weekend day follows (a Saturday the production calendar makes a
 * working day, in place of a weekday's rest): Monday's, or the first weekday the organisation works.
 * The calendar does not say which weekday's rest moved, and Monday is the full day where Friday is
 * often shorter.
 */
function weekdayHoursDay(schedule: Schedule): number | null {
  for (let day = 1; day <= 5; day += 1) if (schedule.hours.some((i) => i.day === day)) return day;
  return null;
}

/**
 * The open stretches of one local day's intervals, as instants (breaks cut them), with the intervals
 * of `asWeekday` (ISO) in place of the day's own when given; on a shortened pre-holiday day the last
 * closing of the day comes an hour earlier.
 */
function segmentsOf(
  schedule: Schedule,
  localDay: Date,
  asWeekday: number,
  shortened: boolean,
): [number, number][] {
  const weekday = asWeekday;
  const midnight = localDay.getTime() - OFFSET_MS;
  const out: [number, number][] = [];
  for (const interval of schedule.hours) {
    if (interval.day !== weekday) continue;
    const [start, end] = span(interval);
    const cuts = interval.breaks.map((b) => breakSpan(interval, b)).sort((a, b) => a[0] - b[0]);
    let from = start;
    for (const [bFrom, bTo] of cuts) {
      if (bFrom > from) out.push([from, bFrom]);
      from = Math.max(from, bTo);
    }
    if (end > from) out.push([from, end]);
  }
  if (shortened && out.length > 0) {
    const last = out.reduce((a, b) => (b[1] > a[1] ? b : a));
    last[1] = Math.max(last[0], last[1] - 60);
  }
  return out.map(([a, b]) => [midnight + a * MINUTE_MS, midnight + b * MINUTE_MS]);
}

/**
 * Which hours a local day has: none on the organisation's own days off and, where it observes the
 * production calendar, on its holidays and transferred days off (also a Saturday it usually works);
 * a weekday's hours on a transferred working Saturday or Sunday; otherwise the day's own.
 */
function daySegments(
  schedule: Schedule,
  localDay: Date,
  calendar: WorkingDayCalendar | null,
): [number, number][] {
  if (schedule.daysOff.includes(localDay.toISOString().slice(0, 10))) return [];
  const weekday = localDay.getUTCDay() === 0 ? 7 : localDay.getUTCDay();
  if (!schedule.observesHolidays || calendar === null) return segmentsOf(schedule, localDay, weekday, false);
  const working = calendar.isWorkingDay(localDay);
  const declaredRest = calendar.isDeclaredRestDay
    ? calendar.isDeclaredRestDay(localDay)
    : weekday <= 5 && !working;
  if (declaredRest || (weekday <= 5 && !working)) return [];
  const shortened = calendar.isShortened?.(localDay) ?? false;
  if (weekday >= 6 && working) {
    const asWeekday = weekdayHoursDay(schedule);
    return asWeekday === null ? [] : segmentsOf(schedule, localDay, asWeekday, shortened);
  }
  return segmentsOf(schedule, localDay, weekday, shortened);
}

/**
 * Whether the organisation is open at `now`, until when, or when it opens next (looking 3 weeks
 * ahead), by its weekly hours, its days off and — where it observes it — the production calendar.
 */
export function openStatus(schedule: Schedule, calendar: WorkingDayCalendar | null, now: Date): OpenStatus {
  const today = localDateOf(now).getTime();
  const segments: [number, number][] = [];
  // From yesterday: an overnight interval that opened yesterday may still be running.
  for (let d = -1; d <= 21; d += 1) {
    const localDay = new Date(today + d * DAY_MIN * MINUTE_MS);
    segments.push(...daySegments(schedule, localDay, calendar));
  }
  segments.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of segments) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const t = now.getTime();
  const current = merged.find(([a, b]) => a <= t && t < b);
  if (current) return { openNow: true, closesAt: new Date(current[1]).toISOString(), nextOpening: null };
  const next = merged.find(([a]) => a > t);
  if (!next) return { openNow: false, closesAt: null, nextOpening: null };
  const local = new Date(next[0] + OFFSET_MS);
  return {
    openNow: false,
    closesAt: null,
    nextOpening: {
      at: new Date(next[0]).toISOString(),
      date: local.toISOString().slice(0, 10),
      weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
      time: local.toISOString().slice(11, 16),
    },
  };
}
