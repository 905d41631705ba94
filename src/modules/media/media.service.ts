import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { canSeeAnswerDraft, factsOf, loadVisibleReport } from '../reports/index.ts';
import { processImage } from './image.ts';
import * as repo from './media.repo.ts';
import type { MediaUpload } from './media.schemas.ts';
import { mediaUrls } from './media.urls.ts';
import type { BlobStorage } from './storage.ts';

export type MediaDeps = { db: Db; clock: Clock; storage: BlobStorage };

/** Stores an uploaded photo: sniffed, re-encoded without metadata, thumbnailed; unattached until a report uses it. */
export async function uploadImage(deps: MediaDeps, actor: Actor, bytes: Buffer): Promise<MediaUpload> {
  const image = await processImage(bytes);
  const id = randomUUID();
  const now = deps.clock.now();
  const ext = image.contentType === 'image/png' ? 'png' : 'jpg';
  const prefix = `media/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const storageKey = `${prefix}/${id}.${ext}`;
  const thumbKey = `${prefix}/${id}.thumb.jpg`;
  // Files first, row second: a crash in between leaves an orphan file, never a row without bytes.
  await deps.storage.put(storageKey, image.full, image.contentType);
  await deps.storage.put(thumbKey, image.thumb, 'image/jpeg');
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await repo.insertMedia(tx, {
      id,
      ownerId: actor.id,
      contentType: image.contentType,
      bytes: image.full.length,
      width: image.width,
      height: image.height,
      storageKey,
      thumbKey,
      createdAt: now,
    });
    await writeAudit(tx, { actor, action: 'media.upload', entityType: 'media', entityId: id, at: now });
    return inserted;
  });
  return {
    id: row.id,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    ...mediaUrls(row.id),
  };
}

/**
 * A file is visible to whoever may see the report it belongs to; a photo of an answer not yet
 * published only to the staff handling it; a photo of works on a city object to everyone; a poll's
 * image or a vote item's photo as its poll or item is seen; an upload not yet attached only to its owner.
 */
export async function openMedia(
  deps: MediaDeps,
  actor: Actor | null,
  id: string,
  variant: 'full' | 'thumb',
): Promise<{ stream: Readable; contentType: string }> {
  const row = await repo.findMedia(deps.db, id);
  if (!row) throw new AppError('media_not_found');
  if (row.reportId) {
    const report = await loadVisibleReport(deps.db, actor, row.reportId).catch(() => undefined);
    if (!report) throw new AppError('media_not_found');
    const unpublishedAnswer = row.answerStatus === 'draft' || row.answerStatus === 'review';
    if (unpublishedAnswer && !canSeeAnswerDraft(factsOf(report), actor))
      throw new AppError('media_not_found');
  } else if (row.participation) {
    // A poll's image or a vote item's photo: everyone's once the poll is published or the item
    // approved; before that its uploader's and the staff who run polls and moderate proposals.
    const staff = actor?.role === 'admin' || actor?.role === 'curator';
    if (row.participation === 'staff' && actor?.id !== row.ownerId && !staff)
      throw new AppError('media_not_found');
  } else if (actor?.id !== row.ownerId && !row.isWorkPhoto) {
    throw new AppError('media_not_found');
  }
  return variant === 'thumb'
    ? { stream: deps.storage.get(row.thumbKey), contentType: 'image/jpeg' }
    : { stream: deps.storage.get(row.storageKey), contentType: row.contentType };
}
