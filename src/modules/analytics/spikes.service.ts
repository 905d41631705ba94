import type { Executor } from '../../db/connection.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { dateKey, localDateOf } from '../../lib/working-days.ts';
import type { Actor } from '../identity/index.ts';
import { readState, writeState } from './facts.repo.ts';
import type { RefreshDeps } from './refresh.service.ts';
import * as repo from './spikes.repo.ts';
import { alertDecision, SPIKE_MIN_COUNT, SPIKE_WINDOW_DAYS, spikeTest } from './spikes.ts';

/** Two years of history (and the window) per test. */
const HISTORY_DAYS = 2 * 365;
/** The test reads two years of daily counts: once an hour is fresh enough for a week-long window. */
const EVERY_MS = 60 * 60 * 1000;

/**
 * Tests every (topic, district) cell's last seven complete days against its own history and raises,
 * keeps or closes alerts (src/modules/analytics/spikes.ts). At most once an hour (`force` for tests).
 */
export async function runSpikeDetection(
  deps: RefreshDeps,
  force = false,
): Promise<{ tested: number; raised: number; closed: number }> {
  const now = deps.clock.now();
  const last = await readState(deps.db, 'spikes');
  if (!force && last.at && now.getTime() - last.at.getTime() < EVERY_MS)
    return { tested: 0, raised: 0, closed: 0 };
  const end = localDateOf(now).getTime() - DAY_MS; // yesterday: the last complete day
  const start = end - (HISTORY_DAYS + SPIKE_WINDOW_DAYS - 1) * DAY_MS;
  const length = (end - start) / DAY_MS + 1;
  const counts = await repo.dailyCounts(deps.db, dateKey(new Date(start)), dateKey(new Date(end)));
  const series = new Map<string, number[]>();
  for (const c of counts) {
    const key = `${c.topicId}|${c.territoryId}`;
    const s = series.get(key) ?? new Array<number>(length).fill(0);
    s[(Date.parse(`${c.day}T00:00:00Z`) - start) / DAY_MS] = c.n;
    series.set(key, s);
  }
  const open = new Map((await repo.openAlerts(deps.db)).map((a) => [`${a.categoryId}|${a.territoryId}`, a]));
  let tested = 0;
  let raised = 0;
  let closed = 0;
  await deps.db.transaction(async (tx) => {
    for (const key of new Set([...series.keys(), ...open.keys()])) {
      const s = series.get(key) ?? new Array<number>(length).fill(0);
      const alert = open.get(key);
      const windowCount = s.slice(-SPIKE_WINDOW_DAYS).reduce((a, b) => a + b, 0);
      if (!alert && windowCount < SPIKE_MIN_COUNT) continue;
      tested++;
      const result = spikeTest(s, start);
      const [categoryId, territoryId] = key.split('|') as [string, string];
      const decision = alertDecision(result, alert !== undefined);
      const figures = {
        observed: result?.observed ?? windowCount,
        expected: result?.expected ?? 0,
        pValue: result?.pValue ?? 1,
      };
      if (decision === 'raise') {
        await repo.raiseAlert(tx, { categoryId, territoryId, day: dateKey(new Date(end)), ...figures }, now);
        raised++;
      } else if (alert && decision !== 'none') {
        const closedDay = decision === 'close' ? dateKey(new Date(end)) : null;
        await repo.updateAlert(tx, alert.id, { ...figures, closedDay }, now);
        if (closedDay) closed++;
      }
    }
    await writeState(tx, 'spikes', null, now);
  });
  return { tested, raised, closed };
}

const mayAnalyse = (actor: Actor | null): actor is Actor =>
  actor !== null && ['analyst', 'curator', 'admin'].includes(actor.role);

export function requireAnalyst(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated');
  if (!mayAnalyse(actor)) throw new AppError('forbidden');
  return actor;
}

export async function listAlerts(exec: Executor, actor: Actor | null, includeClosed: boolean) {
  requireAnalyst(actor);
  const rows = await repo.listAlerts(exec, includeClosed, 200);
  return {
    items: rows.map((a) => {
      const from = dateKey(
        new Date(Date.parse(`${a.openedDay}T00:00:00Z`) - (SPIKE_WINDOW_DAYS - 1) * DAY_MS),
      );
      return {
        id: a.id,
        categoryId: a.categoryId,
        territoryId: a.territoryId,
        openedDay: a.openedDay,
        closedDay: a.closedDay,
        observed: Number(a.observed),
        expected: Number(a.expected),
        pValue: Number(a.pValue),
        // The reports behind it: the drill-down of the window that raised it.
        window: { from, to: a.openedDay },
      };
    }),
  };
}
