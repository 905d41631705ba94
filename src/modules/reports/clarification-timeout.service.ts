import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/connection.ts';
import { writeAudit } from '../audit/index.ts';
import * as repo from './reports.repo.ts';

/**
 * Closes, one report per transaction, the reports whose question to the author has gone unanswered
 * since before `askedBefore`. The author gets a plain closing reason on the timeline (not a silent
 * rejection) and may file the report again. Rows another node is closing are skipped, and a report the
 * author answered meanwhile no longer matches, so running twice (or on two nodes) closes nothing twice.
 */
export async function closeUnansweredClarifications(
  db: Db,
  opts: { askedBefore: Date; timeoutDays: number; now: Date },
): Promise<number> {
  let closed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`SELECT id FROM reports
            WHERE status = 'clarification_requested' AND clarification_requested_at < ${opts.askedBefore}
            ORDER BY clarification_requested_at
            LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!row) return false;
      await repo.updateReport(tx, row.id, {
        status: 'closed',
        clarificationRequestedAt: null,
        statusBeforeClarification: null,
        updatedAt: opts.now,
      });
      await repo.insertEvents(tx, [
        {
          reportId: row.id,
          type: 'closed',
          fromStatus: 'clarification_requested',
          toStatus: 'closed',
          actorId: null,
          actorRole: 'system',
          isPublic: true,
          payload: { reason: 'clarification_timeout', days: opts.timeoutDays },
          createdAt: opts.now,
        },
      ]);
      await writeAudit(tx, {
        actor: null,
        action: 'report.close',
        entityType: 'report',
        entityId: row.id,
        at: opts.now,
        details: { from: 'clarification_requested', to: 'closed', reason: 'clarification_timeout' },
      });
      return true;
    });
    if (!done) return closed;
    closed += 1;
  }
}
