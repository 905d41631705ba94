import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { DAY_MS } from '../lib/clock.ts';
import { closeUnansweredClarifications } from '../modules/reports/index.ts';
import type { JobQueue } from './queue.ts';

export const CLARIFICATION_TIMEOUT_QUEUE = 'clarification-timeout';

export type ClarificationTimeoutDeps = { db: Db; clock: Clock; timeoutDays: number };

/** Closes reports whose author left a question unanswered for `timeoutDays`. Idempotent. */
export async function runClarificationTimeout(deps: ClarificationTimeoutDeps): Promise<{ closed: number }> {
  const now = deps.clock.now();
  const closed = await closeUnansweredClarifications(deps.db, {
    askedBefore: new Date(now.getTime() - deps.timeoutDays * DAY_MS),
    timeoutDays: deps.timeoutDays,
    now,
  });
  return { closed };
}

export async function registerClarificationTimeoutJob(
  queue: JobQueue,
  /** `timeoutDays` is read at every run: it is a region setting an admin may change. */
  deps: Omit<ClarificationTimeoutDeps, 'timeoutDays'> & { timeoutDays: () => Promise<number> },
): Promise<void> {
  await queue.createQueue(CLARIFICATION_TIMEOUT_QUEUE, {
    name: CLARIFICATION_TIMEOUT_QUEUE,
    policy: 'singleton',
  });
  await queue.schedule(CLARIFICATION_TIMEOUT_QUEUE, '*/15 * * * *', {}, { tz: 'Europe/Moscow' });
  await queue.work(CLARIFICATION_TIMEOUT_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    await runClarificationTimeout({ ...deps, timeoutDays: await deps.timeoutDays() });
  });
}
