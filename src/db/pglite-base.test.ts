import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CACHE_DIR } from '../../test/support/pglite-base.ts';
import { runsOn } from '../../test/support/suite-engine.ts';
import { scaled } from '../../test/support/timeouts.ts';
import { queryRows } from './connection.ts';
import { migrate } from './migrate.ts';
import { buildMigratedBase, cachedMigratedBase, openEmbeddedDatabase } from './pglite-base.ts';
import { slimPostgisBundle } from './postgis-bundle.ts';

// How `serve` opens a new PGlite directory: the embedded run covers it (with DATABASE_URL it would
// repeat that run's work exactly).
const runs = runsOn(
  ['pglite'],
  'pglite-base',
  'about the embedded database alone, which a PostgreSQL run does not use',
);

describe.runIf(runs)('the migrated PGlite base', () => {
  let dir: string;
  let bundle: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vmeste-base-'));
    const b = slimPostgisBundle(TEST_CACHE_DIR);
    if (!b) throw new Error('the slim PostGIS bundle could not be written');
    bundle = b;
    await buildMigratedBase(TEST_CACHE_DIR, bundle, 'public');
  }, scaled(120_000));

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is keyed by the schema: another region schema has no base until one is built', () => {
    expect(cachedMigratedBase(TEST_CACHE_DIR, bundle, 'public')).not.toBeNull();
    expect(cachedMigratedBase(TEST_CACHE_DIR, bundle, 'region_never_built')).toBeNull();
  });

  it(
    'starts a new data directory migrated, and a restart opens that directory, not the base',
    async () => {
      const dataDir = path.join(dir, 'pglite');
      const first = await openEmbeddedDatabase({ dataDir, schema: 'public', cacheDir: TEST_CACHE_DIR });
      expect(first.fromBase).toBe(true);
      expect(await migrate(first.database, 'public')).toEqual([]);
      // PostGIS works from the slim bundle, and what is written stays in the directory.
      const [point] = await queryRows<{ wkt: string }>(
        first.database.db,
        sql`SELECT ST_AsText(ST_MakePoint(30.3, 59.9)) AS wkt`,
      );
      expect(point?.wkt).toBe('POINT(30.3 59.9)');
      await first.database.execScript(
        'CREATE TABLE restart_probe (n int); INSERT INTO restart_probe VALUES (7);',
      );
      await first.database.close();

      const again = await openEmbeddedDatabase({ dataDir, schema: 'public', cacheDir: TEST_CACHE_DIR });
      expect(again.fromBase).toBe(false);
      const rows = await queryRows<{ n: number }>(again.database.db, sql`SELECT n FROM restart_probe`);
      expect(rows).toEqual([{ n: 7 }]);
      await again.database.close();
    },
    scaled(120_000),
  );
});
