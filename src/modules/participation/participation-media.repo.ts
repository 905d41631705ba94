import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { participationMedia } from '../../db/schema/participation.ts';
import { sqlUuidArray } from './polls.repo.ts';

/*
 * The uploads polls and vote items use. A row here keeps the file from the media sweep (its foreign
 * key has no cascade) and tells the media module who may see it (`public`).
 */

/**
 * Of `ids`, those this person may not attach: not their upload, or already used by a report or by
 * another poll or item (`pollId`: the poll being edited may keep its own image).
 */
export async function unusableMedia(
  exec: Executor,
  ids: string[],
  ownerId: string,
  pollId: string | null = null,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT u.id FROM unnest(${sqlUuidArray(ids)}) AS u(id)
        WHERE NOT EXISTS (
          SELECT 1 FROM media m WHERE m.id = u.id AND m.owner_id = ${ownerId} AND m.report_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM participation_media pm WHERE pm.media_id = m.id
                              AND (${pollId}::uuid IS NULL OR pm.poll_id IS DISTINCT FROM ${pollId}::uuid)))`,
  );
  return rows.map((r) => r.id);
}

/** The poll's image is `imageId` (or none): an image replaced becomes an ordinary upload again. */
export async function setPollImage(
  exec: Executor,
  pollId: string,
  imageId: string | null,
  isPublic: boolean,
): Promise<void> {
  await exec.delete(participationMedia).where(eq(participationMedia.pollId, pollId));
  if (imageId) await exec.insert(participationMedia).values({ mediaId: imageId, pollId, public: isPublic });
}

export async function publishPollMedia(exec: Executor, pollId: string): Promise<void> {
  await exec.update(participationMedia).set({ public: true }).where(eq(participationMedia.pollId, pollId));
}

export async function attachItemPhotos(
  exec: Executor,
  voteItemId: string,
  photoIds: string[],
  isPublic: boolean,
): Promise<void> {
  if (photoIds.length === 0) return;
  await exec
    .insert(participationMedia)
    .values(photoIds.map((mediaId) => ({ mediaId, voteItemId, public: isPublic })));
}

/** Approved items show their photos to everyone; rejected and merged ones to their author and staff. */
export async function setItemPhotosPublic(
  exec: Executor,
  voteItemId: string,
  isPublic: boolean,
): Promise<void> {
  await exec
    .update(participationMedia)
    .set({ public: isPublic })
    .where(and(eq(participationMedia.voteItemId, voteItemId)));
}
