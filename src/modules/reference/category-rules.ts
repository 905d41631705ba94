import type { Executor } from '../../db/connection.ts';
import { perDatabase, TtlCache } from '../../lib/ttl-cache.ts';
import * as repo from './reference.repo.ts';

type CategoryRules = { photoRequired: boolean; slaDays: number | null };

/**
 * A subject's rules read on hot paths — whether a report must carry a photo (every photo-less
 * submission) and its answer deadline in working days (every action that starts a deadline: accept,
 * assign, reopen) — cached per node for 5 s, per database (one process may serve several, as the
 * tests do, whose databases are copies with the same category ids). An admin's change clears this
 * node's at once (forgetCategoryRules) and reaches the other nodes within the 5 s (decision 0015).
 */
const categoryRules = perDatabase(() => new TtlCache<CategoryRules>(5_000, 1000));

/** `db` is the application's database (the cache's scope); `exec` reads, within a transaction if given. */
async function rulesOf(db: Executor, categoryId: string, exec: Executor): Promise<CategoryRules> {
  const cache = categoryRules.of(db);
  const hit = cache.get(categoryId);
  if (hit) return hit;
  const row = await repo.findCategory(exec, categoryId);
  const rules = { photoRequired: row?.photoRequired ?? false, slaDays: row?.slaDays ?? null };
  cache.set(categoryId, rules);
  return rules;
}

/** Whether a report of this subject must carry a photo (false for an unknown subject). */
export async function categoryRequiresPhoto(db: Executor, categoryId: string, exec = db): Promise<boolean> {
  return (await rulesOf(db, categoryId, exec)).photoRequired;
}

/** A subject's answer deadline in working days (null: none set). */
export async function categorySlaDays(db: Executor, categoryId: string, exec = db): Promise<number | null> {
  return (await rulesOf(db, categoryId, exec)).slaDays;
}

/** After an admin's change of categories: this node reads the subjects' rules again. */
export function forgetCategoryRules(db: Executor): void {
  categoryRules.forget(db);
}
