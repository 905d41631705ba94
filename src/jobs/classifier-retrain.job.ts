import {
  type ClassifierDeps,
  RETRAIN_QUEUE,
  type RetrainJob,
  retrain,
} from '../modules/classifier/classifier.service.ts';
import type { JobQueue } from './queue.ts';

/**
 * Retraining runs as a job: on the configured schedule (Moscow time) and when an admin asks. The
 * queue's singleton policy keeps one retraining at a time across all app nodes; a job that fails is
 * retried by pg-boss and the active model stays as it was.
 */
export async function registerRetrainJob(queue: JobQueue, deps: ClassifierDeps, cron: string): Promise<void> {
  await queue.createQueue(RETRAIN_QUEUE, { name: RETRAIN_QUEUE, policy: 'singleton', retryLimit: 2 });
  if (cron) await queue.schedule(RETRAIN_QUEUE, cron, { trigger: 'schedule' }, { tz: 'Europe/Moscow' });
  else await queue.unschedule(RETRAIN_QUEUE);
  await queue.work<RetrainJob>(RETRAIN_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await retrain(deps, job.data.trigger);
  });
}
