import { type ClassifierDeps, RETRAIN_QUEUE, type RetrainJob, retrain } from '../modules/classifier/index.ts';
import type { JobQueue } from './queue.ts';

/**
 * Retraining runs as a job: on the configured schedule (Moscow time) and when an admin asks. The
 * queue's stately policy keeps one retraining waiting and one running across all app nodes; a job that fails is
 * retried by pg-boss and the active model stays as it was.
 */
export async function registerRetrainJob(queue: JobQueue, deps: ClassifierDeps, cron: string): Promise<void> {
  // 'stately': at most one retraining waiting and one running, so a second request while one waits
  // is refused (pg-boss answers null) instead of queueing duplicates.
  const options = { name: RETRAIN_QUEUE, policy: 'stately' as const, retryLimit: 2 };
  await queue.createQueue(RETRAIN_QUEUE, options);
  await queue.updateQueue(RETRAIN_QUEUE, options);
  if (cron) await queue.schedule(RETRAIN_QUEUE, cron, { trigger: 'schedule' }, { tz: 'Europe/Moscow' });
  else await queue.unschedule(RETRAIN_QUEUE);
  await queue.work<RetrainJob>(RETRAIN_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await retrain(deps, job.data.trigger);
  });
}
