import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { closeBySystem } from './system-close.ts';

/**
 * Closes, one report per transaction, the reports whose question to the author has gone unanswered
 * since before `askedBefore`. The author gets a plain closing reason on the timeline (not a silent
 * rejection) and may file the report again. A report the author answered meanwhile no longer matches.
 */
export function closeUnansweredClarifications(
  db: Db,
  opts: { askedBefore: Date; timeoutDays: number; now: Date },
): Promise<number> {
  return closeBySystem(db, {
    next: sql`SELECT id FROM reports
              WHERE status = 'clarification_requested' AND clarification_requested_at < ${opts.askedBefore}
              ORDER BY clarification_requested_at
              LIMIT 1 FOR UPDATE SKIP LOCKED`,
    from: 'clarification_requested',
    reason: 'clarification_timeout',
    days: opts.timeoutDays,
    now: opts.now,
    alsoSet: { clarificationRequestedAt: null, statusBeforeClarification: null },
  });
}
