/**
 * Reference data (territories, categories, organisations, routing rules): the public entry of the
 * module. The repository stays private; other modules read and seed reference rows through the
 * facades below (the presented lists for the API are the routes' business).
 */
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

export { categoryRequiresPhoto, categorySlaDays, forgetCategoryRules } from './category-rules.ts';
export { categoryWithSubjects, forgetExpansions, territoryWithChildren } from './expansions.ts';
