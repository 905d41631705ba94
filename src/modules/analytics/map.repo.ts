import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { deadlineStatuses, type ReportStatus } from '../reports/report-states.ts';

/**
 * Map reads over the reports themselves (always fresh): grid aggregation on the stored Web-Mercator
 * point `reports.mercator` (GiST-indexed), one row per occupied cell of `cellMetres`.
 */

export type MapFilters = {
  statuses?: ReportStatus[] | undefined;
  categoryId?: string | undefined;
  territoryId?: string | undefined;
  organisationId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdue?: boolean | undefined;
};

export function mapFilterSql(f: MapFilters, now: Date): SQL[] {
  const out: SQL[] = [];
  if (f.statuses?.length)
    out.push(
      sql`r.status IN (${sql.join(
        f.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.categoryId)
    out.push(
      sql`r.category_id IN (SELECT id FROM categories WHERE id = ${f.categoryId} OR parent_id = ${f.categoryId})`,
    );
  if (f.territoryId)
    out.push(
      sql`r.territory_id IN (SELECT id FROM territories WHERE id = ${f.territoryId} OR parent_id = ${f.territoryId})`,
    );
  if (f.organisationId) out.push(sql`r.organisation_id = ${f.organisationId}`);
  // The local day of submission, as the dashboards count it; the bounds as instants keep the index usable.
  if (f.from) out.push(sql`r.created_at >= (${f.from}::date - interval '3 hours') AT TIME ZONE 'UTC'`);
  if (f.to) out.push(sql`r.created_at < (${f.to}::date + interval '21 hours') AT TIME ZONE 'UTC'`);
  if (f.overdue)
    out.push(
      sql`r.status IN (${sql.join(
        deadlineStatuses.map((s) => sql`${s}`),
        sql`, `,
      )}) AND r.due_at < ${now}`,
    );
  return out;
}

export type CellRow = { n: number; x: number; y: number; id: string | null; status: ReportStatus | null };

export async function gridCells(
  exec: Executor,
  box: { west: number; south: number; east: number; north: number },
  cellMetres: number,
  visibility: SQL,
  filters: SQL[],
): Promise<CellRow[]> {
  const where = sql.join(
    [
      // The viewport is matched in degrees, exactly as the report list matches it (so both count
      // the same reports); the grid is drawn on the stored Web-Mercator point.
      // (&& compares float4 boxes, so the exact test follows it: a point a hair outside stays out).
      sql`r.location && ST_MakeEnvelope(${box.west}, ${box.south}, ${box.east}, ${box.north}, 4326)`,
      sql`ST_X(r.location) BETWEEN ${box.west} AND ${box.east} AND ST_Y(r.location) BETWEEN ${box.south} AND ${box.north}`,
      visibility,
      ...filters,
    ],
    sql` AND `,
  );
  const rows = await queryRows<CellRow>(
    exec,
    sql`SELECT count(*)::int AS n, avg(ST_X(r.mercator))::float8 AS x, avg(ST_Y(r.mercator))::float8 AS y,
               CASE WHEN count(*) = 1 THEN min(r.id::text) END AS id,
               CASE WHEN count(*) = 1 THEN min(r.status) END AS status
        FROM reports r LEFT JOIN territories t ON t.id = r.territory_id
        WHERE ${where}
        GROUP BY floor(ST_X(r.mercator) / ${cellMetres}::float8), floor(ST_Y(r.mercator) / ${cellMetres}::float8)`,
  );
  return rows.map((r) => ({ n: Number(r.n), x: Number(r.x), y: Number(r.y), id: r.id, status: r.status }));
}

/** Direct count of the matching reports in a lon/lat box: the check the clusters must add up to. */
export async function countInBox(
  exec: Executor,
  box: { west: number; south: number; east: number; north: number },
  visibility: SQL,
  filters: SQL[],
): Promise<number> {
  const where = sql.join(
    [
      // (&& compares float4 boxes, so the exact test follows it: a point a hair outside stays out).
      sql`r.location && ST_MakeEnvelope(${box.west}, ${box.south}, ${box.east}, ${box.north}, 4326)`,
      sql`ST_X(r.location) BETWEEN ${box.west} AND ${box.east} AND ST_Y(r.location) BETWEEN ${box.south} AND ${box.north}`,
      visibility,
      ...filters,
    ],
    sql` AND `,
  );
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(*)::int AS n FROM reports r LEFT JOIN territories t ON t.id = r.territory_id WHERE ${where}`,
  );
  return Number(row?.n ?? 0);
}
