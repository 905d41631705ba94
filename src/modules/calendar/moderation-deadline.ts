import type { Executor } from '../../db/connection.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import { findCategory } from '../reference/index.ts';
import { type CalendarSource, uncachedCalendar } from './calendar-store.ts';
import { moderationDueAt } from './deadlines.ts';

/**
 * A category's moderation hours, cached per node for 30 s: read on every submission, and category
 * settings change rarely (an edit shows on other nodes within the TTL).
 */
const moderationHoursCache = new TtlCache<number | null>(30_000, 1000);

/** When a report waiting for moderation should be moderated (null when its subject sets no hours). */
export async function moderationDeadline(
  exec: Executor,
  calendarSource: CalendarSource | undefined,
  report: { categoryId: string; createdAt: Date },
): Promise<Date | null> {
  let hours = moderationHoursCache.get(report.categoryId);
  if (hours === undefined) {
    hours = (await findCategory(exec, report.categoryId))?.moderationHours ?? null;
    moderationHoursCache.set(report.categoryId, hours);
  }
  if (!hours) return null;
  const calendar = await (calendarSource ?? uncachedCalendar).get(exec);
  return moderationDueAt(calendar, { moderationHours: hours }, report.createdAt);
}
