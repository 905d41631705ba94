import { createHash } from 'node:crypto';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY_MS } from '../../lib/clock.ts';
import type { WorkingDayCalendar } from '../../lib/working-days.ts';
import type { CalendarSource } from '../calendar/index.ts';
import * as daily from './daily.repo.ts';
import * as repo from './facts.repo.ts';
import * as mapRollup from './map-rollup.repo.ts';

export type RefreshDeps = { db: Db; clock: Clock; calendar: CalendarSource };

/** The years the working-day index covers; answer times outside it stay unknown (null). */
export const WORKDAY_INDEX_FROM = Date.UTC(2015, 0, 1);
export const WORKDAY_INDEX_TO = Date.UTC(2041, 0, 1);
/**
 * Event ids are taken from a sequence before their transaction commits, so a slow transaction can
 * commit an id below one a pass has already seen. Each pass re-reads this many ids behind its bookmark.
 */
const IN_FLIGHT_MARGIN = 1000;
const BATCH = 5000;

/** Rebuilds the working-day index when the production calendar changed; true when it did. */
async function syncWorkdays(exec: Executor, calendar: WorkingDayCalendar): Promise<boolean> {
  const days: string[] = [];
  const idx: number[] = [];
  const flags: string[] = [];
  let count = 0;
  for (let t = WORKDAY_INDEX_FROM; t < WORKDAY_INDEX_TO; t += DAY_MS) {
    const d = new Date(t);
    days.push(d.toISOString().slice(0, 10));
    idx.push(count);
    const working = calendar.isWorkingDay(d);
    flags.push(working ? '1' : '0');
    if (working) count += 1;
  }
  const fingerprint = createHash('sha1').update(flags.join('')).digest('hex');
  const stored = await repo.readState(exec, 'workdays');
  if (stored.value === fingerprint) return false;
  await repo.replaceWorkdays(exec, days, idx);
  await repo.writeState(exec, 'workdays', fingerprint, null);
  return true;
}

/** Recomputes the facts of every report, in slices of creation time, then every roll-up. */
export async function rebuildAll(deps: RefreshDeps): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await syncWorkdays(tx, await deps.calendar.get(tx));
    const lastId = await repo.lastEventId(tx);
    const range = await repo.createdRange(tx);
    if (range) {
      const step = 30 * DAY_MS;
      for (let t = range.min.getTime(); t <= range.max.getTime(); t += step) {
        await repo.upsertFacts(tx, repo.createdBetween(new Date(t), new Date(t + step)), now);
      }
    }
    await repo.rebuildAllRollups(tx);
    await daily.rebuildAllDays(tx);
    await mapRollup.rebuildAllMapCells(tx);
    await repo.writeState(tx, 'events', String(lastId), now);
  });
}

/**
 * One pass of the `analytics-refresh` job: folds in the reports whose timeline moved since the last
 * pass (their facts, then the roll-up cells they left and entered), in one transaction per batch so a
 * dashboard never sees facts without their roll-up. Idempotent: a second pass recomputes the same rows.
 * Returns the number of reports refreshed.
 */
export async function refreshAnalytics(deps: RefreshDeps): Promise<number> {
  const calendarChanged = await deps.db.transaction(async (tx) =>
    syncWorkdays(tx, await deps.calendar.get(tx)),
  );
  const state = await repo.readState(deps.db, 'events');
  if (calendarChanged || state.value === null) {
    await rebuildAll(deps);
    return -1;
  }
  let bookmark = Number(state.value);
  // The ids behind the bookmark are re-read only when one of them committed since the last pass: the
  // number of events in that window is remembered, and a late commit raises it (a rolled-back id never
  // appears, so it does not). Otherwise an idle pass would refold the last thousand events every minute.
  const window = await repo.readState(deps.db, 'events_window');
  const lateCommits =
    window.value === null ||
    Number(window.value) !== (await repo.eventsBetween(deps.db, bookmark - IN_FLIGHT_MARGIN, bookmark));
  let after = lateCommits ? Math.max(0, bookmark - IN_FLIGHT_MARGIN) : bookmark;
  let refreshed = 0;
  for (;;) {
    const done = await deps.db.transaction(async (tx) => {
      const { ids, maxId } = await repo.changedReports(tx, after, BATCH);
      if (!ids.length) return true;
      const now = deps.clock.now();
      const before = await touchedCells(tx, ids);
      await repo.upsertFacts(tx, repo.reportIdIn(ids), now);
      const afterCells = await touchedCells(tx, ids);
      await repo.rebuildCells(tx, unique([...before.months, ...afterCells.months], monthKey));
      await daily.rebuildDayCells(tx, unique([...before.days, ...afterCells.days], dayKey));
      await mapRollup.rebuildMapKeys(tx, unique([...before.map, ...afterCells.map], mapRollup.mapKeyId));
      bookmark = Math.max(bookmark, maxId);
      await repo.writeState(tx, 'events', String(bookmark), now);
      const seen = await repo.eventsBetween(tx, bookmark - IN_FLIGHT_MARGIN, bookmark);
      await repo.writeState(tx, 'events_window', String(seen), now);
      refreshed += ids.length;
      after = maxId;
      return false;
    });
    if (done) return refreshed;
  }
}

/** The roll-up cells (monthly, daily, map) the given reports' facts are in now. */
async function touchedCells(tx: Executor, ids: string[]) {
  return {
    months: await repo.cellsOf(tx, ids),
    days: await daily.dayCellsOf(tx, ids),
    map: await mapRollup.mapKeysOf(tx, ids),
  };
}

const monthKey = (c: repo.Cell) => `${c.month}|${c.territoryId}|${c.categoryId}|${c.organisationId}`;
const dayKey = (c: daily.DayCell) => `${c.day}|${c.territoryId}|${c.topCategoryId}`;

function unique<T>(cells: T[], key: (c: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const c of cells) seen.set(key(c), c);
  return [...seen.values()];
}
