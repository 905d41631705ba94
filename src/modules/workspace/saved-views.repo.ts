import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { savedViews } from '../../db/schema/workspace.ts';

export type SavedViewRow = typeof savedViews.$inferSelect;

export function listViews(exec: Executor, userId: string): Promise<SavedViewRow[]> {
  return exec
    .select()
    .from(savedViews)
    .where(eq(savedViews.userId, userId))
    .orderBy(asc(savedViews.createdAt), asc(savedViews.name));
}

export async function countViews(exec: Executor, userId: string): Promise<number> {
  const [row] = await exec.select({ n: count() }).from(savedViews).where(eq(savedViews.userId, userId));
  return Number(row?.n ?? 0);
}

/** The new view, or undefined when its owner already has a view of that name. */
export async function insertView(
  exec: Executor,
  values: { userId: string; name: string; query: Record<string, unknown>; at: Date },
): Promise<SavedViewRow | undefined> {
  const [row] = await exec
    .insert(savedViews)
    .values({
      userId: values.userId,
      name: values.name,
      query: values.query,
      createdAt: values.at,
      updatedAt: values.at,
    })
    .onConflictDoNothing({ target: [savedViews.userId, savedViews.name] })
    .returning();
  return row;
}

/** Only the owner's own view is found: another person's view id is "no such view". */
export async function findOwnView(
  exec: Executor,
  userId: string,
  id: string,
): Promise<SavedViewRow | undefined> {
  const [row] = await exec
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .limit(1);
  return row;
}

export async function findViewByName(
  exec: Executor,
  userId: string,
  name: string,
): Promise<SavedViewRow | undefined> {
  const [row] = await exec
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.userId, userId), eq(savedViews.name, name)))
    .limit(1);
  return row;
}

export async function updateView(
  exec: Executor,
  userId: string,
  id: string,
  values: { name?: string; query?: Record<string, unknown>; at: Date },
): Promise<SavedViewRow | undefined> {
  const [row] = await exec
    .update(savedViews)
    .set({
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.query !== undefined ? { query: values.query } : {}),
      updatedAt: values.at,
    })
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .returning();
  return row;
}

export async function deleteView(exec: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await exec
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .returning({ id: savedViews.id });
  return rows.length > 0;
}
