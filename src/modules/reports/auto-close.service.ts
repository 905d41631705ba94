import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { closeBySystem } from './system-close.ts';

/**
 * Closes, one report per transaction, the answered reports whose author neither rated nor disputed
 * the answer within the dispute window (answered before `answeredBefore`). The timeline says why
 * (`closed` with reason `no_rating`) and the figures count it as "closed without a rating". A report
 * rated or disputed meanwhile no longer matches.
 */
export function closeUnratedAnswers(
  db: Db,
  opts: { answeredBefore: Date; windowDays: number; now: Date },
): Promise<number> {
  return closeBySystem(db, {
    next: sql`SELECT r.id FROM reports r
              WHERE r.status = 'answered' AND r.answered_at < ${opts.answeredBefore}
                AND NOT EXISTS (SELECT 1 FROM ratings ra WHERE ra.report_id = r.id AND ra.created_at >= r.answered_at)
              ORDER BY r.answered_at
              LIMIT 1 FOR UPDATE OF r SKIP LOCKED`,
    from: 'answered',
    reason: 'no_rating',
    days: opts.windowDays,
    now: opts.now,
  });
}
