import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { answers, media } from '../../db/schema/reports.ts';
import { sqlState } from '../../db/sql-state.ts';

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
  /** Held by something other than a report (an object's work, a discussion, an initiative, a poll or vote item). */
  isKept: boolean;
  /**
   * Used by a poll or a vote item (src/modules/participation, table participation_media): `public`
   * once the poll is published or the item approved, `staff` before; null when not used there.
   */
  participation: 'public' | 'staff' | null;
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
  OR EXISTS (SELECT 1 FROM initiatives i WHERE i.media_ids @> ARRAY[${media.id}])
  OR EXISTS (SELECT 1 FROM participation_media pm WHERE pm.media_id = ${media.id}))`;

/** Who may see a poll's image or a vote item's photo (in use whatever the report columns say: isKept). */
const participationAccess = sql<
  'public' | 'staff' | null
>`(SELECT CASE WHEN pm.public THEN 'public' ELSE 'staff' END FROM participation_media pm WHERE pm.media_id = ${media.id})`;

export async function findMedia(exec: Executor, id: string): Promise<MediaWithAnswer | undefined> {
  const rows = await exec
    .select({ media, answerStatus: answers.status, isPublic, isKept, participation: participationAccess })
    .from(media)
    .leftJoin(answers, eq(answers.id, media.answerId))
    .where(eq(media.id, id))
    .limit(1);
  const row = rows[0];
  return row
    ? {
        ...row.media,
        answerStatus: row.answerStatus,
        isPublic: row.isPublic,
        isKept: row.isKept,
        participation: row.participation,
      }
    : undefined;
}

/** Not attached to anything: no report, nothing else keeping it (see isKept). */
const unattached = () => and(isNull(media.reportId), sql`NOT ${isKept}`);

/** Uploads never attached within the grace period (abandoned forms). */
export async function listOrphans(exec: Executor, olderThan: Date, limit = 500): Promise<MediaRow[]> {
  return exec
    .select()
    .from(media)
    .where(and(unattached(), lt(media.createdAt, olderThan)))
    .limit(limit);
}

/** Deletes the row if it is still unattached; whether it did (only then may its files go). */
export async function deleteMedia(exec: Executor, id: string): Promise<boolean> {
  try {
    const deleted = await exec
      .delete(media)
      .where(and(eq(media.id, id), unattached()))
      .returning({ id: media.id });
    return deleted.length > 0;
  } catch (error) {
    // Attached by a transaction that committed while this one waited for the row: the attachment's
    // foreign key refuses the delete (23503), and the file stays.
    if (sqlState(error) === '23503') return false;
    throw error;
  }
}
