import {
  DISPATCH_QUEUE,
  dispatchNotifications,
  type NotificationsRuntime,
  sendPendingEmails,
} from '../modules/notifications/index.ts';
import type { JobQueue } from './queue.ts';

/** One dispatcher run: timeline → notifications, then the e-mail outbox; live counters look at once. */
export async function runNotifications(runtime: NotificationsRuntime) {
  const dispatched = await dispatchNotifications(runtime.dispatch);
  if (dispatched.notifications > 0) runtime.hub.kick();
  const mail = await sendPendingEmails(runtime.dispatch);
  return { ...dispatched, ...mail };
}

/**
 * The dispatcher runs as a job: kicked after every report command and on a schedule (for events
 * written elsewhere: deadline jobs, other nodes, a run that failed). The stately policy keeps at
 * most one run waiting and one running across all nodes; the cursor's row lock makes even two
 * concurrent runs safe.
 */
export async function registerNotificationsJob(
  queue: JobQueue,
  runtime: NotificationsRuntime,
  cron: string,
): Promise<void> {
  const options = { name: DISPATCH_QUEUE, policy: 'stately' as const, retryLimit: 3 };
  await queue.createQueue(DISPATCH_QUEUE, options);
  await queue.updateQueue(DISPATCH_QUEUE, options);
  if (cron) await queue.schedule(DISPATCH_QUEUE, cron, {}, { tz: 'Europe/Moscow' });
  else await queue.unschedule(DISPATCH_QUEUE);
  await queue.work(DISPATCH_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    await runNotifications(runtime);
  });
}
