import type { SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/connection.ts';
import { writeAudit } from '../audit/index.ts';
import type { ReportStatus } from './report-states.ts';
import type { NewReport } from './reports.repo.ts';
import * as repo from './reports.repo.ts';

/** Why the platform closed a report by itself: the timeline's and the audit row's reason. */
export type SystemClose = {
  /** `SELECT id … LIMIT 1 FOR UPDATE SKIP LOCKED`: the next report to close, or none. */
  next: SQL;
  from: ReportStatus;
  reason: 'no_rating' | 'clarification_timeout';
  /** The window that ran out, in days, shown on the timeline. */
  days: number;
  now: Date;
  /** More columns the closing clears (the question's marks, say). */
  alsoSet?: Partial<NewReport>;
};

/**
 * Closes reports one per transaction until `next` finds none, each with a public `closed` event
 * (the author and followers get the notice) and an audit row, and returns how many it closed.
 * `next` locks with SKIP LOCKED and re-tests its condition, so another node closing at once, or a
 * report that changed meanwhile, is passed over: running twice closes nothing twice.
 */
export async function closeBySystem(db: Db, close: SystemClose): Promise<number> {
  let closed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(tx, close.next);
      if (!row) return false;
      await repo.updateReport(tx, row.id, { ...close.alsoSet, status: 'closed', updatedAt: close.now });
      await repo.insertEvents(tx, [
        {
          reportId: row.id,
          type: 'closed',
          fromStatus: close.from,
          toStatus: 'closed',
          actorId: null,
          actorRole: 'system',
          isPublic: true,
          payload: { reason: close.reason, days: close.days },
          createdAt: close.now,
        },
      ]);
      await writeAudit(tx, {
        actor: null,
        action: 'report.close',
        entityType: 'report',
        entityId: row.id,
        at: close.now,
        details: { from: close.from, to: 'closed', reason: close.reason },
      });
      return true;
    });
    if (!done) return closed;
    closed += 1;
  }
}
