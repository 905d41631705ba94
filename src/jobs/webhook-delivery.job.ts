import { type DispatchDeps, runWebhookDelivery } from '../modules/webhooks/index.ts';
import type { JobQueue } from './queue.ts';

export const WEBHOOK_QUEUE = 'webhook-delivery';
/** How soon the next run follows a finished one: the delivery latency of an event. */
export const WEBHOOK_POLL_SECONDS = 5;

/**
 * Webhook delivery runs as a chain of jobs: each run fans the outbox out, sends what is due, and
 * queues the next run a few seconds later. The stately queue keeps at most one run waiting and one
 * running across all nodes; the cron schedule restarts the chain within a minute should it break
 * (a node killed mid-run). All state (outbox, deliveries, leases) is in the database, so a restart
 * loses nothing.
 */
export async function registerWebhookDeliveryJob(queue: JobQueue, deps: DispatchDeps): Promise<void> {
  const options = { name: WEBHOOK_QUEUE, policy: 'stately' as const, retryLimit: 0 };
  await queue.createQueue(WEBHOOK_QUEUE, options);
  await queue.schedule(WEBHOOK_QUEUE, '* * * * *', {});
  await queue.work(WEBHOOK_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    try {
      await runWebhookDelivery(deps);
    } finally {
      await queue.send(WEBHOOK_QUEUE, {}, { startAfter: WEBHOOK_POLL_SECONDS });
    }
  });
}
