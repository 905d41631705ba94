import { and, eq, inArray, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { type MergeMoved, reportMerges } from '../../db/schema/duplicates.ts';
import { media, reportFollowers, reports } from '../../db/schema/reports.ts';
import { inSlices } from '../../db/slices.ts';

/** Follower reasons that count as backing the problem (a subscriber only listens). */
export const SUPPORT_REASONS = ['supporter', 'merged'] as const;
export type FollowerReason = 'supporter' | 'merged' | 'subscriber';
export type Follower = { userId: string; reason: FollowerReason };

const supportReasonsSql = sql.join(
  SUPPORT_REASONS.map((r) => sql`${r}`),
  sql`, `,
);

// ---- support and followers ---------------------------------------------------------------------------

/** What supportFacts reads, as raw columns of a larger statement over the report `r`. */
export type SupportFactColumns = {
  supportCount: number;
  supportedByMe: boolean;
  mergedIntoNumber: number | string | null;
};

/**
 * The support facts as select-list fields over a report aliased `r`, for the report page's single
 * statement (reports.repo findReportView): the count, the caller's own support, the number of the
 * report it was merged into (its id is the report's own merged_into_id). The caller is given as a
 * placeholder when the statement is built once and filled per call.
 */
export function supportFactFields(actorId: string | Placeholder | null): SQL {
  return sql`(SELECT count(*)::int FROM report_followers f
               WHERE f.report_id = r.id AND f.reason IN (${supportReasonsSql})) AS "supportCount",
             ${
               actorId
                 ? sql`EXISTS (SELECT 1 FROM report_followers f WHERE f.report_id = r.id
                         AND f.user_id = ${actorId}::uuid AND f.reason IN (${supportReasonsSql}))`
                 : sql`FALSE`
             } AS "supportedByMe",
             (SELECT p.number FROM reports p WHERE p.id = r.merged_into_id) AS "mergedIntoNumber"`;
}

export async function supportFacts(
  exec: Executor,
  reportId: string,
  actorId: string | null,
): Promise<{ count: number; mine: boolean; mergedIntoId: string | null; mergedIntoNumber: number | null }> {
  const [row] = await queryRows<{
    count: number;
    mine: boolean;
    mergedIntoId: string | null;
    mergedIntoNumber: number | null;
  }>(
    exec,
    sql`SELECT (SELECT count(*)::int FROM report_followers f
                 WHERE f.report_id = r.id AND f.reason IN (${supportReasonsSql})) AS count,
               ${
                 actorId
                   ? sql`EXISTS (SELECT 1 FROM report_followers f WHERE f.report_id = r.id
                           AND f.user_id = ${actorId}::uuid AND f.reason IN (${supportReasonsSql}))`
                   : sql`FALSE`
               } AS mine,
               p.id AS "mergedIntoId", p.number AS "mergedIntoNumber"
        FROM reports r LEFT JOIN reports p ON p.id = r.merged_into_id
        WHERE r.id = ${reportId}::uuid`,
  );
  return {
    count: Number(row?.count ?? 0),
    mine: Boolean(row?.mine),
    mergedIntoId: row?.mergedIntoId ?? null,
    mergedIntoNumber: row?.mergedIntoNumber == null ? null : Number(row.mergedIntoNumber),
  };
}

/**
 * Makes the user a supporter; a subscriber becomes a supporter. False when they already back the
 * report (as a supporter, or as the author of a duplicate merged into it).
 */
export async function addSupporter(exec: Executor, reportId: string, userId: string, at: Date) {
  const rows = await exec
    .insert(reportFollowers)
    .values({ reportId, userId, reason: 'supporter', createdAt: at })
    .onConflictDoUpdate({
      target: [reportFollowers.reportId, reportFollowers.userId],
      set: { reason: 'supporter' },
      setWhere: eq(reportFollowers.reason, 'subscriber'),
    })
    .returning({ userId: reportFollowers.userId });
  return rows.length > 0;
}

export async function removeSupporter(exec: Executor, reportId: string, userId: string) {
  const rows = await exec
    .delete(reportFollowers)
    .where(
      and(
        eq(reportFollowers.reportId, reportId),
        eq(reportFollowers.userId, userId),
        eq(reportFollowers.reason, 'supporter'),
      ),
    )
    .returning({ userId: reportFollowers.userId });
  return rows.length > 0;
}

export async function addPriority(exec: Executor, reportId: string, delta: number) {
  if (delta === 0) return;
  await exec
    .update(reports)
    .set({ priority: sql`${reports.priority} + ${delta}` })
    .where(eq(reports.id, reportId));
}

export async function listFollowers(exec: Executor, reportId: string): Promise<Follower[]> {
  return exec
    .select({ userId: reportFollowers.userId, reason: reportFollowers.reason })
    .from(reportFollowers)
    .where(eq(reportFollowers.reportId, reportId))
    .orderBy(reportFollowers.createdAt, reportFollowers.userId);
}

/** Adds followers who do not follow yet; returns those actually added. */
export async function insertFollowers(
  exec: Executor,
  reportId: string,
  followers: Follower[],
  at: Date,
): Promise<Follower[]> {
  // A popular report's supporters (tens of thousands) pass a statement's parameters at once.
  const added = await inSlices(followers, (slice) =>
    exec
      .insert(reportFollowers)
      .values(slice.map((f) => ({ reportId, userId: f.userId, reason: f.reason, createdAt: at })))
      .onConflictDoNothing()
      .returning({ userId: reportFollowers.userId, reason: reportFollowers.reason }),
  );
  return added.flat();
}

/** Removes exactly these follower rows (same person, same reason); returns those that were there. */
export async function deleteFollowers(
  exec: Executor,
  reportId: string,
  followers: Follower[],
): Promise<Follower[]> {
  const deleted: Follower[] = [];
  for (const reason of ['supporter', 'merged', 'subscriber'] as const) {
    const ids = followers.filter((f) => f.reason === reason).map((f) => f.userId);
    if (ids.length === 0) continue;
    const rows = await exec
      .delete(reportFollowers)
      .where(
        and(
          eq(reportFollowers.reportId, reportId),
          eq(reportFollowers.reason, reason),
          sql`${reportFollowers.userId} = ANY(${sql.param(ids)}::uuid[])`,
        ),
      )
      .returning({ userId: reportFollowers.userId, reason: reportFollowers.reason });
    deleted.push(...rows);
  }
  return deleted;
}

// ---- photos -----------------------------------------------------------------------------------------

export async function listReportPhotoIds(exec: Executor, reportId: string): Promise<string[]> {
  const rows = await exec
    .select({ id: media.id })
    .from(media)
    .where(and(eq(media.reportId, reportId), eq(media.purpose, 'report')))
    .orderBy(media.createdAt, media.id);
  return rows.map((r) => r.id);
}

/** Moves photos that are still where the merge left them. */
export async function moveMedia(exec: Executor, ids: string[], fromReportId: string, toReportId: string) {
  if (ids.length === 0) return;
  await exec
    .update(media)
    .set({ reportId: toReportId })
    .where(and(inArray(media.id, ids), eq(media.reportId, fromReportId)));
}

// ---- merges -----------------------------------------------------------------------------------------

export async function findReportIdByNumber(exec: Executor, number: number): Promise<string | undefined> {
  const rows = await exec.select({ id: reports.id }).from(reports).where(eq(reports.number, number)).limit(1);
  return rows[0]?.id;
}

export async function insertMerge(exec: Executor, values: typeof reportMerges.$inferInsert) {
  await exec.insert(reportMerges).values(values);
}

export async function findActiveMerge(exec: Executor, duplicateId: string) {
  const rows = await exec
    .select()
    .from(reportMerges)
    .where(and(eq(reportMerges.duplicateId, duplicateId), isNull(reportMerges.undoneAt)))
    .limit(1);
  return rows[0];
}

export async function markMergeUndone(exec: Executor, id: string, undoneBy: string, at: Date) {
  await exec.update(reportMerges).set({ undoneBy, undoneAt: at }).where(eq(reportMerges.id, id));
}

export type { MergeMoved };
