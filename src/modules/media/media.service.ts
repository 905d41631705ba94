import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { canSeeAnswerDraft, factsOf, loadVisibleReport } from '../reports/index.ts';
import { checkPdf, claimsPdf, contentDisposition, isActiveMarkup, isPdf, safePdfName } from './document.ts';
import { processImage } from './image.ts';
import * as repo from './media.repo.ts';
import type { MediaUpload } from './media.schemas.ts';
import { mediaUrls } from './media.urls.ts';
import type { BlobStorage } from './storage.ts';

export type MediaDeps = { db: Db; clock: Clock; storage: BlobStorage; maxPdfBytes: number };

export type IncomingFile = { bytes: Buffer; fileName: string; declaredType: string };

const storagePrefix = (now: Date) =>
  `media/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * An upload: a photo, or (staff only) a PDF document. What it is comes from the bytes; the name and
 * the declared type only decide which refusal explains a mismatch. SVG and HTML are never accepted,
 * whatever they are called: a browser would run them.
 */
export async function uploadFile(deps: MediaDeps, actor: Actor, file: IncomingFile): Promise<MediaUpload> {
  if (isActiveMarkup(file.bytes) && !isPdf(file.bytes))
    throw new AppError('active_content_refused', [{ path: 'file', message: 'active_content_refused' }]);
  if (isPdf(file.bytes) || claimsPdf(file.fileName, file.declaredType)) return uploadPdf(deps, actor, file);
  return uploadImage(deps, actor, file.bytes);
}

/**
 * A PDF passes the checks of document.ts, loses its metadata (author, title, software, dates, XMP:
 * pdf-metadata.ts) and is stored under a safe name; the stripped bytes are what is stored and
 * served. Only staff upload documents: they are official papers, residents attach photos.
 */
async function uploadPdf(deps: MediaDeps, actor: Actor, file: IncomingFile): Promise<MediaUpload> {
  if (actor.role === 'resident')
    throw new AppError('documents_staff_only', [{ path: 'file', message: 'documents_staff_only' }]);
  checkPdf(file.bytes, deps.maxPdfBytes);
  // pdf-lib is loaded with the first PDF, not at every start (~0.13 s of CPU).
  const { stripPdfMetadata } = await import('./pdf-metadata.ts');
  const stripped = await stripPdfMetadata(file.bytes);
  const id = randomUUID();
  const now = deps.clock.now();
  const storageKey = `${storagePrefix(now)}/${id}.pdf`;
  await deps.storage.put(storageKey, stripped.bytes, 'application/pdf');
  const fileName = safePdfName(file.fileName);
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await repo.insertMedia(tx, {
      id,
      ownerId: actor.id,
      contentType: 'application/pdf',
      bytes: stripped.bytes.length,
      width: 0,
      height: 0,
      storageKey,
      thumbKey: null,
      fileName,
      createdAt: now,
    });
    await writeAudit(tx, { actor, action: 'media.upload', entityType: 'media', entityId: id, at: now });
    return inserted;
  });
  return presentUpload(row);
}

function presentUpload(row: repo.MediaRow): MediaUpload {
  return {
    id: row.id,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    fileName: row.fileName,
    ...mediaUrls(row.id),
    ...(row.thumbKey === null ? { thumbUrl: null } : {}),
  };
}

/** Stores an uploaded photo: sniffed, re-encoded without metadata, thumbnailed; unattached until a report uses it. */
export async function uploadImage(deps: MediaDeps, actor: Actor, bytes: Buffer): Promise<MediaUpload> {
  const image = await processImage(bytes);
  const id = randomUUID();
  const now = deps.clock.now();
  const ext = image.contentType === 'image/png' ? 'png' : 'jpg';
  const prefix = storagePrefix(now);
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
  return presentUpload(row);
}

const isModerator = (a: Actor | null) => a?.role === 'moderator' || a?.role === 'admin';

export type OpenedMedia = { stream: Readable; contentType: string; disposition: string | null };

/**
 * A file is visible to whoever may see the report it belongs to; a photo of an answer not yet
 * published only to the staff handling it; a photo of works on a city object and a public
 * discussion's attachment to everyone; a poll's image or a vote item's photo as its poll or item is
 * seen; an upload not yet attached only to its owner. A document is served for download under its
 * safe name; it has no thumbnail.
 */
export async function openMedia(
  deps: MediaDeps,
  actor: Actor | null,
  id: string,
  variant: 'full' | 'thumb',
): Promise<OpenedMedia> {
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
  } else if (actor?.id !== row.ownerId && !row.isPublic && !(row.isKept && isModerator(actor))) {
    // Moderators see what they must judge (an initiative's photos before it is approved).
    throw new AppError('media_not_found');
  }
  if (variant === 'thumb') {
    if (row.thumbKey === null) throw new AppError('media_not_found');
    return { stream: deps.storage.get(row.thumbKey), contentType: 'image/jpeg', disposition: null };
  }
  const disposition = row.fileName === null ? null : contentDisposition(row.fileName);
  return { stream: deps.storage.get(row.storageKey), contentType: row.contentType, disposition };
}
