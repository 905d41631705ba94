import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/** Reports within this many Web-Mercator metres of each other (same grid square) count as one place. */
export const SAME_PLACE_METRES = 50;

export type MatrixCellRow = {
  categoryId: string;
  territoryId: string;
  reports: number;
  merged: number;
  disputed: number;
  redirected: number;
  samePlace: number;
};

const cellFilter = (categoryId?: string, territoryId?: string): SQL[] => {
  const out: SQL[] = [];
  if (categoryId) out.push(sql`(f.category_id = ${categoryId} OR f.topic_id = ${categoryId})`);
  if (territoryId)
    out.push(
      sql`f.territory_id IN (SELECT id FROM territories WHERE id = ${territoryId} OR parent_id = ${territoryId})`,
    );
  return out;
};

/**
 * Subject × district cells of the period with their recurrence counts; the "same place" squares are
 * drawn on the Web-Mercator point the facts keep (no join with the reports).
 */
export async function matrixCells(
  exec: Executor,
  period: { from: string; to: string },
  filters: { categoryId?: string | undefined; territoryId?: string | undefined },
): Promise<MatrixCellRow[]> {
  const where = sql.join(
    [
      sql`f.created_day BETWEEN ${period.from}::date AND ${period.to}::date`,
      sql`f.territory_id IS NOT NULL`,
      ...cellFilter(filters.categoryId, filters.territoryId),
    ],
    sql` AND `,
  );
  const rows = await queryRows<Record<string, string | number>>(
    exec,
    // One pass: the reports grouped per 50 m square of each cell, then the squares per cell (a square
    // with two or more reports is "the same place").
    sql`SELECT g.category_id AS "categoryId", g.territory_id AS "territoryId", sum(g.n) AS reports,
               sum(g.merged) AS merged, sum(g.disputed) AS disputed, sum(g.redirected) AS redirected,
               coalesce(sum(g.n) FILTER (WHERE g.n >= 2 AND g.gx IS NOT NULL), 0) AS "samePlace"
        FROM (
          SELECT f.category_id, f.territory_id,
                 floor(f.mx / ${SAME_PLACE_METRES}) AS gx, floor(f.my / ${SAME_PLACE_METRES}) AS gy,
                 count(*) AS n, count(*) FILTER (WHERE f.merged) AS merged,
                 count(*) FILTER (WHERE f.disputed) AS disputed, count(*) FILTER (WHERE f.redirected) AS redirected
          FROM analytics_report_facts f
          WHERE ${where}
          GROUP BY 1, 2, 3, 4
        ) g
        GROUP BY g.category_id, g.territory_id`,
  );
  return rows.map((r) => ({
    categoryId: String(r.categoryId),
    territoryId: String(r.territoryId),
    reports: Number(r.reports),
    merged: Number(r.merged),
    disputed: Number(r.disputed),
    redirected: Number(r.redirected),
    samePlace: Number(r.samePlace),
  }));
}

export type CellReportRow = {
  id: string;
  number: number;
  status: string;
  createdDay: string;
  merged: boolean;
  disputed: boolean;
  redirected: boolean;
  address: string | null;
};

/** The reports behind a cell (or an alert), newest first; private reports without their address. */
export async function cellReports(
  exec: Executor,
  period: { from: string; to: string },
  categoryId: string,
  territoryId: string,
  limit: number,
): Promise<CellReportRow[]> {
  const where = sql.join(
    [
      sql`f.created_day BETWEEN ${period.from}::date AND ${period.to}::date`,
      ...cellFilter(categoryId, territoryId),
    ],
    sql` AND `,
  );
  const rows = await queryRows<CellReportRow & { number: string | number }>(
    exec,
    // A private report's address is personal data (where its author lives, often): the analyst and
    // the curators read the cell to find the systemic problem, which the public addresses show.
    sql`SELECT r.id, r.number, f.status, to_char(f.created_day, 'YYYY-MM-DD') AS "createdDay", f.merged, f.disputed,
               f.redirected, CASE WHEN r.is_public THEN r.address END AS address
        FROM analytics_report_facts f JOIN reports r ON r.id = f.report_id
        WHERE ${where} ORDER BY r.created_at DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, number: Number(r.number) }));
}
