import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { routingRules, territories } from '../../db/schema/reference.ts';

export type TerritoryMatch = { id: string; parentId: string | null; inside: boolean; meters: number };

/**
 * The district that contains the point, or else the nearest one within `toleranceMeters` (district
 * boundaries are simplified, so points on the edge fall just outside). The geometry pre-filter keeps
 * the exact geography distance off most rows.
 */
export async function locateDistrict(
  exec: Executor,
  lat: number,
  lon: number,
  toleranceMeters: number,
): Promise<TerritoryMatch | undefined> {
  const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
  // ~1 degree of latitude is 111 km; longitude degrees are shorter, so this over-covers (never misses).
  const degrees = toleranceMeters / 50_000;
  const rows = await queryRows<TerritoryMatch>(
    exec,
    sql`SELECT id, parent_id AS "parentId", ST_Intersects(geom, ${point}) AS inside,
          ST_Distance(geom::geography, ${point}::geography) AS meters
        FROM ${territories}
        WHERE kind = 'district' AND ST_DWithin(geom, ${point}, ${degrees})
        ORDER BY ST_Intersects(geom, ${point}) DESC, geom <-> ${point}
        LIMIT 1`,
  );
  const match = rows[0];
  if (!match) return undefined;
  const meters = Number(match.meters);
  return meters <= toleranceMeters ? { ...match, meters } : undefined;
}

export type RuleMatch = { ruleId: string; organisationId: string; territoryId: string | null };

/** Rules for this category in this district first, then region-wide rules (null territory). */
export async function matchingRules(
  exec: Executor,
  categoryId: string,
  territoryId: string | null,
): Promise<RuleMatch[]> {
  return queryRows<RuleMatch>(
    exec,
    sql`SELECT id AS "ruleId", organisation_id AS "organisationId", territory_id AS "territoryId"
        FROM ${routingRules}
        WHERE category_id = ${categoryId} AND (territory_id = ${territoryId} OR territory_id IS NULL)
        ORDER BY territory_id NULLS LAST
        LIMIT 3`,
  );
}
