import type { Executor } from '../../db/connection.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import * as repo from './reference.repo.ts';

/**
 * A topic's and a territory's ids with those directly under them (a topic and its subjects, a
 * municipality and its districts), for the lists' filters: asked on every filtered list, so cached
 * per node for 5 s and per database (one process may serve several, as the tests do). An admin's
 * change clears this node's at once (forgetExpansions) and reaches the others within the 5 s.
 */
const expansions = new WeakMap<object, { categories: TtlCache<string[]>; territories: TtlCache<string[]> }>();

function expansionsOf(db: object) {
  let caches = expansions.get(db);
  if (!caches) {
    caches = { categories: new TtlCache(5_000, 1000), territories: new TtlCache(5_000, 1000) };
    expansions.set(db, caches);
  }
  return caches;
}

/** A topic and its subjects (or a subject alone); empty when there is no such category. */
export async function categoryWithSubjects(db: Executor, id: string): Promise<string[]> {
  const cache = expansionsOf(db).categories;
  const hit = cache.get(id);
  if (hit) return hit;
  const ids = await repo.categoryWithSubjects(db, id);
  cache.set(id, ids);
  return ids;
}

/** A territory and the territories directly in it; empty when there is no such territory. */
export async function territoryWithChildren(db: Executor, id: string): Promise<string[]> {
  const cache = expansionsOf(db).territories;
  const hit = cache.get(id);
  if (hit) return hit;
  const ids = await repo.territoryWithChildren(db, id);
  cache.set(id, ids);
  return ids;
}

/** After an admin's change of categories or territories: this node's expansions are read again. */
export function forgetExpansions(db: Executor): void {
  expansions.delete(db);
}
