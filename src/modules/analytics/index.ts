/**
 * Analytics: dashboards, league tables, map clusters, open data, the roll-ups behind them, spike
 * alerts and the systemic-problem matrix (docs/analytics.md). The public entry of the module.
 */
export { analyticsRoutes } from './analytics.routes.ts';
export { type RefreshDeps, rebuildAll, refreshAnalytics } from './refresh.service.ts';
export { runSpikeDetection } from './spikes.service.ts';

import * as dataset from './dataset.repo.ts';

export type { DatasetOptions } from './dataset.repo.ts';

/** Writes a generated data set (tests, benchmarks); see dataset.repo.ts. */
export function generateDataset(...args: Parameters<typeof dataset.generateDataset>): Promise<number> {
  return dataset.generateDataset(...args);
}
