import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/**
 * Keeps the map's grid roll-up `analytics_map_cells` (docs/analytics.md "The map") from the facts'
 * stored base cells: four grains per base cell, rebuilt per touched cell by the refresh job.
 */

/** A grain-2 row's key: the base cell and every filter the roll-up carries. */
export type MapKey = {
  cx: number;
  cy: number;
  listed: boolean;
  status: string;
  categoryId: string;
  territoryId: string | null;
  organisationId: string | null;
};

/** The grain-2 keys the given reports' facts are in now. */
export async function mapKeysOf(exec: Executor, reportIds: string[]): Promise<MapKey[]> {
  if (!reportIds.length) return [];
  const rows = await queryRows<MapKey>(
    exec,
    sql`SELECT DISTINCT cell_x AS cx, cell_y AS cy, is_public AS listed, status, category_id AS "categoryId",
               territory_id AS "territoryId", organisation_id AS "organisationId"
        FROM analytics_report_facts
        WHERE report_id = ANY(${sql.param(reportIds)}::uuid[]) AND cell_x IS NOT NULL`,
  );
  return rows.map((r) => ({ ...r, cx: Number(r.cx), cy: Number(r.cy) }));
}

export const mapKeyId = (k: MapKey): string =>
  `${k.cx}|${k.cy}|${k.listed}|${k.status}|${k.categoryId}|${k.territoryId}|${k.organisationId}`;

/**
 * Grain 0: every report of the cell; 1: by status; 2: by status, subject, territory, organisation;
 * 3: by topic (category_id holds the topic: a topic filter alone reads one row per cell, not one
 * per subject, status, territory and organisation — at zoom 12 that was 45,000 rows for one topic).
 */
const grains: { grain: number; keys: string[] }[] = [
  { grain: 0, keys: [] },
  { grain: 1, keys: ['status'] },
  { grain: 2, keys: ['status', 'category_id', 'territory_id', 'organisation_id'] },
];

const allKeys = ['status', 'category_id', 'territory_id', 'organisation_id'];

const columns = sql`grain, cx, cy, listed, status, category_id, territory_id, organisation_id, n, sx, sy, one_id, one_status`;

/**
 * Grain 2 from the facts (`from` names them `f`), then grains 1 and 0 from the grain-2 rows of the
 * same cells (`cells` over `m`): a cell's facts are read once. A coarser row holds one report exactly
 * when its grain-2 rows do, and then that row's id and status are the report's.
 * `WITH rows AS (SELECT …) INSERT … SELECT * FROM rows`: the form Citus 13.2 deparses (facts.repo.ts).
 */
async function insertGrain2(exec: Executor, from: SQL): Promise<void> {
  await exec.execute(
    sql`WITH rows AS (
          SELECT 2::smallint, f.cell_x, f.cell_y, f.is_public, f.status, f.category_id, f.territory_id,
                 f.organisation_id, count(*)::int, sum(f.mx), sum(f.my),
                 CASE WHEN count(*) = 1 THEN min(f.report_id::text)::uuid END,
                 CASE WHEN count(*) = 1 THEN min(f.status) END
          ${from}
          GROUP BY f.cell_x, f.cell_y, f.is_public, f.status, f.category_id, f.territory_id, f.organisation_id)
        INSERT INTO analytics_map_cells (${columns}) SELECT * FROM rows`,
  );
}

async function insertCoarseGrains(exec: Executor, cells: SQL): Promise<void> {
  await insertTopicGrain(exec, cells);
  for (const { grain, keys } of grains.filter((g) => g.grain < 2)) {
    const keyCols = allKeys.map((k) =>
      keys.includes(k) ? `m.${k}` : `NULL::${k === 'status' ? 'text' : 'uuid'}`,
    );
    const groupBy = ['m.cx', 'm.cy', 'm.listed', ...keys.map((k) => `m.${k}`)].join(', ');
    await exec.execute(
      sql`WITH rows AS (
            SELECT ${grain}::smallint, m.cx, m.cy, m.listed, ${sql.raw(keyCols.join(', '))},
                   sum(m.n)::int, sum(m.sx), sum(m.sy),
                   CASE WHEN sum(m.n) = 1 THEN min(m.one_id::text)::uuid END,
                   CASE WHEN sum(m.n) = 1 THEN min(m.one_status) END
            FROM analytics_map_cells m WHERE m.grain = 2 AND ${cells} GROUP BY ${sql.raw(groupBy)})
          INSERT INTO analytics_map_cells (${columns}) SELECT * FROM rows`,
    );
  }
}

/** Grain 3 from the grain-2 rows of the cells: a subject's row counts for its topic (a topic's parent never changes). */
async function insertTopicGrain(exec: Executor, cells: SQL): Promise<void> {
  await exec.execute(
    sql`WITH rows AS (
          SELECT 3::smallint, m.cx, m.cy, m.listed, NULL::text, coalesce(c.parent_id, m.category_id),
                 NULL::uuid, NULL::uuid, sum(m.n)::int, sum(m.sx), sum(m.sy),
                 CASE WHEN sum(m.n) = 1 THEN min(m.one_id::text)::uuid END,
                 CASE WHEN sum(m.n) = 1 THEN min(m.one_status) END
          FROM analytics_map_cells m JOIN categories c ON c.id = m.category_id
          WHERE m.grain = 2 AND ${cells}
          GROUP BY m.cx, m.cy, m.listed, coalesce(c.parent_id, m.category_id))
        INSERT INTO analytics_map_cells (${columns}) SELECT * FROM rows`,
  );
}

/**
 * Rebuilds the given grain-2 rows from the facts (only the rows the refreshed reports left and
 * entered, so a pass writes a few rows per report), then grains 0, 1 and 3 of their base cells from
 * the grain-2 rows (tens of rows a cell).
 */
export async function rebuildMapKeys(exec: Executor, keys: MapKey[]): Promise<void> {
  if (!keys.length) return;
  const k = sql`unnest(${sql.param(keys.map((x) => x.cx))}::int[], ${sql.param(keys.map((x) => x.cy))}::int[],
    ${sql.param(keys.map((x) => x.listed))}::boolean[], ${sql.param(keys.map((x) => x.status))}::text[],
    ${sql.param(keys.map((x) => x.categoryId))}::uuid[], ${sql.param(keys.map((x) => x.territoryId))}::uuid[],
    ${sql.param(keys.map((x) => x.organisationId))}::uuid[]) AS k(cx, cy, listed, status, c, t, o)`;
  const match = (a: string, cx: string, cy: string, listed: string) =>
    sql.raw(`${a}.${cx} = k.cx AND ${a}.${cy} = k.cy AND ${a}.${listed} = k.listed AND ${a}.status = k.status
      AND ${a}.category_id = k.c AND ${a}.territory_id IS NOT DISTINCT FROM k.t
      AND ${a}.organisation_id IS NOT DISTINCT FROM k.o`);
  await exec.execute(
    sql`DELETE FROM analytics_map_cells m USING ${k} WHERE m.grain = 2 AND ${match('m', 'cx', 'cy', 'listed')}`,
  );
  await insertGrain2(
    exec,
    sql`FROM analytics_report_facts f JOIN ${k} ON ${match('f', 'cell_x', 'cell_y', 'is_public')}`,
  );
  const cells = [...new Map(keys.map((x) => [`${x.cx}|${x.cy}`, x])).values()];
  const c = sql`unnest(${sql.param(cells.map((x) => x.cx))}::int[], ${sql.param(cells.map((x) => x.cy))}::int[]) AS k(cx, cy)`;
  // One grain at a time, so each delete walks the (grain, cx, cy) index cell by cell.
  for (const grain of [0, 1, 3])
    await exec.execute(
      sql`DELETE FROM analytics_map_cells m USING ${c} WHERE m.grain = ${grain} AND m.cx = k.cx AND m.cy = k.cy`,
    );
  await insertCoarseGrains(exec, sql`(m.cx, m.cy) IN (SELECT k.cx, k.cy FROM ${c})`);
}

/** Rebuilds the whole map roll-up from the facts. */
export async function rebuildAllMapCells(exec: Executor): Promise<void> {
  await exec.execute(sql`DELETE FROM analytics_map_cells`);
  await insertGrain2(exec, sql`FROM analytics_report_facts f WHERE f.cell_x IS NOT NULL`);
  await insertCoarseGrains(exec, sql`TRUE`);
}
