import { type RefreshDeps, refreshAnalytics, runSpikeDetection } from '../modules/analytics/index.ts';
import type { JobQueue } from './queue.ts';

export const ANALYTICS_REFRESH_QUEUE = 'analytics-refresh';

/**
 * Folds the reports changed since the last pass into the analytics facts and roll-ups (fresh within
 * a minute: it runs every minute), then re-tests the spike alerts. Idempotent; `singleton` so two
 * nodes never fold the same events at once.
 */
export async function runAnalyticsRefresh(deps: RefreshDeps): Promise<{ refreshed: number }> {
  const refreshed = await refreshAnalytics(deps);
  await runSpikeDetection(deps);
  return { refreshed };
}

export async function registerAnalyticsRefreshJob(
  queue: JobQueue,
  deps: RefreshDeps,
  cron: string,
): Promise<void> {
  await queue.createQueue(ANALYTICS_REFRESH_QUEUE, { name: ANALYTICS_REFRESH_QUEUE, policy: 'singleton' });
  await queue.schedule(ANALYTICS_REFRESH_QUEUE, cron, {}, { tz: 'Europe/Moscow' });
  // A node that starts folds at once rather than at the next cron minute: a freshly seeded demo (or a
  // node back after a pause) shows its figures within seconds. `singleton` keeps this to one run.
  await queue.send(ANALYTICS_REFRESH_QUEUE, {});
  await queue.work(ANALYTICS_REFRESH_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    await runAnalyticsRefresh(deps);
  });
}
