import os from 'node:os';
import path from 'node:path';
import { extensionsBase } from '../../src/db/pglite-base.ts';
import { slimPostgisBundle } from '../../src/db/postgis-bundle.ts';

/**
 * The suite's start: initdb and the extensions, cached in the OS temp directory (see
 * src/db/pglite-base.ts); migrations and the reference data go on top every run (template.ts).
 */
export const TEST_CACHE_DIR = path.join(os.tmpdir(), 'vmeste-test-cache');

export type PgliteBase = { postgisBundle: string; dataDir: Blob };

export async function pgliteBase(): Promise<PgliteBase> {
  const postgisBundle = slimPostgisBundle(TEST_CACHE_DIR);
  if (!postgisBundle) throw new Error(`cannot write the slim PostGIS bundle to ${TEST_CACHE_DIR}`);
  return { postgisBundle, dataDir: await extensionsBase(TEST_CACHE_DIR, postgisBundle) };
}
