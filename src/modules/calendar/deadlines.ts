import {
  addCalendarDays,
  addWorkingDays,
  addWorkingHours,
  countWorkingDays,
  localDateOf,
  type WorkingDayCalendar,
} from '../../lib/working-days.ts';

/**
 * Deadlines of a report (PRODUCT.md §2 B, docs/deadlines.md). Reports: the category's SLA in working
 * days from routing. 59-ФЗ appeals: calendar days from registration — registered within 3 days,
 * redirected to the competent body within 7, answered within 30 — moved off a holiday onto the next
 * working day. Pure functions of a calendar; the callers load it (CalendarStore).
 */
export const APPEAL_REGISTRATION_DAYS = 3;
export const APPEAL_REDIRECT_DAYS = 7;
export const APPEAL_ANSWER_DAYS = 30;
/** One extension: appeals by up to 30 calendar days (59-ФЗ art. 12 p. 2); reports by up to 30 working days. */
export const MAX_EXTENSION_DAYS = 30;
/** "Nearly due": at most this many working days left before the deadline. */
export const NEARLY_DUE_WORKING_DAYS = 1;
/** The reviewer's own deadline for an answer submitted for review, in working days. */
export const REVIEW_WORKING_DAYS = 2;

/** By when a submitted answer should be reviewed (published or returned). */
export function reviewDueAt(calendar: WorkingDayCalendar, submittedAt: Date): Date {
  return addWorkingDays(submittedAt, REVIEW_WORKING_DAYS, calendar);
}

export type ReportKind = 'report' | 'appeal';

/**
 * When the answer is due. `routedAt`: the moment the report reached its organisation; appeals count
 * from `registeredAt` (the submission), whatever routing took. Null when the category has no SLA.
 */
export function answerDueAt(
  calendar: WorkingDayCalendar,
  kind: ReportKind,
  category: { slaDays: number | null },
  at: { routedAt: Date; registeredAt: Date },
): Date | null {
  if (kind === 'appeal') return addCalendarDays(at.registeredAt, APPEAL_ANSWER_DAYS, calendar);
  return category.slaDays ? addWorkingDays(at.routedAt, category.slaDays, calendar) : null;
}

/** The 59-ФЗ milestones of an appeal before its answer. */
export function appealMilestones(calendar: WorkingDayCalendar, registeredAt: Date) {
  return {
    registrationDueAt: addCalendarDays(registeredAt, APPEAL_REGISTRATION_DAYS, calendar),
    redirectDueAt: addCalendarDays(registeredAt, APPEAL_REDIRECT_DAYS, calendar),
  };
}

/** When the moderator should have decided: the category's working hours from submission, if set. */
export function moderationDueAt(
  calendar: WorkingDayCalendar,
  category: { moderationHours: number | null },
  submittedAt: Date,
): Date | null {
  return category.moderationHours ? addWorkingHours(submittedAt, category.moderationHours, calendar) : null;
}

/** The deadline after an extension by `days`: working days for reports, calendar days for appeals. */
export function extendedDueAt(
  calendar: WorkingDayCalendar,
  kind: ReportKind,
  dueAt: Date,
  days: number,
): Date {
  return kind === 'appeal' ? addCalendarDays(dueAt, days, calendar) : addWorkingDays(dueAt, days, calendar);
}

/**
 * Working days left until the deadline's local day (0 on the day it is due, negative once past):
 * how the escalation job tells "nearly due" and "overdue for M working days".
 */
export function workingDaysLeft(calendar: WorkingDayCalendar, dueAt: Date, now: Date): number {
  const due = localDateOf(dueAt).getTime();
  const today = localDateOf(now).getTime();
  return today <= due ? countWorkingDays(calendar, today, due) : -countWorkingDays(calendar, due, today);
}
