import type { Executor } from '../../db/connection.ts';
import * as repo from './reference.repo.ts';
import type { Category, Organisation, Territory } from './reference.schemas.ts';

export function presentCategory(c: repo.CategoryRow): Category {
  return {
    id: c.id,
    parentId: c.parentId,
    code: c.code,
    name: { ru: c.nameRu, en: c.nameEn },
    slaDays: c.slaDays,
    photoRequired: c.photoRequired,
  };
}

export async function listCategories(exec: Executor): Promise<Category[]> {
  return (await repo.listCategories(exec)).map(presentCategory);
}

export async function listTerritories(exec: Executor, withGeometry: boolean): Promise<Territory[]> {
  return (await repo.listTerritories(exec, withGeometry)).map((t) => ({
    id: t.id,
    parentId: t.parentId,
    kind: t.kind,
    code: t.code,
    name: { ru: t.nameRu, en: t.nameEn },
    center: { lat: Number(t.lat), lon: Number(t.lon) },
    ...(withGeometry && t.geometry ? { geometry: JSON.parse(t.geometry) as unknown } : {}),
  }));
}

/** Organisations are public bodies: their names and official contacts are public by design. */
export async function listOrganisations(exec: Executor): Promise<Organisation[]> {
  return (await repo.listOrganisations(exec)).map((o) => ({
    id: o.id,
    code: o.code,
    kind: o.kind,
    name: { ru: o.nameRu, en: o.nameEn },
    phone: o.phone,
    email: o.email,
    workingHours: o.workingHours,
    territoryIds: o.territoryIds,
    categoryIds: o.categoryIds,
  }));
}
