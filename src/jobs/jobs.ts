import type { AppContext } from '../server/context.ts';
import { registerRetrainJob } from './classifier-retrain.job.ts';
import { registerHousekeepingJob } from './housekeeping.job.ts';
import { registerWebhookDeliveryJob } from './webhook-delivery.job.ts';

/** Every scheduled and on-demand job this node works on. */
export async function registerJobs(ctx: AppContext): Promise<void> {
  if (!ctx.queue) return;
  await registerRetrainJob(
    ctx.queue,
    {
      db: ctx.db,
      clock: ctx.clock,
      dataDir: ctx.config.dataDir,
      store: ctx.classifier,
      routingThreshold: ctx.config.classifierRoutingThreshold,
    },
    ctx.config.classifierRetrainCron,
  );
  await registerHousekeepingJob(ctx.queue, { db: ctx.db, clock: ctx.clock, storage: ctx.storage });
  // ---- outbound webhooks ----
  await registerWebhookDeliveryJob(ctx.queue, {
    db: ctx.db,
    clock: ctx.clock,
    settings: ctx.config.webhooks,
  });
}
