import { accountMailer } from '../modules/identity/index.ts';
import { initiativesDeps } from '../modules/initiatives/index.ts';
import { notificationsRuntime } from '../modules/notifications/index.ts';
import { regionSettings } from '../modules/reference/index.ts';
import type { AppContext } from '../server/context.ts';
import { reportsDeps } from '../server/deps.ts';
import { registerAccountMailJob } from './account-mail.job.ts';
import { registerAnalyticsRefreshJob } from './analytics-refresh.job.ts';
import { registerAutoCloseJob } from './auto-close.job.ts';
import { registerClarificationTimeoutJob } from './clarification-timeout.job.ts';
import { registerRetrainJob } from './classifier-retrain.job.ts';
import { registerDeadlineEscalationJob } from './deadline-escalation.job.ts';
import { registerHousekeepingJob } from './housekeeping.job.ts';
import { registerInitiativesJob } from './initiatives.job.ts';
import { registerKnowledgeReviewJob } from './knowledge-review.job.ts';
import { registerNoticeAlertsJob } from './notice-alerts.job.ts';
import { registerNotificationsJob } from './notifications.job.ts';
import { registerOpinionMapJob } from './opinion-map.job.ts';
import { registerWebhookDeliveryJob } from './webhook-delivery.job.ts';

/** Every scheduled and on-demand job this node works on. */
export async function registerJobs(ctx: AppContext): Promise<void> {
  if (!ctx.queue) return;
  const notifications = notificationsRuntime(ctx);
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
    timeoutDays: async () => (await regionSettings(ctx.db, ctx.config)).clarificationTimeoutDays,
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
  await registerNotificationsJob(ctx.queue, notifications, ctx.config.notificationsCron);
  await registerAutoCloseJob(
    ctx.queue,
    {
      db: ctx.db,
      clock: ctx.clock,
      disputeWindowDays: async () => (await regionSettings(ctx.db, ctx.config)).disputeWindowDays,
    },
    ctx.config.autoCloseCron,
  );
  await registerAnalyticsRefreshJob(
    ctx.queue,
    { db: ctx.db, clock: ctx.clock, calendar: ctx.calendar },
    ctx.config.analyticsRefreshCron,
  );
  await registerNoticeAlertsJob(
    ctx.queue,
    { db: ctx.db, clock: ctx.clock, mailer: notifications.mailer, baseUrl: notifications.dispatch.baseUrl },
    '* * * * *',
  );
  await registerWebhookDeliveryJob(ctx.queue, {
    db: ctx.db,
    clock: ctx.clock,
    settings: ctx.config.webhooks,
    secrets: ctx.secrets,
  });
  await registerAccountMailJob(ctx.queue, {
    db: ctx.db,
    clock: ctx.clock,
    mailer: accountMailer(ctx.config.smtpUrl, ctx.config.mailFrom),
  });
  await registerKnowledgeReviewJob(ctx.queue, {
    db: ctx.db,
    clock: ctx.clock,
    mailer: notifications.mailer,
    baseUrl: notifications.dispatch.baseUrl,
  });
  await registerOpinionMapJob(ctx.queue, {
    db: ctx.db,
    clock: ctx.clock,
    inWorker: true,
    intervalMs: ctx.config.participation.opinionMapIntervalMs,
  });
  await registerInitiativesJob(ctx.queue, initiativesDeps(ctx, reportsDeps(ctx)));
}
