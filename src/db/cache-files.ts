import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromRepo } from '../lib/repo-root.ts';

/**
 * Where the work that depends only on the installed packages and the checkout (a slim PostGIS bundle,
 * a migrated empty embedded database) is kept between runs: `node_modules/.cache/vmeste`, next to the
 * packages whose versions key it, so a fresh install starts from an empty cache. VMESTE_CACHE_DIR
 * points it elsewhere (a read-only install, a shared build cache).
 */
export function appCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VMESTE_CACHE_DIR) return path.resolve(env.VMESTE_CACHE_DIR);
  return fromRepo('node_modules', '.cache', 'vmeste');
}

/**
 * Writes under a unique name and renames, so processes started together never read a half-written
 * file. False when the directory cannot be written: a cache is an optimisation, never a failure.
 */
export function writeFileAtomically(file: string, data: Uint8Array): boolean {
  const partial = `${file}.${process.pid}.partial`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(partial, data);
    renameSync(partial, file);
    return true;
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // the directory itself is unusable: nothing was written
    }
    return false;
  }
}
