/**
 * Reference data (territories, categories, organisations, routing rules): the public entry of the
 * module. The repository stays private; other modules read and seed reference rows through the
 * facades below (the presented lists for the API are the routes' business).
 */
import type { Executor } from '../../db/connection.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import * as repo from './reference.repo.ts';

export type { CategoryRow, OrganisationRow, TerritoryRow } from './reference.repo.ts';
export { referenceRoutes } from './reference.routes.ts';
export { referenceAdminRoutes } from './reference-admin.routes.ts';
export type { EffectiveRegionSettings, RegionDefaults } from './region-settings.service.ts';
/** The region's settings in force (5 s per-node cache): tolerance, dispute window, timeout, map. */
export { regionSettings } from './region-settings.service.ts';

export function findCategory(
  ...args: Parameters<typeof repo.findCategory>
): ReturnType<typeof repo.findCategory> {
  return repo.findCategory(...args);
}

export function findOrganisation(
  ...args: Parameters<typeof repo.findOrganisation>
): ReturnType<typeof repo.findOrganisation> {
  return repo.findOrganisation(...args);
}

/** The district of a point: containing it, or the nearest within the tolerance. */
export function districtAt(...args: Parameters<typeof repo.districtAt>): ReturnType<typeof repo.districtAt> {
  return repo.districtAt(...args);
}

export function findTerritory(
  ...args: Parameters<typeof repo.findTerritory>
): ReturnType<typeof repo.findTerritory> {
  return repo.findTerritory(...args);
}

export function findOrganisationByCode(
  ...args: Parameters<typeof repo.findOrganisationByCode>
): ReturnType<typeof repo.findOrganisationByCode> {
  return repo.findOrganisationByCode(...args);
}

/** Every category as stored (codes, parents, activity), not as presented by the API. */
export function listCategoryRows(
  ...args: Parameters<typeof repo.listCategories>
): ReturnType<typeof repo.listCategories> {
  return repo.listCategories(...args);
}

/** Every territory as stored (with its geometry on request), not as presented by the API. */
export function listTerritoryRows(
  ...args: Parameters<typeof repo.listTerritories>
): ReturnType<typeof repo.listTerritories> {
  return repo.listTerritories(...args);
}

export function countTerritories(...args: Parameters<typeof repo.countTerritories>): Promise<number> {
  return repo.countTerritories(...args);
}

// Seeding the reference data (the `seed` command).

export function insertTerritory(
  ...args: Parameters<typeof repo.insertTerritory>
): ReturnType<typeof repo.insertTerritory> {
  return repo.insertTerritory(...args);
}

export function insertCategory(...args: Parameters<typeof repo.insertCategory>): Promise<string> {
  return repo.insertCategory(...args);
}

export function insertOrganisation(
  ...args: Parameters<typeof repo.insertOrganisation>
): ReturnType<typeof repo.insertOrganisation> {
  return repo.insertOrganisation(...args);
}

export function insertRoutingRules(...args: Parameters<typeof repo.insertRoutingRules>): Promise<void> {
  return repo.insertRoutingRules(...args);
}

/** Refreshes the planner's statistics after a bulk load of reference rows. */
export function analyzeReferenceTables(
  ...args: Parameters<typeof repo.analyzeReferenceTables>
): Promise<void> {
  return repo.analyzeReferenceTables(...args);
}

export { categoryWithSubjects, forgetExpansions, territoryWithChildren } from './expansions.ts';

/**
 * Whether a report of this subject must carry a photo: read at every photo-less submission, so
 * cached per node for 5 s (an admin's change reaches every node within that).
 */
const photoRequiredCache = new TtlCache<boolean>(5_000, 1000);

export async function categoryRequiresPhoto(exec: Executor, categoryId: string): Promise<boolean> {
  const hit = photoRequiredCache.get(categoryId);
  if (hit !== undefined) return hit;
  const required = (await repo.findCategory(exec, categoryId))?.photoRequired ?? false;
  photoRequiredCache.set(categoryId, required);
  return required;
}

/**
 * A subject's answer deadline in working days (null: none set), read by every action that starts a
 * deadline (accept, assign, reopen): cached per node for 5 s, like the photo rule above (an
 * admin's change reaches every node within that).
 */
const slaDaysCache = new TtlCache<number | null>(5_000, 1000);

export async function categorySlaDays(exec: Executor, categoryId: string): Promise<number | null> {
  const hit = slaDaysCache.get(categoryId);
  if (hit !== undefined) return hit;
  const days = (await repo.findCategory(exec, categoryId))?.slaDays ?? null;
  slaDaysCache.set(categoryId, days);
  return days;
}
