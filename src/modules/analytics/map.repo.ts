import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { deadlineStatuses, type ReportStatus } from '../reports/report-states.ts';
import { type Interior, toMercator } from './map-grid.ts';

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

/** The map filters the roll-up carries (period and overdue it cannot: those read the reports). */
export type RollupFilters = Pick<MapFilters, 'statuses' | 'categoryId' | 'territoryId' | 'organisationId'> & {
  /** `categoryId` names a topic (the roll-up keeps a grain per topic). */
  categoryIsTopic?: boolean | undefined;
};

/** A category is the only filter: the topic grain serves it when the category is a topic. */
export function categoryAlone(f: RollupFilters): boolean {
  return Boolean(f.categoryId) && !f.statuses?.length && !f.territoryId && !f.organisationId;
}

/** The coarsest grain of `analytics_map_cells` that carries the filters (map-rollup.repo.ts). */
function grainFor(f: RollupFilters): number {
  if (categoryAlone(f) && f.categoryIsTopic) return 3;
  if (f.categoryId || f.territoryId || f.organisationId) return 2;
  return f.statuses?.length ? 1 : 0;
}

function rollupFilterSql(f: RollupFilters): SQL[] {
  // The topic grain holds the topic's id itself: one range of the (category_id, cx, cy) index.
  if (grainFor(f) === 3) return [sql`m.category_id = ${f.categoryId}`];
  const out: SQL[] = [];
  if (f.statuses?.length)
    out.push(
      sql`m.status IN (${sql.join(
        f.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.categoryId)
    out.push(
      sql`m.category_id IN (SELECT id FROM categories WHERE id = ${f.categoryId} OR parent_id = ${f.categoryId})`,
    );
  if (f.territoryId)
    out.push(
      sql`m.territory_id IN (SELECT id FROM territories WHERE id = ${f.territoryId} OR parent_id = ${f.territoryId})`,
    );
  if (f.organisationId) out.push(sql`m.organisation_id = ${f.organisationId}`);
  return out;
}

/**
 * Who sees what on the roll-up: `all` (staff who see every report), or the publicly listed reports
 * plus `extra` — the condition (over `reports r`) of the unlisted reports the caller may also see
 * (their own, their organisation's, their territory's), or null for none.
 */
export type RollupVisibility = { all: true } | { all: false; extra: SQL | null };

export type RollupQuery = {
  box: { west: number; south: number; east: number; north: number };
  interior: Interior;
  baseMetres: number;
  shift: number;
  /** The caller's whole visibility condition over `reports r` (for the border strips). */
  visibility: SQL;
  rollupVisibility: RollupVisibility;
  filters: RollupFilters;
};

/**
 * The same cells as `gridCells`, with the base cells wholly inside the viewport read from the roll-up
 * and only the reports in the border strips (and the caller's unlisted reports) read from `reports`.
 * The strips are four mercator boxes around the interior, so the GiST index reads only them; the
 * exact test of each report is the one `gridCells` makes, and "not in the interior" is the same
 * `floor(x / base)` the facts store, so no report is counted twice or missed.
 */
export async function rollupCells(exec: Executor, q: RollupQuery): Promise<CellRow[]> {
  const { i0, i1, j0, j1 } = q.interior;
  const B = q.baseMetres;
  const shift = q.shift;
  const cellX = sql`floor(ST_X(r.mercator) / ${B}::float8)::int`;
  const cellY = sql`floor(ST_Y(r.mercator) / ${B}::float8)::int`;
  const inInterior = sql`(${cellX} BETWEEN ${i0} AND ${i1} AND ${cellY} BETWEEN ${j0} AND ${j1})`;
  const [w, s] = toMercator(q.box.west, q.box.south);
  const [e, n] = toMercator(q.box.east, q.box.north);
  const [x0, x1, y0, y1] = [i0 * B, (i1 + 1) * B, j0 * B, (j1 + 1) * B];
  // A metre of slack on every side: the boxes only choose candidates, the exact tests decide.
  const env = (a: number, b: number, c: number, d: number) =>
    sql`r.mercator && ST_MakeEnvelope(${a - 1}, ${b - 1}, ${c + 1}, ${d + 1}, 3857)`;
  const strips = sql`(${env(w, s, x0, n)} OR ${env(x1, s, e, n)} OR ${env(x0, s, x1, y0)} OR ${env(x0, y1, x1, n)})`;
  const exact = sql`ST_X(r.location) BETWEEN ${q.box.west} AND ${q.box.east} AND ST_Y(r.location) BETWEEN ${q.box.south} AND ${q.box.north}`;
  const rawFilters = mapFilterSql(q.filters, new Date(0));
  const raw = (where: SQL[]) =>
    sql`SELECT ${cellX} >> ${shift}::int AS gx, ${cellY} >> ${shift}::int AS gy, 1 AS n,
               ST_X(r.mercator) AS sx, ST_Y(r.mercator) AS sy, r.id AS one_id, r.status AS one_status
        FROM reports r LEFT JOIN territories t ON t.id = r.territory_id
        WHERE ${sql.join(where, sql` AND `)}`;
  const rollupWhere = [
    sql`m.grain = ${grainFor(q.filters)}`,
    sql`m.cx BETWEEN ${i0} AND ${i1}`,
    sql`m.cy BETWEEN ${j0} AND ${j1}`,
    ...(q.rollupVisibility.all ? [] : [sql`m.listed`]),
    ...rollupFilterSql(q.filters),
  ];
  const parts: SQL[] = [
    sql`SELECT m.cx >> ${shift}::int AS gx, m.cy >> ${shift}::int AS gy, m.n, m.sx, m.sy, m.one_id, m.one_status
        FROM analytics_map_cells m WHERE ${sql.join(rollupWhere, sql` AND `)}`,
    raw([strips, exact, sql`NOT ${inInterior}`, q.visibility, ...rawFilters]),
  ];
  if (!q.rollupVisibility.all && q.rollupVisibility.extra) {
    const unlisted = sql`NOT (r.is_public AND r.kind = 'report' AND r.status NOT IN ('submitted', 'clarification_requested', 'rejected'))`;
    parts.push(raw([env(x0, y0, x1, y1), q.rollupVisibility.extra, unlisted, inInterior, ...rawFilters]));
  }
  const rows = await queryRows<CellRow>(
    exec,
    sql`SELECT sum(p.n)::int AS n, (sum(p.sx) / sum(p.n))::float8 AS x, (sum(p.sy) / sum(p.n))::float8 AS y,
               CASE WHEN sum(p.n) = 1 THEN min(p.one_id::text) END AS id,
               CASE WHEN sum(p.n) = 1 THEN min(p.one_status) END AS status
        FROM (${sql.join(parts, sql` UNION ALL `)}) p
        GROUP BY p.gx, p.gy`,
  );
  return rows.map((r) => ({ n: Number(r.n), x: Number(r.x), y: Number(r.y), id: r.id, status: r.status }));
}

/**
 * Whether the roll-up has been built: the refresh job's bookmark exists only after a full rebuild
 * (a migration that changes the roll-ups clears it), so until then the map reads the reports.
 */
export async function rollupReady(exec: Executor): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(
    exec,
    sql`SELECT true AS ok FROM analytics_state WHERE key = 'events' AND value IS NOT NULL`,
  );
  return rows.length > 0;
}
