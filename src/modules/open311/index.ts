/**
 * Open311 GeoReport v2: the public entry of the module. The repository stays private; the seed
 * stores the services' attribute definitions through this facade.
 */
import * as repo from './open311.repo.ts';

export { open311Routes } from './open311.routes.ts';

/** Stores the Open311 attribute definitions of the services (categories). */
export function insertAttributes(...args: Parameters<typeof repo.insertAttributes>): Promise<void> {
  return repo.insertAttributes(...args);
}

/** The `requests` list as the API reads it (the lists benchmark explains its statement). */
export function listRequestRows(
  ...args: Parameters<typeof repo.listRequests>
): ReturnType<typeof repo.listRequests> {
  return repo.listRequests(...args);
}
