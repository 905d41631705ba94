import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { DAY_MS } from '../lib/clock.ts';
import { deleteExpiredSessions, purgeAccountState } from '../modules/identity/index.ts';
import { type BlobStorage, deleteMedia, listOrphans } from '../modules/media/index.ts';
import { deleteStaleCounters } from '../modules/platform/index.ts';
import { purgeStaffInvitations } from '../modules/staff-admin/index.ts';
import type { JobQueue } from './queue.ts';

export const HOUSEKEEPING_QUEUE = 'housekeeping';

/** How long an upload may wait for the report (or answer) it was made for. */
export const ORPHAN_GRACE_MS = DAY_MS;

export type HousekeepingDeps = { db: Db; clock: Clock; storage: BlobStorage };

/**
 * Removes what nobody can use any more: expired sessions, stale rate-limit counters, and photos uploaded for a form that was
 * never sent (row first, then the files: a file without a row is harmless, a row without its file
 * is not). Idempotent: running it twice removes nothing more.
 */
export async function runHousekeeping(
  deps: HousekeepingDeps,
): Promise<{ sessions: 'swept'; orphanMedia: number }> {
  const now = deps.clock.now();
  await deleteExpiredSessions(deps.db, now);
  await deleteStaleCounters(deps.db, new Date(now.getTime() - DAY_MS));
  await purgeAccountState(deps.db, now);
  await purgeStaffInvitations(deps.db, now);
  const orphans = await listOrphans(deps.db, new Date(now.getTime() - ORPHAN_GRACE_MS));
  let deleted = 0;
  for (const m of orphans) {
    // Attached since it was listed (a report sent, a proposal made): its files stay.
    if (!(await deleteMedia(deps.db, m.id))) continue;
    deleted += 1;
    await deps.storage.delete(m.storageKey);
    if (m.thumbKey) await deps.storage.delete(m.thumbKey);
  }
  return { sessions: 'swept', orphanMedia: deleted };
}

export async function registerHousekeepingJob(queue: JobQueue, deps: HousekeepingDeps): Promise<void> {
  await queue.createQueue(HOUSEKEEPING_QUEUE, { name: HOUSEKEEPING_QUEUE, policy: 'singleton' });
  await queue.schedule(HOUSEKEEPING_QUEUE, '17 * * * *', {}, { tz: 'Europe/Moscow' });
  await queue.work(HOUSEKEEPING_QUEUE, { pollingIntervalSeconds: 10 }, async () => {
    await runHousekeeping(deps);
  });
}
