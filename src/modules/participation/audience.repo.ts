import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { sqlUuidArray } from './polls.repo.ts';

/**
 * The territories a person is a verified resident of, with their parents (a district's resident
 * also lives in the region). Read from the identities a provider verified (docs/oidc.md).
 */
export async function verifiedResidence(exec: Executor, userId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT t.id FROM user_identities ui JOIN territories t ON t.id = ui.residence_territory_id
        WHERE ui.user_id = ${userId}
        UNION SELECT t.parent_id FROM user_identities ui JOIN territories t ON t.id = ui.residence_territory_id
        WHERE ui.user_id = ${userId} AND t.parent_id IS NOT NULL`,
  );
  return rows.map((r) => r.id);
}

/** Of `ids`, those that are not territories at all. */
export async function unknownTerritories(exec: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT u.id FROM unnest(${sqlUuidArray(ids)}) AS u(id)
        WHERE NOT EXISTS (SELECT 1 FROM territories t WHERE t.id = u.id)`,
  );
  return rows.map((r) => r.id);
}

/** Of `ids`, those outside `scopeId` (neither it nor one of its children). */
export async function territoriesOutside(exec: Executor, ids: string[], scopeId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT t.id FROM territories t
        WHERE t.id = ANY(${sqlUuidArray(ids)}) AND t.id <> ${scopeId}
          AND t.parent_id IS DISTINCT FROM ${scopeId}`,
  );
  return rows.map((r) => r.id);
}

/** Whether the territory is the region (has no parent): its curator oversees everything. */
export async function isRegion(exec: Executor, territoryId: string): Promise<boolean> {
  const rows = await queryRows<{ root: boolean }>(
    exec,
    sql`SELECT parent_id IS NULL AS root FROM territories WHERE id = ${territoryId}`,
  );
  return rows[0]?.root ?? false;
}
