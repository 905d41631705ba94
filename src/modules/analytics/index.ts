/**
 * Analytics: dashboards, league tables, map clusters, open data, the roll-ups behind them, spike
 * alerts and the systemic-problem matrix (docs/analytics.md). The public entry of the module.
 */
export { analyticsRoutes } from './analytics.routes.ts';
export { type DatasetOptions, generateDataset } from './dataset.repo.ts';
export { type RefreshDeps, rebuildAll, refreshAnalytics } from './refresh.service.ts';
export { runSpikeDetection } from './spikes.service.ts';
