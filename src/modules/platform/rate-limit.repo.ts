import { sql } from 'drizzle-orm';
import { type Executor, queryRowsPrepared } from '../../db/connection.ts';
import { rateLimits } from '../../db/schema/platform.ts';

/**
 * Counts one more hit for `key` in its current window (or opens a new window), atomically across
 * every app node; returns the count so far and when the window started. A window that started at or
 * before the cut-off (now - windowMs) is over. The cut-off is computed here and bound as a parameter:
 * Citus accepts only IMMUTABLE expressions in DO UPDATE SET, and `timestamptz + interval` is not.
 * Named: every write request with a per-user limit runs it, and its plan (the key's upsert) never
 * depends on the values.
 */
export async function hit(
  exec: Executor,
  key: string,
  windowMs: number,
  now: Date,
  /** Hits counted at once (a node's lease of several: see leasedHit). */
  amount = 1,
): Promise<{ count: number; windowStart: Date }> {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const rows = await queryRowsPrepared<{ count: number; windowStart: Date | string }>(
    exec,
    'rate_limit_hit',
    sql`INSERT INTO ${rateLimits} AS r (key, count, window_start) VALUES (${key}, ${amount}::int, ${now.toISOString()}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN r.window_start <= ${cutoff}::timestamptz THEN ${amount}::int ELSE r.count + ${amount}::int END,
          window_start = CASE WHEN r.window_start <= ${cutoff}::timestamptz
                         THEN EXCLUDED.window_start ELSE r.window_start END
        RETURNING count, window_start AS "windowStart"`,
  );
  const row = rows[0]!;
  return { count: Number(row.count), windowStart: new Date(row.windowStart) };
}

/** Windows that ended long ago carry no information any more. */
export async function deleteStaleCounters(exec: Executor, olderThan: Date): Promise<void> {
  await exec.execute(
    sql`DELETE FROM ${rateLimits} WHERE window_start < ${olderThan.toISOString()}::timestamptz`,
  );
}
