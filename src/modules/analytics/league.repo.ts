import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

export type LeagueSampleRow = {
  organisationId: string;
  onTime: boolean | null;
  solved: boolean | null;
  rating: number | null;
  disputed: boolean | null;
  answerWorkingDays: number | null;
};

/**
 * Each active organisation's last `n` answered reports since `since`, newest first (an index walk
 * per organisation); an organisation with none gives one row of nulls so it is still listed.
 */
export async function lastAnswered(exec: Executor, n: number, since: Date): Promise<LeagueSampleRow[]> {
  return queryRows<LeagueSampleRow>(
    exec,
    sql`SELECT o.id AS "organisationId", x.on_time AS "onTime", x.solved, x.rating, x.disputed,
               x.answer_working_days AS "answerWorkingDays"
        FROM organisations o
        LEFT JOIN LATERAL (
          SELECT f.on_time, f.solved, f.rating, f.disputed, f.answer_working_days
          FROM analytics_report_facts f
          WHERE f.organisation_id = o.id AND f.answered_at >= ${since}
          ORDER BY f.answered_at DESC LIMIT ${n}
        ) x ON true
        WHERE o.is_active`,
  );
}
