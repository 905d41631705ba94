import { and, eq, inArray, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows, queryRowsPrepared } from '../../db/connection.ts';
import { type MergeMoved, reportMerges } from '../../db/schema/duplicates.ts';
import { media, reportFollowers, reports } from '../../db/schema/reports.ts';
import { type Visibility, visibilitySql } from '../reports/index.ts';
import { openStatuses, type ReportStatus } from '../reports/report-states.ts';

/** Follower reasons that count as backing the problem (a subscriber only listens). */
export const SUPPORT_REASONS = ['supporter', 'merged'] as const;
export type FollowerReason = 'supporter' | 'merged' | 'subscriber';
export type Follower = { userId: string; reason: FollowerReason };

const supportReasonsSql = sql.join(
  SUPPORT_REASONS.map((r) => sql`${r}`),
  sql`, `,
);
const openStatusesSql = sql.join(
  openStatuses.map((s) => sql`${s}`),
  sql`, `,
);

// ---- similar reports -------------------------------------------------------------------------------

export type SimilarSearch = {
  categoryId: string;
  lat: number;
  lon: number;
  /** Empty: rank by distance alone and offer every nearby report of the subject. */
  text: string;
  radiusMeters: number;
  minSimilarity: number;
  /** A search from a report (staff looking for its primary) leaves that report out. */
  excludeId: string | null;
  actorId: string | null;
  visibility: Visibility;
  limit: number;
};

export type SimilarRow = {
  id: string;
  number: number;
  status: ReportStatus;
  categoryId: string;
  categoryCode: string;
  categoryNameRu: string;
  categoryNameEn: string;
  text: string;
  createdAt: Date | string;
  meters: number;
  similarity: number;
  supportCount: number;
  isMine: boolean;
  supportedByMe: boolean;
};

/**
 * Open reports of one subject near a point whose text looks alike. The geometry test (a box in
 * degrees, served by the location index) comes first, the exact distance on the spheroid second.
 * Text likeness is the better of pg_trgm's similarity (typos, word forms) and the overlap (Dice) of
 * the Russian full-text lexemes (stemmed words without stop words), both compared explicitly rather
 * than through a session threshold (see ARCHITECTURE: SET does not reach Citus workers).
 */
/** How many of the nearest open reports of the subject are compared by text (bounds the cost). */
export const SIMILAR_CANDIDATES = 40;

export async function findSimilar(exec: Executor, s: SimilarSearch): Promise<SimilarRow[]> {
  const degrees = boxDegrees(s.radiusMeters, s.lat);
  const actor = s.actorId;
  // Planned once per connection and SQL shape (which optional parts are present): this runs on
  // every submission, and planning its PostGIS and text parts costs more than running them.
  const v = s.visibility;
  const shape = [
    s.excludeId ? 'x' : '',
    actor ? 'a' : '',
    v.kind === 'all'
      ? 'all'
      : `s${v.userId ? 'u' : ''}${v.organisationId ? 'o' : ''}${v.territoryId ? 't' : ''}`,
  ].join('');
  const rows = await queryRowsPrepared<SimilarRow>(
    exec,
    `similar_reports_${shape}`,
    sql`WITH q AS (
          SELECT ST_SetSRID(ST_MakePoint(${s.lon}::float8, ${s.lat}::float8), 4326) AS g, ${s.text}::text AS t,
                 tsvector_to_array(to_tsvector('russian', ${s.text}::text)) AS lex),
        -- The nearest open reports of the subject first (index order, bounded): the text comparison
        -- below then costs the same on a quiet street and in a dense centre full of reports.
        cand AS (
          SELECT r.id, r.number, r.status, r.category_id, r.text, r.created_at, r.author_id, r.location
          FROM reports r
          LEFT JOIN territories t ON t.id = r.territory_id
          CROSS JOIN q
          WHERE r.category_id = ${s.categoryId}::uuid AND r.kind = 'report'
            AND r.status IN (${openStatusesSql})
            AND r.location && ST_Expand(q.g, ${degrees}::float8)
            AND ST_DWithin(r.location::geography, q.g::geography, ${s.radiusMeters}::float8)
            ${s.excludeId ? sql`AND r.id <> ${s.excludeId}::uuid` : sql``}
            AND ${visibilitySql(s.visibility)}
          ORDER BY r.location <-> q.g
          LIMIT ${SIMILAR_CANDIDATES}),
        near AS (
          SELECT r.id, r.number, r.status, r.category_id, r.text, r.created_at, r.author_id,
                 ST_Distance(r.location::geography, q.g::geography) AS meters,
                 CASE WHEN q.t = '' THEN 0 ELSE GREATEST(
                   similarity(r.text, q.t),
                   (SELECT 2.0 * count(*) FROM unnest(rl.lex) l WHERE l = ANY(q.lex))
                     / NULLIF(cardinality(rl.lex) + cardinality(q.lex), 0)) END AS likeness
          FROM cand r
          CROSS JOIN q
          CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector('russian', r.text)) AS lex) rl)
      SELECT n.id, n.number, n.status, n.category_id AS "categoryId", c.code AS "categoryCode",
             c.name_ru AS "categoryNameRu", c.name_en AS "categoryNameEn", n.text, n.created_at AS "createdAt",
             n.meters, coalesce(n.likeness, 0)::float8 AS similarity,
             (SELECT count(*)::int FROM report_followers f
               WHERE f.report_id = n.id AND f.reason IN (${supportReasonsSql})) AS "supportCount",
             ${actor ? sql`n.author_id = ${actor}::uuid` : sql`FALSE`} AS "isMine",
             ${
               actor
                 ? sql`EXISTS (SELECT 1 FROM report_followers f WHERE f.report_id = n.id
                         AND f.user_id = ${actor}::uuid AND f.reason IN (${supportReasonsSql}))`
                 : sql`FALSE`
             } AS "supportedByMe"
      FROM near n JOIN categories c ON c.id = n.category_id
      WHERE ${s.text} = '' OR coalesce(n.likeness, 0) >= ${s.minSimilarity}::float8
      ORDER BY coalesce(n.likeness, 0) DESC, n.meters ASC, n.number ASC
      LIMIT ${s.limit}`,
  );
  return rows.map((r) => ({
    ...r,
    number: Number(r.number),
    meters: Number(r.meters),
    similarity: Number(r.similarity),
    supportCount: Number(r.supportCount),
  }));
}

/**
 * Half-width, in degrees, of a box sure to hold every point within `meters`: a degree of longitude
 * shrinks with the cosine of the latitude (never below that of 85° here, to stay finite at the poles).
 */
export function boxDegrees(meters: number, lat: number): number {
  const cos = Math.max(Math.cos((Math.min(Math.abs(lat), 85) * Math.PI) / 180), 0.08);
  // 110,574 m is the shortest degree of latitude; 1 % margin for the spheroid.
  return ((meters / 110_574) * 1.01) / cos;
}

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
  if (followers.length === 0) return [];
  const added = await exec
    .insert(reportFollowers)
    .values(followers.map((f) => ({ reportId, userId: f.userId, reason: f.reason, createdAt: at })))
    .onConflictDoNothing()
    .returning({ userId: reportFollowers.userId, reason: reportFollowers.reason });
  return added;
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
          inArray(reportFollowers.userId, ids),
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
