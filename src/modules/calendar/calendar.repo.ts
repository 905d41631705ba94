import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { calendarDays, calendarYears } from '../../db/schema/calendar.ts';
import type { CalendarDay, CalendarYear } from './production-calendar.ts';

const dayColumns = {
  day: calendarDays.day,
  isWorking: calendarDays.isWorking,
  isShortened: calendarDays.isShortened,
  note: calendarDays.note,
};

export async function listAllDays(exec: Executor): Promise<CalendarDay[]> {
  return exec.select(dayColumns).from(calendarDays);
}

export async function listDaysOfYear(exec: Executor, year: number): Promise<CalendarDay[]> {
  return exec
    .select(dayColumns)
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`)))
    .orderBy(asc(calendarDays.day));
}

export async function listYears(exec: Executor): Promise<CalendarYear[]> {
  return exec
    .select({ year: calendarYears.year, source: calendarYears.source, note: calendarYears.note })
    .from(calendarYears)
    .orderBy(asc(calendarYears.year));
}

export async function findYear(exec: Executor, year: number): Promise<CalendarYear | undefined> {
  const rows = await exec
    .select({ year: calendarYears.year, source: calendarYears.source, note: calendarYears.note })
    .from(calendarYears)
    .where(eq(calendarYears.year, year));
  return rows[0];
}

export async function upsertDay(
  exec: Executor,
  day: CalendarDay,
  actorId: string,
  at: Date,
): Promise<CalendarDay | undefined> {
  const before = await exec.select(dayColumns).from(calendarDays).where(eq(calendarDays.day, day.day));
  await exec
    .insert(calendarDays)
    .values({ ...day, updatedBy: actorId, updatedAt: at })
    .onConflictDoUpdate({
      target: calendarDays.day,
      set: {
        isWorking: day.isWorking,
        isShortened: day.isShortened,
        note: day.note,
        updatedBy: actorId,
        updatedAt: at,
      },
    });
  return before[0];
}

export async function deleteDay(exec: Executor, day: string): Promise<CalendarDay | undefined> {
  const rows = await exec.delete(calendarDays).where(eq(calendarDays.day, day)).returning(dayColumns);
  return rows[0];
}

/** An edited year is the admin's from now on (whatever it was shipped as). */
export async function markYearEdited(exec: Executor, year: number, at: Date): Promise<void> {
  await exec
    .insert(calendarYears)
    .values({ year, source: 'admin', note: null, updatedAt: at })
    .onConflictDoUpdate({ target: calendarYears.year, set: { source: 'admin', updatedAt: at } });
}
