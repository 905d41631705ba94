import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { categories } from '../../db/schema/reference.ts';

export type CategoryRow = typeof categories.$inferSelect;
export type AdminCategoryRow = CategoryRow & { reportCount: number };

export async function listAllCategories(exec: Executor): Promise<AdminCategoryRow[]> {
  const rows = await queryRows<AdminCategoryRow>(
    exec,
    sql`SELECT c.id, c.parent_id AS "parentId", c.code, c.name_ru AS "nameRu", c.name_en AS "nameEn",
          c.sla_days AS "slaDays", c.moderation_hours AS "moderationHours", c.photo_required AS "photoRequired",
          c.sort_order AS "sortOrder", c.is_active AS "isActive",
          (SELECT count(*)::int FROM reports r WHERE r.category_id = c.id) AS "reportCount"
        FROM ${categories} c
        ORDER BY coalesce(c.parent_id, c.id), c.parent_id NULLS FIRST, c.sort_order, c.name_ru`,
  );
  return rows.map((r) => ({ ...r, reportCount: Number(r.reportCount) }));
}

export async function findCategoryForUpdate(exec: Executor, id: string): Promise<CategoryRow | undefined> {
  const rows = await queryRows<CategoryRow>(
    exec,
    sql`SELECT id, parent_id AS "parentId", code, name_ru AS "nameRu", name_en AS "nameEn",
          sla_days AS "slaDays", moderation_hours AS "moderationHours", photo_required AS "photoRequired",
          sort_order AS "sortOrder", is_active AS "isActive"
        FROM ${categories} WHERE id = ${id} FOR UPDATE`,
  );
  return rows[0];
}

export async function codeTaken(exec: Executor, code: string): Promise<boolean> {
  const rows = await exec.select({ id: categories.id }).from(categories).where(eq(categories.code, code));
  return rows.length > 0;
}

export async function insertCategory(
  exec: Executor,
  values: typeof categories.$inferInsert,
): Promise<string> {
  const [row] = await exec.insert(categories).values(values).returning({ id: categories.id });
  return row!.id;
}

export async function updateCategory(
  exec: Executor,
  id: string,
  values: Partial<typeof categories.$inferInsert>,
): Promise<void> {
  await exec.update(categories).set(values).where(eq(categories.id, id));
}

export async function deleteCategory(exec: Executor, id: string): Promise<void> {
  await exec.delete(categories).where(eq(categories.id, id));
}

/** What refers to a category: reports (and their history), subjects under a topic. */
export async function categoryReferences(
  exec: Executor,
  id: string,
): Promise<{ reports: number; subjects: number }> {
  const rows = await queryRows<{ reports: number; subjects: number }>(
    exec,
    sql`SELECT (SELECT count(*)::int FROM reports WHERE category_id = ${id}) AS reports,
               (SELECT count(*)::int FROM ${categories} WHERE parent_id = ${id}) AS subjects`,
  );
  return { reports: Number(rows[0]?.reports ?? 0), subjects: Number(rows[0]?.subjects ?? 0) };
}
