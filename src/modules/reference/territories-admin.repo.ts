import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { territories } from '../../db/schema/reference.ts';
import type { BBox, Geometry } from '../../lib/geojson.ts';

export type AdminTerritoryRow = {
  id: string;
  parentId: string | null;
  kind: 'region' | 'district' | 'municipality';
  code: string;
  nameRu: string;
  nameEn: string;
  isActive: boolean;
  areaKm2: number;
  reportCount: number;
  ruleCount: number;
  childCount: number;
  updatedAt: Date;
};

const columns = sql`t.id, t.parent_id AS "parentId", t.kind, t.code, t.name_ru AS "nameRu", t.name_en AS "nameEn",
  t.is_active AS "isActive", round((ST_Area(t.geom::geography) / 1e6)::numeric, 2)::float8 AS "areaKm2",
  (SELECT count(*)::int FROM reports r WHERE r.territory_id = t.id) AS "reportCount",
  (SELECT count(*)::int FROM routing_rules x WHERE x.territory_id = t.id) AS "ruleCount",
  (SELECT count(*)::int FROM territories c WHERE c.parent_id = t.id) AS "childCount",
  t.updated_at AS "updatedAt"`;

const normalise = (r: AdminTerritoryRow): AdminTerritoryRow => ({
  ...r,
  areaKm2: Number(r.areaKm2),
  reportCount: Number(r.reportCount),
  ruleCount: Number(r.ruleCount),
  childCount: Number(r.childCount),
  updatedAt: new Date(r.updatedAt),
});

export async function listAdminTerritories(exec: Executor): Promise<AdminTerritoryRow[]> {
  const rows = await queryRows<AdminTerritoryRow>(
    exec,
    sql`SELECT ${columns} FROM ${territories} t
        ORDER BY CASE t.kind WHEN 'region' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, t.name_ru`,
  );
  return rows.map(normalise);
}

export async function findAdminTerritory(
  exec: Executor,
  id: string,
  opts: { lock?: boolean; boundary?: boolean } = {},
): Promise<(AdminTerritoryRow & { boundary: string | null }) | undefined> {
  // Locking with aggregates in the select list is not allowed: lock the row first.
  if (opts.lock) await exec.execute(sql`SELECT id FROM ${territories} WHERE id = ${id} FOR UPDATE`);
  const rows = await queryRows<AdminTerritoryRow & { boundary: string | null }>(
    exec,
    sql`SELECT ${columns}, ${opts.boundary ? sql`ST_AsGeoJSON(t.geom, 6)` : sql`NULL`} AS boundary
        FROM ${territories} t WHERE t.id = ${id}`,
  );
  return rows[0] ? { ...normalise(rows[0]), boundary: rows[0].boundary } : undefined;
}

export async function codeTaken(exec: Executor, code: string): Promise<boolean> {
  const rows = await exec.select({ id: territories.id }).from(territories).where(eq(territories.code, code));
  return rows.length > 0;
}

export async function regionExists(exec: Executor): Promise<boolean> {
  const rows = await exec
    .select({ id: territories.id })
    .from(territories)
    .where(eq(territories.kind, 'region'));
  return rows.length > 0;
}

/** The region's extent (the region row's, else every territory's), for "outside the region" and "swapped". */
export async function regionBBox(exec: Executor): Promise<BBox | null> {
  const rows = await queryRows<{ west: number | null; south: number; east: number; north: number }>(
    exec,
    sql`SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
        FROM (SELECT ST_Extent(geom) AS e FROM ${territories}
              WHERE kind = 'region' OR NOT EXISTS (SELECT 1 FROM ${territories} WHERE kind = 'region')) x`,
  );
  const r = rows[0];
  return r && r.west !== null
    ? { west: Number(r.west), south: Number(r.south), east: Number(r.east), north: Number(r.north) }
    : null;
}

const geomOf = (g: Geometry) => sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326))`;

/**
 * PostGIS's verdict on a boundary: valid, or why not and where (a self-intersection's point); and,
 * given a container (the region, or a municipality's district), the share of its area outside it.
 */
export async function checkBoundary(
  exec: Executor,
  g: Geometry,
  containerId: string | null,
): Promise<{
  valid: boolean;
  reason: string | null;
  lon: number | null;
  lat: number | null;
  outsideShare: number | null;
}> {
  const rows = await queryRows<{
    valid: boolean;
    reason: string | null;
    lon: number | null;
    lat: number | null;
    outsideShare: number | null;
  }>(
    exec,
    sql`WITH b AS (SELECT ${geomOf(g)} AS g), d AS (SELECT (ST_IsValidDetail(g)).* FROM b)
        SELECT d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat,
          CASE WHEN NOT d.valid OR c.geom IS NULL THEN NULL
               ELSE ST_Area(ST_Difference(b.g, c.geom)::geography) / NULLIF(ST_Area(b.g::geography), 0) END AS "outsideShare"
        FROM b CROSS JOIN d LEFT JOIN ${territories} c ON c.id = ${containerId}`,
  );
  const r = rows[0]!;
  return {
    valid: r.valid,
    reason: r.reason,
    lon: r.lon === null ? null : Number(r.lon),
    lat: r.lat === null ? null : Number(r.lat),
    outsideShare: r.outsideShare === null ? null : Number(r.outsideShare),
  };
}

export async function insertTerritory(
  exec: Executor,
  t: {
    parentId: string | null;
    kind: AdminTerritoryRow['kind'];
    code: string;
    nameRu: string;
    nameEn: string;
    geometry: Geometry;
  },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`INSERT INTO ${territories} (parent_id, kind, code, name_ru, name_en, geom)
        VALUES (${t.parentId}, ${t.kind}, ${t.code}, ${t.nameRu}, ${t.nameEn}, ${geomOf(t.geometry)})
        RETURNING id`,
  );
  return rows[0]!.id;
}

export async function updateTerritory(
  exec: Executor,
  id: string,
  t: { nameRu: string; nameEn: string; isActive: boolean; geometry: Geometry | null; now: Date },
): Promise<void> {
  await exec.execute(
    sql`UPDATE ${territories} SET name_ru = ${t.nameRu}, name_en = ${t.nameEn}, is_active = ${t.isActive},
          geom = ${t.geometry ? geomOf(t.geometry) : sql`geom`}, updated_at = ${t.now}
        WHERE id = ${id}`,
  );
}

/** What else refers to a territory beyond reports, rules and children (accounts, discussions, initiatives…). */
export async function otherReferences(exec: Executor, id: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    exec,
    sql`SELECT (SELECT count(*)::int FROM users WHERE territory_id = ${id})
             + (SELECT count(*)::int FROM discussions WHERE territory_id = ${id})
             + (SELECT count(*)::int FROM initiatives WHERE territory_id = ${id})
             + (SELECT count(*)::int FROM user_identities WHERE residence_territory_id = ${id}) AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function deleteTerritory(exec: Executor, id: string): Promise<void> {
  await exec.delete(territories).where(eq(territories.id, id));
}

/** The planner's statistics after a boundary change (docs/performance.md: tiny tables are never auto-analysed). */
export async function analyzeTerritories(exec: Executor): Promise<void> {
  await exec.execute(sql`ANALYZE ${territories}`);
}
