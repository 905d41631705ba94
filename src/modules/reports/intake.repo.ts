import { sql } from 'drizzle-orm';
import { type Executor, queryRowsPrepared } from '../../db/connection.ts';

export type IntakeInput = {
  /** Chosen by the caller, so each result row can be matched to its request. */
  id: string;
  kind: 'report' | 'appeal';
  categoryId: string;
  text: string;
  lat: number;
  lon: number;
  address: string | null;
  isPublic: boolean;
  authorId: string;
  authorRole: string;
  idempotencyKey: string | null;
  requestHash: string;
  now: Date;
};

export type IntakeOutcome = {
  /** False when nothing was inserted: see the diagnostics, or an idempotency key already used. */
  inserted: boolean;
  number: number | null;
  routing: Record<string, unknown> | null;
  categoryFound: boolean;
  categorySelectable: boolean;
  categoryCode: string | null;
  categoryNameRu: string | null;
  categoryNameEn: string | null;
  territoryId: string | null;
  territoryParentId: string | null;
  territoryNameRu: string | null;
  territoryNameEn: string | null;
};

type OutcomeRow = IntakeOutcome & { id: string };

/**
 * Files a batch of reports in ONE statement: for each, the category check, the district lookup
 * (containing district, or the nearest within tolerance), the routing rules that apply, the report
 * row, its first timeline event and its audit row. One statement is atomic without BEGIN/COMMIT and
 * costs one round trip and one commit for the whole batch (docs/decisions/0002, docs/performance.md:
 * ~5,000 single reports/s vs ~15,000–19,000 in batches of 8–16). Every request gets its own result
 * row: when its report was not inserted, the row says why (unknown or non-selectable category, point
 * outside the region, or an idempotency key already used), and the other reports are unaffected.
 */
export async function insertSubmittedReports(
  exec: Executor,
  inputs: IntakeInput[],
  toleranceMeters: number,
): Promise<Map<string, IntakeOutcome>> {
  // One array parameter per column (sql.param: a bare array would be spread into a list of params).
  const col = <T>(pick: (i: IntakeInput) => T) => sql.param(inputs.map(pick));
  const degrees = toleranceMeters / 50_000;
  const rows = await queryRowsPrepared<OutcomeRow>(
    exec,
    'vmeste_report_intake',
    sql`WITH input AS (
        SELECT * FROM unnest(${col((i) => i.id)}::uuid[], ${col((i) => i.kind)}::text[], ${col((i) => i.categoryId)}::uuid[],
                             ${col((i) => i.text)}::text[], ${col((i) => i.lat)}::float8[], ${col((i) => i.lon)}::float8[],
                             ${col((i) => i.address)}::text[], ${col((i) => i.isPublic)}::boolean[], ${col((i) => i.authorId)}::uuid[],
                             ${col((i) => i.authorRole)}::text[], ${col((i) => i.idempotencyKey)}::text[],
                             ${col((i) => i.requestHash)}::text[], ${col((i) => i.now.toISOString())}::timestamptz[])
          AS i(id, kind, category_id, text, lat, lon, address, is_public, author_id, author_role, idempotency_key,
               request_hash, at)),
      pt AS (SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS g FROM input),
      cat AS (SELECT i.id, c.id AS category_id, c.code, c.name_ru, c.name_en, c.parent_id
              FROM input i JOIN categories c ON c.id = i.category_id AND c.is_active),
      dist AS (
        SELECT pt.id, d.territory_id, d.parent_id, d.name_ru, d.name_en FROM pt CROSS JOIN LATERAL (
          (SELECT t.id AS territory_id, t.parent_id, t.name_ru, t.name_en FROM territories t
            WHERE t.kind = 'district' AND ST_Intersects(t.geom, pt.g) LIMIT 1)
          UNION ALL
          (SELECT n.id, n.parent_id, n.name_ru, n.name_en FROM (
              SELECT t.id, t.parent_id, t.name_ru, t.name_en, ST_Distance(t.geom::geography, pt.g::geography) AS meters
              FROM territories t
              WHERE t.kind = 'district' AND ST_DWithin(t.geom, pt.g, ${degrees}::float8)
              ORDER BY t.geom <-> pt.g LIMIT 1) n
            WHERE n.meters <= ${toleranceMeters}::float8)
          LIMIT 1) d),
      rules AS (
        SELECT cat.id,
               coalesce(jsonb_agg(jsonb_build_object('ruleId', r.id, 'organisationId', r.organisation_id,
                 'territoryId', r.territory_id) ORDER BY r.territory_id NULLS LAST) FILTER (WHERE r.id IS NOT NULL),
                 '[]'::jsonb) AS list
        FROM cat JOIN dist USING (id)
        LEFT JOIN routing_rules r ON r.category_id = cat.category_id
          AND (r.territory_id = dist.territory_id OR r.territory_id IS NULL)
        GROUP BY cat.id),
      ins AS (
        INSERT INTO reports (id, kind, status, category_id, text, location, address, territory_id, author_id,
                             is_public, idempotency_key, request_hash, routing, created_at, updated_at)
        SELECT i.id, i.kind, 'submitted', cat.category_id, i.text, pt.g, i.address, dist.territory_id, i.author_id,
               i.is_public, i.idempotency_key, i.request_hash, jsonb_build_object('proposedRules', rules.list), i.at, i.at
        FROM input i JOIN cat USING (id) JOIN dist USING (id) JOIN pt USING (id) JOIN rules USING (id)
        WHERE cat.parent_id IS NOT NULL
        ON CONFLICT (author_id, idempotency_key) DO NOTHING
        RETURNING id, number, routing),
      ev AS (
        INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_role, is_public, payload, created_at)
        SELECT ins.id, 'submitted', NULL, 'submitted', i.author_id, i.author_role, TRUE, '{}'::jsonb, i.at
        FROM ins JOIN input i USING (id)),
      au AS (
        INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, details, created_at)
        SELECT i.author_id, i.author_role, 'report.submit', 'report', ins.id::text, '{}'::jsonb, i.at
        FROM ins JOIN input i USING (id))
    SELECT i.id, ins.id IS NOT NULL AS inserted, ins.number, ins.routing,
           cat.id IS NOT NULL AS "categoryFound", coalesce(cat.parent_id IS NOT NULL, FALSE) AS "categorySelectable",
           cat.code AS "categoryCode", cat.name_ru AS "categoryNameRu", cat.name_en AS "categoryNameEn",
           dist.territory_id AS "territoryId", dist.parent_id AS "territoryParentId",
           dist.name_ru AS "territoryNameRu", dist.name_en AS "territoryNameEn"
    FROM input i LEFT JOIN ins USING (id) LEFT JOIN cat USING (id) LEFT JOIN dist USING (id)`,
  );
  return new Map(
    rows.map(({ id, ...o }) => [id, { ...o, number: o.number === null ? null : Number(o.number) }]),
  );
}
