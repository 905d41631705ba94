import { asc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import {
  categories,
  organisationCategories,
  organisations,
  organisationTerritories,
  routingRules,
  territories,
} from '../../db/schema/reference.ts';

export type CategoryRow = typeof categories.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;

export async function listCategories(exec: Executor): Promise<CategoryRow[]> {
  return exec
    .select()
    .from(categories)
    .where(eq(categories.isActive, true))
    .orderBy(asc(categories.sortOrder), asc(categories.nameRu));
}

export async function findCategory(exec: Executor, id: string): Promise<CategoryRow | undefined> {
  const rows = await exec.select().from(categories).where(eq(categories.id, id)).limit(1);
  return rows[0];
}

export type TerritoryRow = {
  id: string;
  parentId: string | null;
  kind: 'region' | 'district' | 'municipality';
  code: string;
  nameRu: string;
  nameEn: string;
  lat: number;
  lon: number;
  geometry: string | null;
};

export async function listTerritories(exec: Executor, withGeometry: boolean): Promise<TerritoryRow[]> {
  // Simplified (~50 m) for the map: the full polygons stay in the database for routing.
  const geometry = withGeometry ? sql`ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0005), 5)` : sql`NULL`;
  return queryRows<TerritoryRow>(
    exec,
    sql`SELECT id, parent_id AS "parentId", kind, code, name_ru AS "nameRu", name_en AS "nameEn",
          ST_Y(ST_PointOnSurface(geom)) AS lat, ST_X(ST_PointOnSurface(geom)) AS lon,
          ${geometry} AS geometry
        FROM ${territories} WHERE is_active ORDER BY (parent_id IS NOT NULL), name_ru`,
  );
}

export async function listOrganisations(exec: Executor) {
  const [orgs, terr, cats] = await Promise.all([
    exec
      .select()
      .from(organisations)
      .where(eq(organisations.isActive, true))
      .orderBy(asc(organisations.nameRu)),
    exec.select().from(organisationTerritories),
    exec.select().from(organisationCategories),
  ]);
  return orgs.map((o) => ({
    ...o,
    territoryIds: terr.filter((t) => t.organisationId === o.id).map((t) => t.territoryId),
    categoryIds: cats.filter((c) => c.organisationId === o.id).map((c) => c.categoryId),
  }));
}

export async function findOrganisationByCode(
  exec: Executor,
  code: string,
): Promise<OrganisationRow | undefined> {
  const rows = await exec.select().from(organisations).where(eq(organisations.code, code)).limit(1);
  return rows[0];
}

export async function findOrganisation(exec: Executor, id: string): Promise<OrganisationRow | undefined> {
  const rows = await exec.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return rows[0];
}

/**
 * The district of a point: the one containing it, or the nearest within `toleranceMeters` (a point
 * just off the coast or over a boundary river), as the intake decides.
 */
export async function districtAt(
  exec: Executor,
  point: { lat: number; lon: number },
  toleranceMeters: number,
): Promise<{ id: string; nameRu: string } | undefined> {
  const g = sql`ST_SetSRID(ST_MakePoint(${point.lon}::float8, ${point.lat}::float8), 4326)`;
  const rows = await queryRows<{ id: string; nameRu: string }>(
    exec,
    sql`(SELECT t.id, t.name_ru AS "nameRu" FROM territories t
          WHERE t.kind = 'district' AND t.is_active AND ST_Intersects(t.geom, ${g}) LIMIT 1)
        UNION ALL
        (SELECT n.id, n.name_ru FROM (
            SELECT t.id, t.name_ru, ST_Distance(t.geom::geography, ${g}::geography) AS meters
            FROM territories t
            WHERE t.kind = 'district' AND t.is_active AND ST_DWithin(t.geom, ${g}, ${toleranceMeters / 50_000}::float8)
            ORDER BY t.geom <-> ${g} LIMIT 1) n
          WHERE n.meters <= ${toleranceMeters}::float8)
        LIMIT 1`,
  );
  return rows[0];
}

export async function findTerritory(
  exec: Executor,
  id: string,
): Promise<{ id: string; kind: string; parentId: string | null; isActive: boolean } | undefined> {
  const rows = await exec
    .select({
      id: territories.id,
      kind: territories.kind,
      parentId: territories.parentId,
      isActive: territories.isActive,
    })
    .from(territories)
    .where(eq(territories.id, id))
    .limit(1);
  return rows[0];
}

export type RegionExtent = {
  lat: number;
  lon: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
};

export async function regionExtent(exec: Executor): Promise<RegionExtent | undefined> {
  const rows = await queryRows<RegionExtent>(
    exec,
    sql`SELECT ST_Y(ST_PointOnSurface(geom)) AS lat, ST_X(ST_PointOnSurface(geom)) AS lon,
          ST_XMin(geom) AS "minLon", ST_YMin(geom) AS "minLat", ST_XMax(geom) AS "maxLon", ST_YMax(geom) AS "maxLat"
        FROM ${territories} WHERE kind = 'region' ORDER BY code LIMIT 1`,
  );
  return rows[0];
}

// ---- writes (admin screens and the demo seed) ----------------------------------------------------

export async function insertTerritory(
  exec: Executor,
  t: {
    parentId: string | null;
    kind: 'region' | 'district';
    code: string;
    nameRu: string;
    nameEn: string;
    geojson: string;
  },
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`INSERT INTO ${territories} (parent_id, kind, code, name_ru, name_en, geom)
        VALUES (${t.parentId}, ${t.kind}, ${t.code}, ${t.nameRu}, ${t.nameEn},
                ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${t.geojson}), 4326)), 3)))
        RETURNING id`,
  );
  return rows[0]!.id;
}

export async function insertCategory(
  exec: Executor,
  values: typeof categories.$inferInsert,
): Promise<string> {
  const rows = await exec.insert(categories).values(values).returning({ id: categories.id });
  return rows[0]!.id;
}

export async function insertOrganisation(
  exec: Executor,
  values: typeof organisations.$inferInsert,
  territoryIds: string[],
  categoryIds: string[],
): Promise<string> {
  const rows = await exec.insert(organisations).values(values).returning({ id: organisations.id });
  const id = rows[0]!.id;
  if (territoryIds.length)
    await exec
      .insert(organisationTerritories)
      .values(territoryIds.map((territoryId) => ({ organisationId: id, territoryId })));
  if (categoryIds.length)
    await exec
      .insert(organisationCategories)
      .values(categoryIds.map((categoryId) => ({ organisationId: id, categoryId })));
  return id;
}

export async function insertRoutingRules(
  exec: Executor,
  rules: { categoryId: string; territoryId: string | null; organisationId: string }[],
): Promise<void> {
  if (rules.length) await exec.insert(routingRules).values(rules);
}

export async function countTerritories(exec: Executor): Promise<number> {
  const rows = await queryRows<{ n: number }>(exec, sql`SELECT count(*)::int AS n FROM ${territories}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Refreshes planner statistics of the small reference tables. Autovacuum never analyses a 19-row
 * table (its threshold is 50 changed rows), and without statistics PostGIS spends ~12 ms planning
 * every point-in-district query — measured; see docs/performance.md. Run after any bulk change.
 */
export async function analyzeReferenceTables(exec: Executor): Promise<void> {
  for (const table of [territories, categories, organisations, routingRules])
    await exec.execute(sql`ANALYZE ${table}`);
}

/** A category and the categories directly under it (a topic and its subjects). */
export async function categoryWithSubjects(exec: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM categories WHERE id = ${id} OR parent_id = ${id}`,
  );
  return rows.map((r) => r.id);
}

/** A territory and the territories directly in it (a municipality and its districts). */
export async function territoryWithChildren(exec: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM territories WHERE id = ${id} OR parent_id = ${id}`,
  );
  return rows.map((r) => r.id);
}
