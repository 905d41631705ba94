/** The production calendar, answer deadlines and their escalation: the public entry of the module. */

export { calendarRoutes } from './calendar.routes.ts';
export { type CalendarSource, CalendarStore, uncachedCalendar } from './calendar-store.ts';
export {
  answerDueAt,
  appealMilestones,
  extendedDueAt,
  MAX_EXTENSION_DAYS,
  REVIEW_WORKING_DAYS,
  reviewDueAt,
  workingDaysLeft,
} from './deadlines.ts';
export { type EscalationDeps, runDeadlineEscalation } from './escalation.service.ts';
export { moderationDeadline } from './moderation-deadline.ts';
