import { eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import {
  categories,
  organisationCategories,
  organisations,
  organisationTerritories,
  territories,
} from '../../db/schema/reference.ts';

export type AdminOrganisationRow = {
  id: string;
  code: string;
  kind: 'authority' | 'institution' | 'management_company' | 'utility' | 'hoa';
  nameRu: string;
  nameEn: string;
  phone: string | null;
  email: string | null;
  parentId: string | null;
  isActive: boolean;
  territoryIds: string[];
  categoryIds: string[];
  reportCount: number;
  ruleCount: number;
  staffCount: number;
  childCount: number;
};

const select = (where: ReturnType<typeof sql>) => sql`
  SELECT o.id, o.code, o.kind, o.name_ru AS "nameRu", o.name_en AS "nameEn", o.phone, o.email,
    o.parent_id AS "parentId", o.is_active AS "isActive",
    coalesce((SELECT array_agg(ot.territory_id::text) FROM organisation_territories ot WHERE ot.organisation_id = o.id), '{}') AS "territoryIds",
    coalesce((SELECT array_agg(oc.category_id::text) FROM organisation_categories oc WHERE oc.organisation_id = o.id), '{}') AS "categoryIds",
    (SELECT count(*)::int FROM reports r WHERE r.organisation_id = o.id) AS "reportCount",
    (SELECT count(*)::int FROM routing_rules x WHERE x.organisation_id = o.id) AS "ruleCount",
    (SELECT count(*)::int FROM users u WHERE u.organisation_id = o.id) AS "staffCount",
    (SELECT count(*)::int FROM organisations c WHERE c.parent_id = o.id) AS "childCount"
  FROM ${organisations} o ${where}
  ORDER BY o.name_ru`;

const normalise = (r: AdminOrganisationRow): AdminOrganisationRow => ({
  ...r,
  reportCount: Number(r.reportCount),
  ruleCount: Number(r.ruleCount),
  staffCount: Number(r.staffCount),
  childCount: Number(r.childCount),
});

export async function listAdminOrganisations(exec: Executor): Promise<AdminOrganisationRow[]> {
  return (await queryRows<AdminOrganisationRow>(exec, select(sql``))).map(normalise);
}

export async function findAdminOrganisation(
  exec: Executor,
  id: string,
  lock = false,
): Promise<AdminOrganisationRow | undefined> {
  if (lock) await exec.execute(sql`SELECT id FROM ${organisations} WHERE id = ${id} FOR UPDATE`);
  const rows = await queryRows<AdminOrganisationRow>(exec, select(sql`WHERE o.id = ${id}`));
  return rows[0] ? normalise(rows[0]) : undefined;
}

export async function codeTaken(exec: Executor, code: string): Promise<boolean> {
  const rows = await exec
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, code));
  return rows.length > 0;
}

/** The chain of authorities above an organisation (itself first), to refuse a cycle. */
export async function ancestorIds(exec: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM ${organisations} WHERE id = ${id}
          UNION ALL
          SELECT o.id, o.parent_id, up.depth + 1 FROM ${organisations} o JOIN up ON o.id = up.parent_id
          WHERE up.depth < 100)
        SELECT id FROM up`,
  );
  return rows.map((r) => r.id);
}

export async function territoriesByIds(
  exec: Executor,
  ids: string[],
): Promise<{ id: string; isActive: boolean }[]> {
  if (ids.length === 0) return [];
  return exec
    .select({ id: territories.id, isActive: territories.isActive })
    .from(territories)
    .where(inArray(territories.id, ids));
}

export async function categoriesByIds(
  exec: Executor,
  ids: string[],
): Promise<{ id: string; isActive: boolean }[]> {
  if (ids.length === 0) return [];
  return exec
    .select({ id: categories.id, isActive: categories.isActive })
    .from(categories)
    .where(inArray(categories.id, ids));
}

export async function insertOrganisation(
  exec: Executor,
  values: typeof organisations.$inferInsert,
): Promise<string> {
  const [row] = await exec.insert(organisations).values(values).returning({ id: organisations.id });
  return row!.id;
}

export async function updateOrganisation(
  exec: Executor,
  id: string,
  values: Partial<typeof organisations.$inferInsert>,
): Promise<void> {
  if (Object.keys(values).length > 0)
    await exec.update(organisations).set(values).where(eq(organisations.id, id));
}

/** Replaces the territories and categories an organisation serves. */
export async function setServed(
  exec: Executor,
  id: string,
  served: { territoryIds?: string[]; categoryIds?: string[] },
): Promise<void> {
  if (served.territoryIds) {
    await exec.delete(organisationTerritories).where(eq(organisationTerritories.organisationId, id));
    if (served.territoryIds.length)
      await exec
        .insert(organisationTerritories)
        .values(
          [...new Set(served.territoryIds)].map((territoryId) => ({ organisationId: id, territoryId })),
        );
  }
  if (served.categoryIds) {
    await exec.delete(organisationCategories).where(eq(organisationCategories.organisationId, id));
    if (served.categoryIds.length)
      await exec
        .insert(organisationCategories)
        .values([...new Set(served.categoryIds)].map((categoryId) => ({ organisationId: id, categoryId })));
  }
}

/** Anything else that names the organisation (answers, notices, city objects, API clients, discussions). */
export async function otherReferences(exec: Executor, id: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    exec,
    sql`SELECT (SELECT count(*)::int FROM answers WHERE organisation_id = ${id})
             + (SELECT count(*)::int FROM notices WHERE organisation_id = ${id})
             + (SELECT count(*)::int FROM city_objects WHERE organisation_id = ${id})
             + (SELECT count(*)::int FROM api_clients WHERE organisation_id = ${id})
             + (SELECT count(*)::int FROM discussions WHERE organisation_id = ${id}) AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function deleteOrganisation(exec: Executor, id: string): Promise<void> {
  await exec.delete(organisations).where(eq(organisations.id, id));
}
