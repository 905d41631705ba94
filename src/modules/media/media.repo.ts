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
  /**
   * Public without a report: a photo of works on a city object (src/modules/objects), an attachment
   * of a public discussion, a photo of an initiative past moderation.
   */
  isPublic: boolean;
  /** Held by something other than a report (an object's work, a discussion, an initiative). */
  isKept: boolean;
};

/**
 * Files that belong to no report but are kept and shown to everyone: photos of works on city
 * objects, a discussion's attachments, the photos of an initiative that residents can see.
 */
const isPublic = sql<boolean>`(EXISTS (SELECT 1 FROM work_photos wp WHERE wp.media_id = ${media.id})
  OR EXISTS (SELECT 1 FROM discussion_attachments da WHERE da.media_id = ${media.id})
  OR EXISTS (SELECT 1 FROM initiatives i WHERE i.media_ids @> ARRAY[${media.id}]
             AND i.status NOT IN ('moderation', 'rejected')))`;
/** Files kept although no report holds them (an initiative's photos wait for its report even while moderated). */
const isKept = sql<boolean>`(EXISTS (SELECT 1 FROM work_photos wp WHERE wp.media_id = ${media.id})
  OR EXISTS (SELECT 1 FROM discussion_attachments da WHERE da.media_id = ${media.id})
  OR EXISTS (SELECT 1 FROM initiatives i WHERE i.media_ids @> ARRAY[${media.id}]))`;

export async function findMedia(exec: Executor, id: string): Promise<MediaWithAnswer | undefined> {
  const rows = await exec
    .select({ media, answerStatus: answers.status, isPublic, isKept })
    .from(media)
    .leftJoin(answers, eq(answers.id, media.answerId))
    .where(eq(media.id, id))
    .limit(1);
  const row = rows[0];
  return row
    ? { ...row.media, answerStatus: row.answerStatus, isPublic: row.isPublic, isKept: row.isKept }
    : undefined;
}

/** Uploads never attached to a report (or kept otherwise, see isKept) within the grace period (abandoned forms). */
export async function listOrphans(exec: Executor, olderThan: Date, limit = 500): Promise<MediaRow[]> {
  return exec
    .select()
    .from(media)
    .where(and(isNull(media.reportId), lt(media.createdAt, olderThan), sql`NOT ${isKept}`))
    .limit(limit);
}

export async function deleteMedia(exec: Executor, id: string): Promise<void> {
  await exec.delete(media).where(and(eq(media.id, id), isNull(media.reportId), sql`NOT ${isKept}`));
}
