import { eq, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows, queryRowsBuiltOnce } from '../../db/connection.ts';
import { routingRules } from '../../db/schema/reference.ts';

export type RuleMatch = {
  ruleId: string;
  organisationId: string;
  territoryId: string | null;
  priority: number;
  /** The rule names the report's own district (not its region, nor the whole region). */
  specific: boolean;
};

/** A rule applies on its validity dates (local dates, inclusive; open ends when null). */
const validOn = (day: SQL, alias = 'r') => {
  const r = sql.raw(alias);
  return sql`(${r}.valid_from IS NULL OR ${r}.valid_from <= ${day}) AND (${r}.valid_to IS NULL OR ${r}.valid_to >= ${day})`;
};

/**
 * Rules that apply to this category in this district on `day`: the district's own first, then those
 * of its region or the whole region (null territory), each level by priority, highest first. Built
 * once and prepared (planned once per connection: its planning took three times its execution).
 */
export async function matchingRules(
  exec: Executor,
  categoryId: string,
  territoryId: string | null,
  day: string,
): Promise<RuleMatch[]> {
  const rows = await queryRowsBuiltOnce<RuleMatch>(
    exec,
    'routing_matching_rules',
    () =>
      matchingRulesSelect(
        sql`${sql.placeholder('categoryId')}::uuid`,
        sql`${sql.placeholder('territoryId')}::uuid`,
        sql`${sql.placeholder('day')}::date`,
      ),
    { categoryId, territoryId, day },
  );
  return rows.map((r) => ({ ...r, priority: Number(r.priority) }));
}

/**
 * matchingRules as one JSON column of another statement (`accept` reads them with the locked report:
 * one round trip less), for SQL expressions of the category, the district and the day (the aliases
 * inside are their own, so the expressions may name the enclosing statement's columns).
 */
export function matchingRulesJson(categoryId: SQL, territoryId: SQL, day: SQL): SQL {
  return sql`(SELECT coalesce(json_agg(m ORDER BY m.specific DESC, m.priority DESC, m."ruleId"), '[]'::json)
              FROM (${matchingRulesSelect(categoryId, territoryId, day)}) m)`;
}

/** matchingRulesJson's value, as matchingRules returns it. */
export function decodeRuleMatches(raw: unknown): RuleMatch[] {
  const rules = (typeof raw === 'string' ? JSON.parse(raw) : raw) as RuleMatch[] | null;
  return (rules ?? []).map((r) => ({ ...r, priority: Number(r.priority) }));
}

function matchingRulesSelect(categoryId: SQL, territoryId: SQL, day: SQL): SQL {
  return sql`SELECT rr.id AS "ruleId", rr.organisation_id AS "organisationId", rr.territory_id AS "territoryId",
          rr.priority, (rr.territory_id IS NOT NULL AND rr.territory_id = ${territoryId}) AS specific
        FROM ${routingRules} rr
        WHERE rr.category_id = ${categoryId}
          AND (rr.territory_id IS NULL OR rr.territory_id = ${territoryId}
               OR rr.territory_id = (SELECT rt.parent_id FROM territories rt WHERE rt.id = ${territoryId}))
          AND ${validOn(day, 'rr')}
        ORDER BY specific DESC, rr.priority DESC, rr.id
        LIMIT 8`;
}

export type RuleRow = typeof routingRules.$inferSelect & {
  categoryCode: string;
  categoryNameRu: string;
  categoryNameEn: string;
  categoryActive: boolean;
  territoryCode: string | null;
  territoryNameRu: string | null;
  territoryNameEn: string | null;
  organisationCode: string;
  organisationNameRu: string;
  organisationNameEn: string;
  organisationActive: boolean;
};

const ruleSelect = sql`SELECT r.id, r.category_id AS "categoryId", r.territory_id AS "territoryId",
    r.organisation_id AS "organisationId", r.priority, r.valid_from::text AS "validFrom",
    r.valid_to::text AS "validTo", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
    c.code AS "categoryCode", c.name_ru AS "categoryNameRu", c.name_en AS "categoryNameEn",
    c.is_active AS "categoryActive", t.code AS "territoryCode", t.name_ru AS "territoryNameRu",
    t.name_en AS "territoryNameEn", o.code AS "organisationCode", o.name_ru AS "organisationNameRu",
    o.name_en AS "organisationNameEn", o.is_active AS "organisationActive"
  FROM ${routingRules} r
  JOIN categories c ON c.id = r.category_id
  JOIN organisations o ON o.id = r.organisation_id
  LEFT JOIN territories t ON t.id = r.territory_id`;

function decodeRule(r: RuleRow): RuleRow {
  const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
  return { ...r, priority: Number(r.priority), createdAt: date(r.createdAt), updatedAt: date(r.updatedAt) };
}

export type RuleFilter = { categoryId?: string; territoryId?: string; organisationId?: string };

export async function listRules(exec: Executor, f: RuleFilter): Promise<RuleRow[]> {
  const where = [sql`TRUE`];
  if (f.categoryId) where.push(sql`r.category_id = ${f.categoryId}`);
  if (f.territoryId) where.push(sql`r.territory_id = ${f.territoryId}`);
  if (f.organisationId) where.push(sql`r.organisation_id = ${f.organisationId}`);
  const rows = await queryRows<RuleRow>(
    exec,
    sql`${ruleSelect} WHERE ${sql.join(where, sql` AND `)}
        ORDER BY c.code, t.code NULLS FIRST, r.priority DESC, r.valid_from NULLS FIRST, r.id`,
  );
  return rows.map(decodeRule);
}

export async function findRule(exec: Executor, id: string, lock = false): Promise<RuleRow | undefined> {
  const rows = await queryRows<RuleRow>(
    exec,
    sql`${ruleSelect} WHERE r.id = ${id}${lock ? sql` FOR UPDATE OF r` : sql``}`,
  );
  return rows[0] ? decodeRule(rows[0]) : undefined;
}

export type RuleFields = {
  categoryId: string;
  territoryId: string | null;
  organisationId: string;
  priority: number;
  validFrom: string | null;
  validTo: string | null;
};

export async function insertRule(exec: Executor, f: RuleFields, now: Date): Promise<string> {
  const [row] = await exec
    .insert(routingRules)
    .values({ ...f, createdAt: now, updatedAt: now })
    .returning({ id: routingRules.id });
  return row!.id;
}

export async function updateRule(exec: Executor, id: string, f: RuleFields, now: Date): Promise<void> {
  await exec
    .update(routingRules)
    .set({ ...f, updatedAt: now })
    .where(eq(routingRules.id, id));
}

export async function deleteRule(exec: Executor, id: string): Promise<void> {
  await exec.delete(routingRules).where(eq(routingRules.id, id));
}

/**
 * Rules of equal priority for the same category and territory whose validity dates meet: which of
 * them applies would be a coin toss. `exceptId` leaves out the rule being edited.
 */
export async function overlappingRules(
  exec: Executor,
  f: RuleFields,
  exceptId: string | null,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT r.id FROM ${routingRules} r
        WHERE r.category_id = ${f.categoryId} AND r.territory_id IS NOT DISTINCT FROM ${f.territoryId}::uuid
          AND r.priority = ${f.priority}
          AND (r.valid_to IS NULL OR ${f.validFrom}::date IS NULL OR r.valid_to >= ${f.validFrom}::date)
          AND (r.valid_from IS NULL OR ${f.validTo}::date IS NULL OR r.valid_from <= ${f.validTo}::date)
          ${exceptId ? sql`AND r.id <> ${exceptId}` : sql``}
        ORDER BY r.id`,
  );
  return rows.map((r) => r.id);
}

/** Every pair of rules in the table that overlap so (seeded or older data; edits refuse them). */
export async function overlapPairs(exec: Executor): Promise<{ a: string; b: string }[]> {
  return queryRows<{ a: string; b: string }>(
    exec,
    sql`SELECT x.id AS a, y.id AS b FROM ${routingRules} x JOIN ${routingRules} y
          ON y.category_id = x.category_id AND y.territory_id IS NOT DISTINCT FROM x.territory_id
         AND y.priority = x.priority AND y.id > x.id
         AND (x.valid_to IS NULL OR y.valid_from IS NULL OR x.valid_to >= y.valid_from)
         AND (x.valid_from IS NULL OR y.valid_to IS NULL OR x.valid_from <= y.valid_to)
        ORDER BY x.id, y.id`,
  );
}

/**
 * Active subjects × districts that no rule covers on `day` (neither the district's own, nor its
 * region's, nor a region-wide one): reports there go to the classifier or the curator.
 */
export async function gaps(
  exec: Executor,
  day: string,
): Promise<{ categoryId: string; territoryId: string }[]> {
  return queryRows(
    exec,
    sql`SELECT c.id AS "categoryId", t.id AS "territoryId"
        FROM categories c CROSS JOIN territories t
        WHERE c.parent_id IS NOT NULL AND c.is_active AND t.kind = 'district'
          AND NOT EXISTS (SELECT 1 FROM ${routingRules} r
            WHERE r.category_id = c.id AND (r.territory_id IS NULL OR r.territory_id = t.id OR r.territory_id = t.parent_id)
              AND ${validOn(sql`${day}::date`)})
        ORDER BY c.code, t.code`,
  );
}

/** Whether any report's routing decision names the rule (its history would lose its reason). */
export async function ruleIsReferenced(exec: Executor, id: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    exec,
    sql`SELECT EXISTS (SELECT 1 FROM reports WHERE routing->>'ruleId' = ${id}) AS found`,
  );
  return Boolean(rows[0]?.found);
}
