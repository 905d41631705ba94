import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { answers, media } from '../../db/schema/reports.ts';

export type MediaRow = typeof media.$inferSelect;

export async function insertMedia(exec: Executor, values: typeof media.$inferInsert): Promise<MediaRow> {
  const rows = await exec.insert(media).values(values).returning();
  return rows[0]!;
}

export type MediaWithAnswer = MediaRow & {
  answerStatus: (typeof answers.$inferSelect)['status'] | null;
  /** A photo of works on a city object (src/modules/objects): public, like the object's page. */
  isWorkPhoto: boolean;
};

/** Photos of works on city objects belong to no report but are kept and shown to everyone. */
const isWorkPhoto = sql<boolean>`EXISTS (SELECT 1 FROM work_photos wp WHERE wp.media_id = ${media.id})`;

export async function findMedia(exec: Executor, id: string): Promise<MediaWithAnswer | undefined> {
  const rows = await exec
    .select({ media, answerStatus: answers.status, isWorkPhoto })
    .from(media)
    .leftJoin(answers, eq(answers.id, media.answerId))
    .where(eq(media.id, id))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.media, answerStatus: row.answerStatus, isWorkPhoto: row.isWorkPhoto } : undefined;
}

/** Uploads never attached to a report within the grace period (abandoned forms). */
export async function listOrphans(exec: Executor, olderThan: Date, limit = 500): Promise<MediaRow[]> {
  return exec
    .select()
    .from(media)
    .where(and(isNull(media.reportId), lt(media.createdAt, olderThan), sql`NOT ${isWorkPhoto}`))
    .limit(limit);
}

export async function deleteMedia(exec: Executor, id: string): Promise<void> {
  await exec.delete(media).where(and(eq(media.id, id), isNull(media.reportId), sql`NOT ${isWorkPhoto}`));
}
