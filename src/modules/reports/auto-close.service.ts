import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/connection.ts';
import { writeAudit } from '../audit/index.ts';
import * as repo from './reports.repo.ts';

/**
 * Closes, one report per transaction, the answered reports whose author neither rated nor disputed
 * the answer within the dispute window (answered before `answeredBefore`). The timeline says why
 * (`closed` with reason `no_rating`, public, so the author and followers get the notice) and the
 * figures count it as "closed without a rating". Rows another node is closing are skipped, and a
 * report rated or disputed meanwhile no longer matches, so running twice closes nothing twice.
 */
export async function closeUnratedAnswers(
  db: Db,
  opts: { answeredBefore: Date; windowDays: number; now: Date },
): Promise<number> {
  let closed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`SELECT r.id FROM reports r
            WHERE r.status = 'answered' AND r.answered_at < ${opts.answeredBefore}
              AND NOT EXISTS (SELECT 1 FROM ratings ra WHERE ra.report_id = r.id AND ra.created_at >= r.answered_at)
            ORDER BY r.answered_at
            LIMIT 1 FOR UPDATE OF r SKIP LOCKED`,
      );
      if (!row) return false;
      await repo.updateReport(tx, row.id, { status: 'closed', updatedAt: opts.now });
      await repo.insertEvents(tx, [
        {
          reportId: row.id,
          type: 'closed',
          fromStatus: 'answered',
          toStatus: 'closed',
          actorId: null,
          actorRole: 'system',
          isPublic: true,
          payload: { reason: 'no_rating', days: opts.windowDays },
          createdAt: opts.now,
        },
      ]);
      await writeAudit(tx, {
        actor: null,
        action: 'report.close',
        entityType: 'report',
        entityId: row.id,
        at: opts.now,
        details: { from: 'answered', to: 'closed', reason: 'no_rating' },
      });
      return true;
    });
    if (!done) return closed;
    closed += 1;
  }
}
