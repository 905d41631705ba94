/**
 * Cross-node platform state (shared rate-limit counters): the public entry of the module. The
 * repository stays private; the server's rate-limit store and the housekeeping job use this facade.
 */
import * as repo from './rate-limit.repo.ts';

/** Counts one more hit for a key in its current window, atomically across every app node. */
export function hit(...args: Parameters<typeof repo.hit>): ReturnType<typeof repo.hit> {
  return repo.hit(...args);
}

/** A high per-minute limit counted in leases of a hundredth of it per node (an API client's). */
export { leasedHit } from './leased-hit.ts';

/** Forgets windows that ended long ago (housekeeping). */
export function deleteStaleCounters(...args: Parameters<typeof repo.deleteStaleCounters>): Promise<void> {
  return repo.deleteStaleCounters(...args);
}

export type { OutboxGauge, QueueGauge } from './metrics.repo.ts';
/** Job queue depth and age per queue, and the webhook backlog, for /metrics. */
export { outboxGauge, queueGauges } from './metrics.repo.ts';
