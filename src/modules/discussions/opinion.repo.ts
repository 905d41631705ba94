import { and, asc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import {
  discussions,
  opinionMaps,
  opinionStatements,
  opinionVotes,
  type StatementStatus,
} from '../../db/schema/discussions.ts';

export type StatementRow = typeof opinionStatements.$inferSelect;

export async function insertStatement(
  exec: Executor,
  row: typeof opinionStatements.$inferInsert,
): Promise<StatementRow> {
  const [created] = await exec.insert(opinionStatements).values(row).returning();
  return created!;
}

export async function findStatement(
  exec: Executor,
  id: string,
  lock = false,
): Promise<StatementRow | undefined> {
  const q = exec.select().from(opinionStatements).where(eq(opinionStatements.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function setStatementStatus(exec: Executor, id: string, status: StatementStatus, at: Date) {
  const [row] = await exec
    .update(opinionStatements)
    .set({ status, moderatedAt: at })
    .where(eq(opinionStatements.id, id))
    .returning();
  return row!;
}

export async function listStatements(exec: Executor, discussionId: string, status: StatementStatus) {
  return exec
    .select()
    .from(opinionStatements)
    .where(and(eq(opinionStatements.discussionId, discussionId), eq(opinionStatements.status, status)))
    .orderBy(asc(opinionStatements.createdAt), asc(opinionStatements.id));
}

/** What a vote needs to know about its statement and discussion, in one read. */
export type VoteTarget = {
  statementId: string;
  statementStatus: StatementStatus;
  discussionId: string;
  territoryId: string | null;
  opinionMap: boolean;
  status: 'open' | 'closed' | 'results_published';
  opensAt: Date;
  closesAt: Date;
};

export async function findVoteTarget(exec: Executor, statementId: string): Promise<VoteTarget | undefined> {
  const [row] = await exec
    .select({
      statementId: opinionStatements.id,
      statementStatus: opinionStatements.status,
      discussionId: discussions.id,
      territoryId: discussions.territoryId,
      opinionMap: discussions.opinionMap,
      status: discussions.status,
      opensAt: discussions.opensAt,
      closesAt: discussions.closesAt,
    })
    .from(opinionStatements)
    .innerJoin(discussions, eq(discussions.id, opinionStatements.discussionId))
    .where(eq(opinionStatements.id, statementId));
  return row;
}

/** Stores (or replaces) the participant's one vote on a statement: one statement, no shared row locked. */
export async function upsertVote(
  exec: Executor,
  v: { statementId: string; discussionId: string; userId: string; vote: -1 | 0 | 1; at: Date },
): Promise<void> {
  await exec.execute(sql`
    INSERT INTO opinion_votes (statement_id, user_id, discussion_id, vote, voted_at)
    VALUES (${v.statementId}, ${v.userId}, ${v.discussionId}, ${v.vote}, ${v.at})
    ON CONFLICT (statement_id, user_id) DO UPDATE
      SET vote = EXCLUDED.vote, voted_at = EXCLUDED.voted_at, seq = EXCLUDED.seq`);
}

/** The next approved statement the user has not voted on: fewest votes first, then a per-user shuffle. */
export async function nextStatement(
  exec: Executor,
  discussionId: string,
  userId: string,
): Promise<{ next: StatementRow | null; remaining: number; voted: number }> {
  const rows = await queryRows<{ id: string | null; remaining: number; voted: number }>(
    exec,
    sql`WITH open AS (
          SELECT s.id FROM opinion_statements s
          WHERE s.discussion_id = ${discussionId} AND s.status = 'approved'
            AND NOT EXISTS (SELECT 1 FROM opinion_votes v WHERE v.statement_id = s.id AND v.user_id = ${userId}))
        SELECT
          (SELECT o.id FROM open o
             ORDER BY (SELECT count(*) FROM opinion_votes v WHERE v.statement_id = o.id), md5(o.id::text || ${userId})
             LIMIT 1) AS id,
          (SELECT count(*)::int FROM open) AS remaining,
          (SELECT count(*)::int FROM opinion_votes v WHERE v.discussion_id = ${discussionId} AND v.user_id = ${userId}) AS voted`,
  );
  const row = rows[0]!;
  return {
    next: row.id ? ((await findStatement(exec, row.id)) ?? null) : null,
    remaining: row.remaining,
    voted: row.voted,
  };
}

/** Every vote on the discussion's approved statements (the job's input; also the CSV export). */
export async function loadVotes(
  exec: Executor,
  discussionId: string,
): Promise<{ userId: string; statementId: string; vote: number }[]> {
  return exec
    .select({ userId: opinionVotes.userId, statementId: opinionVotes.statementId, vote: opinionVotes.vote })
    .from(opinionVotes)
    .innerJoin(opinionStatements, eq(opinionStatements.id, opinionVotes.statementId))
    .where(and(eq(opinionVotes.discussionId, discussionId), eq(opinionStatements.status, 'approved')))
    .orderBy(asc(opinionVotes.userId), asc(opinionVotes.statementId));
}

export async function countParticipants(exec: Executor, discussionId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(DISTINCT user_id)::int AS n FROM opinion_votes WHERE discussion_id = ${discussionId}`,
  );
  return rows[0]?.n ?? 0;
}

/** Agree / disagree / pass counts per statement of a discussion. */
export async function statementTallies(exec: Executor, discussionId: string) {
  return queryRows<{ statementId: string; agree: number; disagree: number; pass: number }>(
    exec,
    sql`SELECT statement_id AS "statementId",
               count(*) FILTER (WHERE vote = 1)::int AS agree,
               count(*) FILTER (WHERE vote = -1)::int AS disagree,
               count(*) FILTER (WHERE vote = 0)::int AS pass
        FROM opinion_votes WHERE discussion_id = ${discussionId} GROUP BY statement_id`,
  );
}

export type MapRow = typeof opinionMaps.$inferSelect;

export async function findMap(exec: Executor, discussionId: string): Promise<MapRow | undefined> {
  const [row] = await exec.select().from(opinionMaps).where(eq(opinionMaps.discussionId, discussionId));
  return row;
}

/**
 * Discussions with votes after the snapshot their map was computed from, not computed within the last
 * `minIntervalMs`: the job's work list (at most once an interval per discussion while votes arrive).
 */
export async function staleMaps(
  exec: Executor,
  now: Date,
  minIntervalMs: number,
): Promise<{ discussionId: string }[]> {
  const cutoff = new Date(now.getTime() - minIntervalMs);
  return queryRows<{ discussionId: string }>(
    exec,
    sql`SELECT d.id AS "discussionId"
        FROM discussions d LEFT JOIN opinion_maps m ON m.discussion_id = d.id
        WHERE d.opinion_map
          AND EXISTS (SELECT 1 FROM opinion_votes v
                      WHERE v.discussion_id = d.id AND v.seq > coalesce(m.computed_seq, 0))
          AND (m.computed_at IS NULL OR m.computed_at <= ${cutoff})
        ORDER BY m.computed_at NULLS FIRST LIMIT 20`,
  );
}

/** The highest vote sequence number of a discussion now (the snapshot a computation starts from). */
export async function lastVoteSeq(exec: Executor, discussionId: string): Promise<number> {
  const rows = await queryRows<{ seq: string | number | null }>(
    exec,
    sql`SELECT max(seq) AS seq FROM opinion_votes WHERE discussion_id = ${discussionId}`,
  );
  return Number(rows[0]?.seq ?? 0);
}

/** Stores a computed map unless a computation from a later snapshot got there first. */
export async function saveMap(
  exec: Executor,
  m: { discussionId: string; computedAt: Date; computedSeq: number; result: unknown },
): Promise<void> {
  await exec.execute(sql`
    INSERT INTO opinion_maps (discussion_id, computed_seq, computed_at, result)
    VALUES (${m.discussionId}, ${m.computedSeq}, ${m.computedAt}, ${JSON.stringify(m.result)}::jsonb)
    ON CONFLICT (discussion_id) DO UPDATE
      SET computed_seq = EXCLUDED.computed_seq, computed_at = EXCLUDED.computed_at, result = EXCLUDED.result
      WHERE opinion_maps.computed_seq <= EXCLUDED.computed_seq`);
}
