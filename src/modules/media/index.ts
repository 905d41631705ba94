/**
 * Photos (upload, storage, thumbnails): the public entry of the module. The repository stays private;
 * the housekeeping job removes orphaned uploads through this facade.
 */
import * as repo from './media.repo.ts';

export { mediaRoutes } from './media.routes.ts';
export { mediaUrls } from './media.urls.ts';
export { type BlobStorage, LocalDiskStorage } from './storage.ts';

/** Uploads never attached (to a report, a work, a poll or a vote item), older than `olderThan`. */
export function listOrphans(
  ...args: Parameters<typeof repo.listOrphans>
): ReturnType<typeof repo.listOrphans> {
  return repo.listOrphans(...args);
}

/**
 * Deletes an upload's row if it is still unattached and says whether it did: its stored files are
 * the caller's to remove, and only then (it may have been attached since it was listed).
 */
export function deleteMedia(...args: Parameters<typeof repo.deleteMedia>): Promise<boolean> {
  return repo.deleteMedia(...args);
}
