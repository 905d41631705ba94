import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { withBundle } from '../../src/db/connection.ts';
import { buildSlimPostgisBundle } from './postgis-bundle.ts';

/**
 * A fresh PGlite database costs ~10 s of CPU before the first migration: initdb (~5 s) and
 * `CREATE EXTENSION postgis` (~5 s, a 7 MB script). Both depend only on the PGlite and PostGIS
 * packages, never on the app, so their result — a data directory — is kept in the OS temp
 * directory, keyed by a hash of exactly those inputs. The app's own migrations and seed always run
 * on top of it, every run (src/db/migrate.ts repeats the same `CREATE EXTENSION IF NOT EXISTS`; it
 * creates them for real on the PostgreSQL run, whose template starts empty).
 *
 * WAL segments are 1 MB instead of 16: a data directory keeps several whole segments, and every test
 * file's database is a copy of this one (measured: 68 → 47 MB to unpack per copy). Nothing in the
 * app or the tests can observe the segment size.
 */
const EXTENSIONS_SQL = `CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;`;

const CACHE_DIR = path.join(os.tmpdir(), 'vmeste-test-cache');

export type PgliteBase = { postgisBundle: string; dataDir: Blob };

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export async function pgliteBase(): Promise<PgliteBase> {
  const postgisBundle = buildSlimPostgisBundle();
  const key = createHash('sha256')
    .update(`pglite ${pgliteVersion()}\n`)
    .update(readFileSync(postgisBundle))
    .update(EXTENSIONS_SQL)
    .update('wal-segsize=1')
    .digest('hex')
    .slice(0, 16);
  const file = path.join(CACHE_DIR, `pglite-base-${key}.tar`);
  try {
    return { postgisBundle, dataDir: new Blob([readFileSync(file)]) };
  } catch {
    // Not built yet on this machine (or for these package versions).
  }
  const client = await PGlite.create({
    dataDir: 'memory://',
    extensions: { postgis: withBundle(postgis, postgisBundle), pg_trgm },
    initDbStartParams: ['--wal-segsize=1'],
  });
  await client.exec(EXTENSIONS_SQL);
  await client.exec('CHECKPOINT');
  const dataDir = await client.dumpDataDir('none');
  await client.close();
  // Written under a unique name and renamed: runs started together never read a half-written file.
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dataDir.arrayBuffer()));
  try {
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
  return { postgisBundle, dataDir };
}
