import { and, asc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { answerTemplates } from '../../db/schema/answer-quality.ts';

export type TemplateRow = typeof answerTemplates.$inferSelect;

export async function insertTemplate(
  exec: Executor,
  values: typeof answerTemplates.$inferInsert,
): Promise<TemplateRow> {
  const rows = await exec.insert(answerTemplates).values(values).returning();
  return rows[0]!;
}

export async function findTemplate(exec: Executor, id: string): Promise<TemplateRow | undefined> {
  const rows = await exec.select().from(answerTemplates).where(eq(answerTemplates.id, id)).limit(1);
  return rows[0];
}

export async function updateTemplate(
  exec: Executor,
  id: string,
  values: Partial<typeof answerTemplates.$inferInsert>,
): Promise<TemplateRow> {
  const rows = await exec.update(answerTemplates).set(values).where(eq(answerTemplates.id, id)).returning();
  return rows[0]!;
}

export async function deleteTemplate(exec: Executor, id: string): Promise<void> {
  await exec.delete(answerTemplates).where(eq(answerTemplates.id, id));
}

export type TemplateFilter = {
  /** Only these organisations (undefined: every organisation). */
  organisationIds?: string[];
  categoryId?: string;
};

export async function listTemplates(exec: Executor, f: TemplateFilter): Promise<TemplateRow[]> {
  const where: SQL[] = [];
  if (f.organisationIds) {
    if (f.organisationIds.length === 0) return [];
    where.push(or(...f.organisationIds.map((id) => eq(answerTemplates.organisationId, id))) ?? sql`FALSE`);
  }
  if (f.categoryId) where.push(eq(answerTemplates.categoryId, f.categoryId));
  return exec
    .select()
    .from(answerTemplates)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(answerTemplates.organisationId), asc(answerTemplates.title));
}

/**
 * Templates of the organisation that fit a report: for its subject first, then for its topic, then
 * the general ones.
 */
export async function templatesForReport(
  exec: Executor,
  organisationId: string,
  categoryId: string,
  topicId: string | null,
): Promise<TemplateRow[]> {
  const fits = [isNull(answerTemplates.categoryId), eq(answerTemplates.categoryId, categoryId)];
  if (topicId) fits.push(eq(answerTemplates.categoryId, topicId));
  return exec
    .select()
    .from(answerTemplates)
    .where(and(eq(answerTemplates.organisationId, organisationId), or(...fits)))
    .orderBy(
      sql`CASE WHEN ${answerTemplates.categoryId} = ${categoryId} THEN 0 WHEN ${answerTemplates.categoryId} IS NULL THEN 2 ELSE 1 END`,
      asc(answerTemplates.title),
    );
}

/** Organisations serving the curator's territory or a territory inside it. */
export async function organisationsInTerritory(exec: Executor, territoryId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT DISTINCT ot.organisation_id AS id FROM organisation_territories ot
        JOIN territories t ON t.id = ot.territory_id
        WHERE t.id = ${territoryId} OR t.parent_id = ${territoryId}`,
  );
  return rows.map((r) => r.id);
}
