import { sql } from 'drizzle-orm';
import { type Executor, queryRowsBuiltOnce } from '../../db/connection.ts';
import { openReport, publiclyListed } from '../../db/schema/reports.ts';
import { PLAN_ONCE_COLUMN, unnestPlannedOnce } from '../../db/unnest.ts';
import type { Visibility } from '../reports/index.ts';
import type { ReportStatus } from '../reports/report-states.ts';
import { SUPPORT_REASONS } from './duplicates.repo.ts';

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

/** How many of the nearest open reports of the subject are compared by text (bounds the cost). */
export const SIMILAR_CANDIDATES = 40;

const literals = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const SUPPORT = literals(SUPPORT_REASONS);

/**
 * Open reports of one subject near each point whose text looks alike — for several searches in ONE
 * statement (every submission of an intake batch asks at once: one round trip and one plan instead
 * of one per report; docs/performance.md). The geometry test (a box in degrees, served by the
 * location index) comes first, the exact distance on the spheroid second. Text likeness is the better
 * of pg_trgm's similarity (typos, word forms) and the overlap (Dice) of the Russian full-text lexemes
 * (stemmed words without stop words), both compared explicitly rather than through a session
 * threshold (see ARCHITECTURE: SET does not reach Citus workers). What each caller may see is given
 * per search as plain columns (all, or the public rule, their own, their organisation's, their
 * territory's), so the text of the statement is the same for every batch and is planned once per
 * connection.
 */
export async function findSimilarMany(exec: Executor, searches: SimilarSearch[]): Promise<SimilarRow[][]> {
  if (searches.length === 0) return [];
  const rows = await queryRowsBuiltOnce<SimilarRow & { k: number }>(
    exec,
    'vmeste_similar_reports',
    similarStatement,
    similarValues(searches),
  );
  const found: SimilarRow[][] = searches.map(() => []);
  for (const { k, ...r } of rows)
    found[Number(k) - 1]!.push({
      ...r,
      number: Number(r.number),
      meters: Number(r.meters),
      similarity: Number(r.similarity),
      supportCount: Number(r.supportCount),
    });
  return found;
}

/** The values for similarStatement's array parameters, one array per column, a search per index. */
export function similarValues(searches: SimilarSearch[]) {
  const scoped = (s: SimilarSearch) => (s.visibility.kind === 'scoped' ? s.visibility : null);
  const col = <T>(pick: (s: SimilarSearch) => T) => searches.map(pick);
  return {
    categoryId: col((s) => s.categoryId),
    lat: col((s) => s.lat),
    lon: col((s) => s.lon),
    text: col((s) => s.text),
    radius: col((s) => s.radiusMeters),
    degrees: col((s) => boxDegrees(s.radiusMeters, s.lat)),
    minSimilarity: col((s) => s.minSimilarity),
    limit: col((s) => s.limit),
    excludeId: col((s) => s.excludeId),
    actorId: col((s) => s.actorId),
    seesAll: col((s) => s.visibility.kind === 'all'),
    userId: col((s) => scoped(s)?.userId ?? null),
    organisationId: col((s) => scoped(s)?.organisationId ?? null),
    territoryId: col((s) => scoped(s)?.territoryId ?? null),
  };
}

/**
 * The statement of findSimilarMany, built once per process: each search column is one array
 * placeholder (building it per batch was part of the ~5 % of a busy server's CPU that query
 * building took at intake).
 */
export function similarStatement() {
  const col = (name: string) => sql.placeholder(name);
  return sql`WITH q AS (
          SELECT u.*, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) AS g,
                 tsvector_to_array(to_tsvector('russian', u.t)) AS lex
          -- estimated rows fixed, so the statement is planned once (src/db/unnest.ts)
          FROM ${unnestPlannedOnce([
            sql`${col('categoryId')}::uuid[]`,
            sql`${col('lat')}::float8[]`,
            sql`${col('lon')}::float8[]`,
            sql`${col('text')}::text[]`,
            sql`${col('radius')}::float8[]`,
            sql`${col('degrees')}::float8[]`,
            sql`${col('minSimilarity')}::float8[]`,
            sql`${col('limit')}::int[]`,
            sql`${col('excludeId')}::uuid[]`,
            sql`${col('actorId')}::uuid[]`,
            sql`${col('seesAll')}::boolean[]`,
            sql`${col('userId')}::uuid[]`,
            sql`${col('organisationId')}::uuid[]`,
            sql`${col('territoryId')}::uuid[]`,
          ])}
               WITH ORDINALITY AS u(category_id, lat, lon, t, radius, degrees, min_similarity, max_rows,
                                    exclude_id, actor_id, sees_all, user_id, organisation_id, territory_id, ${sql.raw(PLAN_ONCE_COLUMN)}, k)),
        -- The nearest open reports of the subject first (index order, bounded): the text comparison
        -- below then costs the same on a quiet street and in a dense centre full of reports.
        cand AS (
          SELECT q.k, c.* FROM q CROSS JOIN LATERAL (
            SELECT r.id, r.number, r.status, r.category_id, r.text, r.search, r.created_at, r.author_id, r.location
            FROM reports r
            -- The open reports' own location index, nearest first; the subject is tested on each row
            -- (IS TRUE: no index serves it). Through the subject's index the planner ANDed all its
            -- reports into a bitmap with the box: ~20,000 entries a search at 1,000,000 reports.
            WHERE ${sql.raw(openReport('r'))} AND (r.category_id = q.category_id) IS TRUE
              AND r.location && ST_Expand(q.g, q.degrees)
              AND ST_DWithin(r.location::geography, q.g::geography, q.radius)
              AND r.id IS DISTINCT FROM q.exclude_id
              AND (q.sees_all OR (${sql.raw(publiclyListed('r'))}) OR r.author_id = q.user_id
                   OR r.organisation_id = q.organisation_id
                   OR r.territory_id = q.territory_id
                   -- A test per row, never a join: joined, the territories made the planner read
                   -- every report in the box before the nearest 40 (a hash of the index scan).
                   OR (q.territory_id IS NOT NULL AND EXISTS (SELECT 1 FROM territories t
                         WHERE t.id = r.territory_id AND t.parent_id = q.territory_id)))
            ORDER BY r.location <-> q.g
            LIMIT ${SIMILAR_CANDIDATES}) c),
        near AS (
          SELECT c.k, c.id, c.number, c.status, c.category_id, c.text, c.created_at, c.author_id,
                 ST_Distance(c.location::geography, q.g::geography) AS meters,
                 CASE WHEN q.t = '' THEN 0 ELSE coalesce(GREATEST(
                   similarity(c.text, q.t),
                   (SELECT 2.0 * count(*) FROM unnest(cl.lex) l WHERE l = ANY(q.lex))
                     / NULLIF(cardinality(cl.lex) + cardinality(q.lex), 0)), 0) END AS likeness
          FROM cand c
          JOIN q USING (k)
          -- The candidate's lexemes as stored (reports.search), not stemmed again on every call.
          CROSS JOIN LATERAL (SELECT tsvector_to_array(c.search) AS lex) cl),
        ranked AS (
          SELECT n.*, row_number() OVER (PARTITION BY n.k ORDER BY n.likeness DESC, n.meters, n.number) AS place
          FROM near n JOIN q USING (k)
          WHERE q.t = '' OR n.likeness >= q.min_similarity)
      SELECT n.k, n.id, n.number, n.status, n.category_id AS "categoryId", c.code AS "categoryCode",
             c.name_ru AS "categoryNameRu", c.name_en AS "categoryNameEn", n.text, n.created_at AS "createdAt",
             n.meters, n.likeness::float8 AS similarity,
             (SELECT count(*)::int FROM report_followers f
               WHERE f.report_id = n.id AND f.reason IN (${sql.raw(SUPPORT)})) AS "supportCount",
             coalesce(n.author_id = q.actor_id, FALSE) AS "isMine",
             EXISTS (SELECT 1 FROM report_followers f WHERE f.report_id = n.id
                       AND f.user_id = q.actor_id AND f.reason IN (${sql.raw(SUPPORT)})) AS "supportedByMe"
      FROM ranked n JOIN q USING (k) JOIN categories c ON c.id = n.category_id
      WHERE n.place <= q.max_rows
      ORDER BY n.k, n.place`;
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
