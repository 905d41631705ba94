import { appCacheDir } from '../../src/db/cache-files.ts';
import { extensionsBase } from '../../src/db/pglite-base.ts';
import { slimPostgisBundle } from '../../src/db/postgis-bundle.ts';

/**
 * The suite's start: initdb and the extensions, from the app's cache (src/db/pglite-base.ts), which
 * `vmeste prepare` fills at install, so a fresh machine does not make them a second time (~13 s of
 * CPU); migrations and the reference data go on top every run (template.ts).
 */
export const TEST_CACHE_DIR = appCacheDir();

export type PgliteBase = { postgisBundle: string; dataDir: Blob };

export async function pgliteBase(): Promise<PgliteBase> {
  const postgisBundle = slimPostgisBundle(TEST_CACHE_DIR);
  if (!postgisBundle)
    throw new Error(
      `cannot write the slim PostGIS bundle to ${TEST_CACHE_DIR} (VMESTE_CACHE_DIR names a writable one)`,
    );
  return { postgisBundle, dataDir: await extensionsBase(TEST_CACHE_DIR, postgisBundle) };
}
