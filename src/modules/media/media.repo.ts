import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { media } from '../../db/schema/reports.ts';

export type MediaRow = typeof media.$inferSelect;

export async function insertMedia(exec: Executor, values: typeof media.$inferInsert): Promise<MediaRow> {
  const rows = await exec.insert(media).values(values).returning();
  return rows[0]!;
}

export async function findMedia(exec: Executor, id: string): Promise<MediaRow | undefined> {
  const rows = await exec.select().from(media).where(eq(media.id, id)).limit(1);
  return rows[0];
}
