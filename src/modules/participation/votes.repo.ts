import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { voteBallots, voteItems, votes } from '../../db/schema/participation.ts';
import { sqlUuidArray } from './polls.repo.ts';

export type VoteRow = typeof votes.$inferSelect;
export type VoteItemRow = typeof voteItems.$inferSelect;

export async function insertVote(exec: Executor, row: typeof votes.$inferInsert): Promise<VoteRow> {
  const [created] = await exec.insert(votes).values(row).returning();
  return created!;
}

export async function findVote(exec: Executor, id: string): Promise<VoteRow | undefined> {
  const rows = await exec.select().from(votes).where(eq(votes.id, id)).limit(1);
  return rows[0];
}

export async function lockVote(exec: Executor, id: string): Promise<VoteRow | undefined> {
  const rows = await exec.select().from(votes).where(eq(votes.id, id)).for('update');
  return rows[0];
}

export async function updateVote(
  exec: Executor,
  id: string,
  values: Partial<typeof votes.$inferInsert>,
): Promise<void> {
  await exec.update(votes).set(values).where(eq(votes.id, id));
}

export async function listVotes(exec: Executor, territoryIds: string[] | undefined): Promise<VoteRow[]> {
  return exec
    .select()
    .from(votes)
    .where(
      territoryIds
        ? sql`(cardinality(${votes.audienceTerritoryIds}) = 0 OR ${votes.audienceTerritoryIds} && ${sqlUuidArray(territoryIds)})`
        : undefined,
    )
    .orderBy(sql`${votes.votingCloseAt} DESC`)
    .limit(200);
}

export async function insertItem(exec: Executor, row: typeof voteItems.$inferInsert): Promise<VoteItemRow> {
  const [created] = await exec.insert(voteItems).values(row).returning();
  return created!;
}

export async function findItems(exec: Executor, voteId: string): Promise<VoteItemRow[]> {
  return exec
    .select()
    .from(voteItems)
    .where(eq(voteItems.voteId, voteId))
    .orderBy(asc(voteItems.createdAt), asc(voteItems.id));
}

export async function lockItem(
  exec: Executor,
  voteId: string,
  itemId: string,
): Promise<VoteItemRow | undefined> {
  const rows = await exec
    .select()
    .from(voteItems)
    .where(and(eq(voteItems.voteId, voteId), eq(voteItems.id, itemId)))
    .for('update');
  return rows[0];
}

export async function updateItem(
  exec: Executor,
  id: string,
  values: Partial<typeof voteItems.$inferInsert>,
): Promise<void> {
  await exec.update(voteItems).set(values).where(eq(voteItems.id, id));
}

/** Of `ids`, those that are not approved items of the vote. */
export async function unapprovedItems(exec: Executor, voteId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await exec
    .select({ id: voteItems.id })
    .from(voteItems)
    .where(and(eq(voteItems.voteId, voteId), eq(voteItems.status, 'approved'), inArray(voteItems.id, ids)));
  const ok = new Set(found.map((r) => r.id));
  return ids.filter((id) => !ok.has(id));
}

/**
 * Stores or replaces a resident's choice in one statement: only when every chosen item is an
 * approved item of the vote (else nothing is stored and null comes back), and one row per
 * (vote, resident) by the unique index, whatever arrives concurrently. Returns whether it was new.
 */
export async function upsertVoteBallot(
  exec: Executor,
  b: { voteId: string; userId: string; itemIds: string[]; at: Date },
): Promise<{ created: boolean } | null> {
  const ids = b.itemIds.length > 0 ? sqlUuidArray(b.itemIds) : sql`ARRAY[]::uuid[]`;
  const rows = await queryRows<{ created: boolean }>(
    exec,
    sql`INSERT INTO ${voteBallots} (vote_id, user_id, item_ids, created_at, updated_at)
        SELECT ${b.voteId}, ${b.userId}, ${ids}, ${b.at}, ${b.at}
        WHERE (SELECT count(*) FROM ${voteItems}
               WHERE vote_id = ${b.voteId} AND status = 'approved' AND id = ANY(${ids})) = ${b.itemIds.length}
        ON CONFLICT (vote_id, user_id)
        DO UPDATE SET item_ids = excluded.item_ids, updated_at = excluded.updated_at
        RETURNING (xmax = 0) AS created`,
  );
  return rows[0] ?? null;
}

export async function findVoteBallot(
  exec: Executor,
  voteId: string,
  userId: string,
): Promise<string[] | null> {
  const rows = await exec
    .select({ itemIds: voteBallots.itemIds })
    .from(voteBallots)
    .where(and(eq(voteBallots.voteId, voteId), eq(voteBallots.userId, userId)))
    .limit(1);
  return rows[0]?.itemIds ?? null;
}

/** Counts per item from the stored ballots (so they always equal a recount) and the ballots cast. */
export async function tallyVote(
  exec: Executor,
  voteId: string,
): Promise<{ ballots: number; counts: Map<string, number> }> {
  const [ballots, counts] = await Promise.all([
    queryRows<{ n: number }>(
      exec,
      sql`SELECT count(*)::int AS n FROM ${voteBallots} WHERE vote_id = ${voteId} AND cardinality(item_ids) > 0`,
    ),
    queryRows<{ id: string; n: number }>(
      exec,
      sql`SELECT i.id, count(*)::int AS n FROM ${voteBallots} b, unnest(b.item_ids) AS i(id)
          WHERE b.vote_id = ${voteId} GROUP BY i.id`,
    ),
  ]);
  return { ballots: ballots[0]?.n ?? 0, counts: new Map(counts.map((r) => [r.id, r.n])) };
}

/** The residents who cast a ballot with at least one item (to tell them the outcome). */
export async function voterIds(exec: Executor, voteId: string): Promise<string[]> {
  const rows = await exec
    .select({ userId: voteBallots.userId })
    .from(voteBallots)
    .where(and(eq(voteBallots.voteId, voteId), sql`cardinality(${voteBallots.itemIds}) > 0`));
  return rows.map((r) => r.userId);
}
