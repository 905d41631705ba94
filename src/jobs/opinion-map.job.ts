import {
  OPINION_MAP_QUEUE,
  type RebuildDeps,
  rebuildStaleOpinionMaps,
} from '../modules/discussions/index.ts';
import type { JobQueue } from './queue.ts';

/**
 * Rebuilds the opinion maps of discussions that received votes, at most once an interval each (votes
 * wake the job; the schedule is the safety net). The
 * linear algebra runs in a worker thread, so the node keeps answering requests meanwhile.
 */
export async function registerOpinionMapJob(queue: JobQueue, deps: RebuildDeps): Promise<void> {
  await queue.createQueue(OPINION_MAP_QUEUE, { name: OPINION_MAP_QUEUE, policy: 'singleton' });
  await queue.schedule(OPINION_MAP_QUEUE, '* * * * *', {}, { tz: 'Europe/Moscow' });
  await queue.work(OPINION_MAP_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    await rebuildStaleOpinionMaps(deps);
  });
}
