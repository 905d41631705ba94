import { type DispatchDeps, runWebhookDelivery } from '../modules/webhooks/index.ts';
import type { JobQueue } from './queue.ts';

export const WEBHOOK_QUEUE = 'webhook-delivery';
/** How soon the next run follows a finished one: the delivery latency of an event. */
export const WEBHOOK_POLL_SECONDS = 5;
/**
 * After this long a run is taken for dead (its node killed) and another may start. Short, because
 * webhooks stop for all nodes until then; a run that really lasts longer (a large backlog of slow
 * endpoints) merely overlaps the next, and the deliveries' leases keep anything from going twice.
 */
export const WEBHOOK_RUN_EXPIRE_SECONDS = 20;

/**
 * Webhook delivery runs as a chain of jobs: each run fans the outbox out, sends what is due, and
 * queues the next run a few seconds later. The stately queue keeps at most one run waiting and one
 * running across all nodes; the cron schedule restarts the chain within a minute should it break
 * (a node killed mid-run). All state (outbox, deliveries, leases) is in the database, so a restart
 * loses nothing.
 */
export async function registerWebhookDeliveryJob(queue: JobQueue, deps: DispatchDeps): Promise<void> {
  // A run whose node was killed stays "active" until it expires, and the stately policy lets no
  // other run start meanwhile: with pg-boss's default (15 minutes) one SIGKILL stopped every
  // webhook for a quarter of an hour (the crash test, docs/reliability.md). A run takes well under
  // a second unless a large backlog is due.
  const options = {
    name: WEBHOOK_QUEUE,
    policy: 'stately' as const,
    retryLimit: 0,
    expireInSeconds: WEBHOOK_RUN_EXPIRE_SECONDS,
  };
  await queue.createQueue(WEBHOOK_QUEUE, options);
  // createQueue leaves an existing queue as it was: a database from an older version gets the expiry too.
  await queue.updateQueue(WEBHOOK_QUEUE, options);
  await queue.schedule(WEBHOOK_QUEUE, '* * * * *', {});
  // Restart the chain now rather than at the next cron minute: after a crash the outbox may hold
  // reports that were acknowledged but not yet sent. The stately queue keeps this to one waiting run.
  await queue.send(WEBHOOK_QUEUE, {});
  await queue.work(WEBHOOK_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    try {
      await runWebhookDelivery(deps);
    } finally {
      await queue.send(WEBHOOK_QUEUE, {}, { startAfter: WEBHOOK_POLL_SECONDS });
    }
  });
}
