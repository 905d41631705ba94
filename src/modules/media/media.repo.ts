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
  /**
   * Used by a poll or a vote item (src/modules/participation, table participation_media): `public`
   * once the poll is published or the item approved, `staff` before; null when not used there.
   */
  participation: 'public' | 'staff' | null;
};

/** Photos of works on city objects belong to no report but are kept and shown to everyone. */
const isWorkPhoto = sql<boolean>`EXISTS (SELECT 1 FROM work_photos wp WHERE wp.media_id = ${media.id})`;

/** A poll's image or a vote item's photo: in use, whatever the report columns say. */
const isParticipationMedia = sql<boolean>`EXISTS (SELECT 1 FROM participation_media pm WHERE pm.media_id = ${media.id})`;
const participationAccess = sql<
  'public' | 'staff' | null
>`(SELECT CASE WHEN pm.public THEN 'public' ELSE 'staff' END FROM participation_media pm WHERE pm.media_id = ${media.id})`;

export async function findMedia(exec: Executor, id: string): Promise<MediaWithAnswer | undefined> {
  const rows = await exec
    .select({ media, answerStatus: answers.status, isWorkPhoto, participation: participationAccess })
    .from(media)
    .leftJoin(answers, eq(answers.id, media.answerId))
    .where(eq(media.id, id))
    .limit(1);
  const row = rows[0];
  return row
    ? {
        ...row.media,
        answerStatus: row.answerStatus,
        isWorkPhoto: row.isWorkPhoto,
        participation: row.participation,
      }
    : undefined;
}

/** Not attached to anything: no report, no work on a city object, no poll or vote item. */
const unattached = () =>
  and(isNull(media.reportId), sql`NOT ${isWorkPhoto}`, sql`NOT ${isParticipationMedia}`);

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

function sqlState(error: unknown): unknown {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  return e.code ?? e.cause?.code;
}
