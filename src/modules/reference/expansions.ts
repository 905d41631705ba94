import type { Executor } from '../../db/connection.ts';
import { perDatabase, TtlCache } from '../../lib/ttl-cache.ts';
import * as repo from './reference.repo.ts';

/**
 * A topic's and a territory's ids with those directly under them (a topic and its subjects, a
 * municipality and its districts), for the lists' filters: asked on every filtered list, so cached
 * per node for 5 s and per database (one process may serve several, as the tests do). An admin's
 * change clears this node's at once (forgetExpansions) and reaches the others within the 5 s
 * (docs/decisions/0015).
 */
const expansions = perDatabase(() => new TtlCache<string[]>(5_000, 2_000));

async function expansion(
  db: Executor,
  key: string,
  load: (db: Executor) => Promise<string[]>,
): Promise<string[]> {
  const cache = expansions.of(db);
  const hit = cache.get(key);
  if (hit) return hit;
  const ids = await load(db);
  cache.set(key, ids);
  return ids;
}

/** A topic and its subjects (or a subject alone); empty when there is no such category. */
export function categoryWithSubjects(db: Executor, id: string): Promise<string[]> {
  return expansion(db, `category:${id}`, (exec) => repo.categoryWithSubjects(exec, id));
}

/** A territory and the territories directly in it; empty when there is no such territory. */
export function territoryWithChildren(db: Executor, id: string): Promise<string[]> {
  return expansion(db, `territory:${id}`, (exec) => repo.territoryWithChildren(exec, id));
}

/** After an admin's change of categories or territories: this node's expansions are read again. */
export function forgetExpansions(db: Executor): void {
  expansions.forget(db);
}
