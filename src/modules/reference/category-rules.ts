import type { Executor } from '../../db/connection.ts';
import { perDatabase, TtlCache } from '../../lib/ttl-cache.ts';
import * as repo from './reference.repo.ts';

/**
 * A subject's rules read on hot paths — whether a report must carry a photo (every photo-less
 * submission) and its answer deadline in working days (every action that starts a deadline: accept,
 * assign, reopen) — cached per node for 5 s, per database (one process may serve several, as the
 * tests do, whose databases are copies with the same category ids). An admin's change clears this
 * node's at once (forgetCategoryRules) and reaches the other nodes within the 5 s (decision 0015).
 */
const categoryRules = perDatabase(() => ({
  photoRequired: new TtlCache<boolean>(5_000, 1000),
  slaDays: new TtlCache<number | null>(5_000, 1000),
}));

/** `db` is the application's database (the cache's scope); `exec` reads, within a transaction if given. */
export async function categoryRequiresPhoto(db: Executor, categoryId: string, exec = db): Promise<boolean> {
  const cache = categoryRules.of(db).photoRequired;
  const hit = cache.get(categoryId);
  if (hit !== undefined) return hit;
  const required = (await repo.findCategory(exec, categoryId))?.photoRequired ?? false;
  cache.set(categoryId, required);
  return required;
}

/** A subject's answer deadline in working days (null: none set); `db` and `exec` as above. */
export async function categorySlaDays(db: Executor, categoryId: string, exec = db): Promise<number | null> {
  const cache = categoryRules.of(db).slaDays;
  const hit = cache.get(categoryId);
  if (hit !== undefined) return hit;
  const days = (await repo.findCategory(exec, categoryId))?.slaDays ?? null;
  cache.set(categoryId, days);
  return days;
}

/** After an admin's change of categories: this node reads the subjects' rules again. */
export function forgetCategoryRules(db: Executor): void {
  categoryRules.forget(db);
}
