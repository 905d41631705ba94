import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { routingRules } from '../../db/schema/reference.ts';

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
