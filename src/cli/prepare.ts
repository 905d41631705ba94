import { appCacheDir } from '../db/cache-files.ts';
import { buildMigratedBase } from '../db/pglite-base.ts';
import { slimPostgisBundle } from '../db/postgis-bundle.ts';
import { buildWebInBackground } from './build-web.ts';

/** Truthy values of VMESTE_SKIP_PREPARE. */
const SKIP = new Set(['1', 'true', 'yes']);

/**
 * Install-time work (`npm install` runs it as the package's `prepare` script), so that the first
 * `npm start` does not pay for it: the web app is built (in a child process, unless web/dist already
 * matches its sources) while the embedded database's migrated empty base is made and cached. Nothing
 * here may fail an install: a missing cache only means the slow path at the first start.
 * VMESTE_SKIP_PREPARE=1 skips it (production images that use PostgreSQL and build the web app
 * themselves); with DATABASE_URL set only the web app is built.
 */
export async function runPrepare(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (SKIP.has((env.VMESTE_SKIP_PREPARE ?? '').toLowerCase())) {
    console.log('vmeste prepare: skipped (VMESTE_SKIP_PREPARE).');
    return;
  }
  const started = performance.now();
  const web = await buildWebInBackground().catch((err: unknown) => ({ done: Promise.reject(err) }));
  const webDone = (web?.done ?? Promise.resolve()).then(
    () => 'the web app is built',
    (err: unknown) => `the web app could not be built (npm start will try again): ${message(err)}`,
  );
  let base = 'no embedded database base (DATABASE_URL is set)';
  if (!env.DATABASE_URL) {
    const cacheDir = appCacheDir(env);
    try {
      const bundle = slimPostgisBundle(cacheDir);
      if (!bundle) throw new Error(`${cacheDir} cannot be written`);
      await buildMigratedBase(cacheDir, bundle, env.DB_SCHEMA || 'public');
      base = 'the embedded database base is ready';
    } catch (err) {
      base = `no embedded database base (the first start will create the database): ${message(err)}`;
    }
  }
  const parts = [base, await webDone];
  console.log(
    `vmeste prepare: ${parts.join('; ')} (${((performance.now() - started) / 1000).toFixed(1)} s).`,
  );
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
