import {
  dispatchNoticeAlerts,
  NOTICE_ALERTS_QUEUE,
  type NoticeAlertsDeps,
} from '../modules/notices/index.ts';
import type { JobQueue } from './queue.ts';

/**
 * Tells subscribers when a notice starts, changes or ends at their places (in-app, and e-mail through
 * the notifications module's mailer). Every minute, so an outage's start reaches people within a
 * minute of its time, and kicked after every change of a notice; idempotent (each due event is marked dispatched with its alerts).
 */
export async function registerNoticeAlertsJob(
  queue: JobQueue,
  deps: NoticeAlertsDeps,
  cron: string,
): Promise<void> {
  const options = { name: NOTICE_ALERTS_QUEUE, policy: 'stately' as const, retryLimit: 3 };
  await queue.createQueue(NOTICE_ALERTS_QUEUE, options);
  await queue.updateQueue(NOTICE_ALERTS_QUEUE, options);
  await queue.schedule(NOTICE_ALERTS_QUEUE, cron, {}, { tz: 'Europe/Moscow' });
  await queue.work(NOTICE_ALERTS_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    await dispatchNoticeAlerts(deps);
  });
}
