import { notificationsRuntime } from '../modules/notifications/index.ts';
import type { AppContext } from '../server/context.ts';
import { registerClarificationTimeoutJob } from './clarification-timeout.job.ts';
import { registerRetrainJob } from './classifier-retrain.job.ts';
import { registerDeadlineEscalationJob } from './deadline-escalation.job.ts';
import { registerHousekeepingJob } from './housekeeping.job.ts';
import { registerNoticeAlertsJob } from './notice-alerts.job.ts';
import { registerNotificationsJob } from './notifications.job.ts';
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
  await registerClarificationTimeoutJob(ctx.queue, {
    db: ctx.db,
    clock: ctx.clock,
    timeoutDays: ctx.config.clarificationTimeoutDays,
  });
  await registerDeadlineEscalationJob(
    ctx.queue,
    {
      db: ctx.db,
      clock: ctx.clock,
      calendar: ctx.calendar,
      escalateAfterWorkingDays: ctx.config.escalateAfterWorkingDays,
    },
    ctx.config.deadlineEscalationCron,
  );
  await registerNotificationsJob(ctx.queue, notificationsRuntime(ctx), ctx.config.notificationsCron);
  const notifications = notificationsRuntime(ctx);
  await registerNoticeAlertsJob(
    ctx.queue,
    { db: ctx.db, clock: ctx.clock, mailer: notifications.mailer, baseUrl: notifications.dispatch.baseUrl },
    '* * * * *',
  );
  await registerWebhookDeliveryJob(ctx.queue, {
    db: ctx.db,
    clock: ctx.clock,
    settings: ctx.config.webhooks,
  });
}
