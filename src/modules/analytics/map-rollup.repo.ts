import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/**
 * Keeps the map's grid roll-up `analytics_map_cells` (docs/analytics.md "The map") from the facts'
 * stored base cells: three grains per base cell, rebuilt per touched cell by the refresh job.
 */

export type BaseCell = { cx: number; cy: number };

/** The base cells the given reports' facts are in now. */
export async function mapCellsOf(exec: Executor, reportIds: string[]): Promise<BaseCell[]> {
  if (!reportIds.length) return [];
  const rows = await queryRows<{ cx: number; cy: number }>(
    exec,
    sql`SELECT DISTINCT cell_x AS cx, cell_y AS cy FROM analytics_report_facts
        WHERE report_id = ANY(${sql.param(reportIds)}::uuid[]) AND cell_x IS NOT NULL`,
  );
  return rows.map((r) => ({ cx: Number(r.cx), cy: Number(r.cy) }));
}

/** Grain 0: every report of the cell; 1: by status; 2: by status, subject, territory, organisation. */
const grains: { grain: number; keys: string[] }[] = [
  { grain: 0, keys: [] },
  { grain: 1, keys: ['status'] },
  { grain: 2, keys: ['status', 'category_id', 'territory_id', 'organisation_id'] },
];

const allKeys = ['status', 'category_id', 'territory_id', 'organisation_id'];

/* `WITH rows AS (SELECT …) INSERT … SELECT * FROM rows`: the form Citus 13.2 deparses (facts.repo.ts). */
async function insertGrains(exec: Executor, from: SQL): Promise<void> {
  for (const { grain, keys } of grains) {
    const keyCols = allKeys.map((k) =>
      keys.includes(k) ? `f.${k}` : `NULL::${k === 'status' ? 'text' : 'uuid'}`,
    );
    const groupBy = ['f.cell_x', 'f.cell_y', 'f.is_public', ...keys.map((k) => `f.${k}`)].join(', ');
    await exec.execute(
      sql`WITH rows AS (
            SELECT ${grain}::smallint, f.cell_x, f.cell_y, f.is_public, ${sql.raw(keyCols.join(', '))},
                   count(*)::int, sum(f.mx), sum(f.my),
                   CASE WHEN count(*) = 1 THEN min(f.report_id::text)::uuid END,
                   CASE WHEN count(*) = 1 THEN min(f.status) END
            ${from} GROUP BY ${sql.raw(groupBy)})
          INSERT INTO analytics_map_cells (grain, cx, cy, listed, status, category_id, territory_id,
            organisation_id, n, sx, sy, one_id, one_status)
          SELECT * FROM rows`,
    );
  }
}

/** Rebuilds the roll-up of the given base cells from the facts (delete, then insert what is there now). */
export async function rebuildMapCells(exec: Executor, cells: BaseCell[]): Promise<void> {
  if (!cells.length) return;
  const keys = sql`unnest(${sql.param(cells.map((c) => c.cx))}::int[], ${sql.param(cells.map((c) => c.cy))}::int[]) AS k(cx, cy)`;
  // One grain at a time, so each delete walks the (grain, cx, cy) index cell by cell.
  for (const { grain } of grains)
    await exec.execute(
      sql`DELETE FROM analytics_map_cells m USING ${keys} WHERE m.grain = ${grain} AND m.cx = k.cx AND m.cy = k.cy`,
    );
  await insertGrains(
    exec,
    sql`FROM analytics_report_facts f JOIN ${keys} ON f.cell_x = k.cx AND f.cell_y = k.cy`,
  );
}

/** Rebuilds the whole map roll-up from the facts. */
export async function rebuildAllMapCells(exec: Executor): Promise<void> {
  await exec.execute(sql`DELETE FROM analytics_map_cells`);
  await insertGrains(exec, sql`FROM analytics_report_facts f WHERE f.cell_x IS NOT NULL`);
}
