import { expireInitiatives, type InitiativesDeps } from '../modules/initiatives/index.ts';
import type { JobQueue } from './queue.ts';

export const INITIATIVES_QUEUE = 'initiatives';

/** Every 15 minutes: initiatives out of time expire (supporters told); interrupted sends finish. */
export async function registerInitiativesJob(queue: JobQueue, deps: InitiativesDeps): Promise<void> {
  await queue.createQueue(INITIATIVES_QUEUE, { name: INITIATIVES_QUEUE, policy: 'singleton' });
  await queue.schedule(INITIATIVES_QUEUE, '*/15 * * * *', {}, { tz: 'Europe/Moscow' });
  await queue.work(INITIATIVES_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    await expireInitiatives(deps);
  });
}
