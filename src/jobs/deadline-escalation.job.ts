import { type EscalationDeps, runDeadlineEscalation } from '../modules/calendar/index.ts';
import type { JobQueue } from './queue.ts';

export const DEADLINE_ESCALATION_QUEUE = 'deadline-escalation';

/**
 * Marks nearly due and overdue reports and escalates long-overdue ones (runDeadlineEscalation) on a
 * cron schedule. The schedule lives in pg-boss and the progress on the reports, so a restart loses
 * nothing and a pass that runs twice changes nothing the second time; 'singleton' keeps one pass
 * running across all app nodes.
 */
export async function registerDeadlineEscalationJob(
  queue: JobQueue,
  deps: EscalationDeps,
  cron: string,
): Promise<void> {
  const options = { name: DEADLINE_ESCALATION_QUEUE, policy: 'singleton' as const, retryLimit: 2 };
  await queue.createQueue(DEADLINE_ESCALATION_QUEUE, options);
  await queue.schedule(DEADLINE_ESCALATION_QUEUE, cron, {}, { tz: 'Europe/Moscow' });
  await queue.work(DEADLINE_ESCALATION_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    await runDeadlineEscalation(deps);
  });
  // Catch up at start-up: deadlines that passed while no node was running are marked at once, not at
  // the next tick of the schedule (the singleton queue keeps two starting nodes from doubling it).
  await queue.send(DEADLINE_ESCALATION_QUEUE, {});
}
