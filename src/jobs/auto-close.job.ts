import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { DAY_MS } from '../lib/clock.ts';
import { closeUnratedAnswers } from '../modules/reports/index.ts';
import type { JobQueue } from './queue.ts';

export const AUTO_CLOSE_QUEUE = 'auto-close';

export type AutoCloseDeps = { db: Db; clock: Clock; disputeWindowDays: number };

/** Closes answered reports left unrated and undisputed for the whole dispute window. Idempotent. */
export async function runAutoClose(deps: AutoCloseDeps): Promise<{ closed: number }> {
  const now = deps.clock.now();
  const closed = await closeUnratedAnswers(deps.db, {
    answeredBefore: new Date(now.getTime() - deps.disputeWindowDays * DAY_MS),
    windowDays: deps.disputeWindowDays,
    now,
  });
  return { closed };
}

export async function registerAutoCloseJob(
  queue: JobQueue,
  /** `disputeWindowDays` is read at every run: it is a region setting an admin may change. */
  deps: Omit<AutoCloseDeps, 'disputeWindowDays'> & { disputeWindowDays: () => Promise<number> },
  cron: string,
): Promise<void> {
  await queue.createQueue(AUTO_CLOSE_QUEUE, { name: AUTO_CLOSE_QUEUE, policy: 'singleton' });
  await queue.schedule(AUTO_CLOSE_QUEUE, cron, {}, { tz: 'Europe/Moscow' });
  await queue.work(AUTO_CLOSE_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    await runAutoClose({ ...deps, disputeWindowDays: await deps.disputeWindowDays() });
  });
}
