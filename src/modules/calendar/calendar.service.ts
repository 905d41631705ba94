import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './calendar.repo.ts';
import type { CalendarDayBody, CalendarYearView } from './calendar.schemas.ts';
import type { CalendarStore } from './calendar-store.ts';
import { ProductionCalendar } from './production-calendar.ts';

export type CalendarDeps = { db: Db; clock: Clock; calendar: CalendarStore };

/** The calendar is public information (everyone sees when answers fall due), so reading needs no role. */
export async function listCalendarYears(deps: CalendarDeps) {
  return { years: await repo.listYears(deps.db) };
}

export async function getCalendarYear(deps: CalendarDeps, year: number): Promise<CalendarYearView> {
  const [meta, days] = await Promise.all([repo.findYear(deps.db, year), repo.listDaysOfYear(deps.db, year)]);
  const calendar = new ProductionCalendar(days);
  let workingDays = 0;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 24 * 60 * 60 * 1000)
    if (calendar.isWorkingDay(new Date(t))) workingDays += 1;
  return { year, source: meta?.source ?? null, note: meta?.note ?? null, days, workingDays };
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

/**
 * Sets one date (a holiday, a transferred day off, a working Saturday, a shortened day). Deadlines
 * already set stay as promised; new ones use the edited calendar at once on this node.
 */
export async function setCalendarDay(deps: CalendarDeps, actor: Actor, day: string, body: CalendarDayBody) {
  requireAdmin(actor);
  const now = deps.clock.now();
  const entry = { day, isWorking: body.isWorking, isShortened: body.isShortened, note: body.note ?? null };
  await deps.db.transaction(async (tx) => {
    const before = await repo.upsertDay(tx, entry, actor.id, now);
    await repo.markYearEdited(tx, Number(day.slice(0, 4)), now);
    await writeAudit(tx, {
      actor,
      action: 'calendar.set_day',
      entityType: 'calendar_day',
      entityId: day,
      at: now,
      details: { before: before ?? null, after: entry },
    });
  });
  deps.calendar.invalidate();
  return entry;
}

/** Returns a date to the plain weekday rule. */
export async function resetCalendarDay(deps: CalendarDeps, actor: Actor, day: string): Promise<void> {
  requireAdmin(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await repo.deleteDay(tx, day);
    if (!before) throw new AppError('calendar_day_not_found', [{ path: 'day', message: day }]);
    await repo.markYearEdited(tx, Number(day.slice(0, 4)), now);
    await writeAudit(tx, {
      actor,
      action: 'calendar.reset_day',
      entityType: 'calendar_day',
      entityId: day,
      at: now,
      details: { before },
    });
  });
  deps.calendar.invalidate();
}
