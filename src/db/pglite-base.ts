import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { appCacheDir, writeFileAtomically } from './cache-files.ts';
import { type Database, openPglite, withBundle } from './connection.ts';
import { listMigrations, migrate } from './migrate.ts';
import { slimPostgisBundle } from './postgis-bundle.ts';

/**
 * A fresh PGlite database costs ~10 s of CPU before the first migration (more on a loaded machine):
 * initdb (~5 s) and `CREATE EXTENSION postgis` (~5 s, a 7 MB script). Both depend only on the PGlite
 * and PostGIS packages, never on the app, so their result — a data directory, dumped as a tar — is
 * cached, keyed by a hash of exactly those inputs. On top of it, a second dump holds the app's
 * migrations in a given schema, keyed by the migrations as well: a new embedded installation loads it
 * (`loadDataDir`, ~1 s) instead of creating and migrating a cluster. The test suite uses the first
 * and migrates into it itself (test/support/template.ts).
 *
 * WAL segments are 1 MB instead of 16: a data directory keeps several whole segments, and every copy
 * of a base unpacks them (measured: 68 → 47 MB). Nothing in the app can observe the segment size.
 */
const EXTENSIONS_SQL = `CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;`;

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve(name));
  // The entry point sits in dist/ (or deeper); the manifest is in the package's root.
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version: string;
      };
      if (manifest.name === name) return manifest.version;
    } catch {
      // no manifest at this level
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the version of ${name}`);
    dir = parent;
  }
}

function key(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\n');
  return hash.digest('hex').slice(0, 16);
}

function extensionsBaseFile(cacheDir: string, postgisBundle: string): string {
  // The bundle's file name carries the hash of its content (see slimPostgisBundle).
  const k = key(
    `pglite ${packageVersion('@electric-sql/pglite')}`,
    path.basename(postgisBundle),
    EXTENSIONS_SQL,
    'wal-segsize=1',
  );
  return path.join(cacheDir, `pglite-base-${k}.tar`);
}

function migratedBaseFile(cacheDir: string, postgisBundle: string, schema: string): string {
  const base = path.basename(extensionsBaseFile(cacheDir, postgisBundle));
  const k = key(base, `schema ${schema}`, JSON.stringify(listMigrations()));
  return path.join(cacheDir, `pglite-migrated-${k}.tar`);
}

function readCached(file: string): Blob | null {
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    return null; // not built yet here, or for other package versions or migrations
  }
}

async function saveDump(client: PGlite, file: string): Promise<Blob> {
  // Without a checkpoint every copy would replay the WAL of the work when it starts.
  await client.exec('CHECKPOINT');
  const dump = await client.dumpDataDir('none');
  writeFileAtomically(file, new Uint8Array(await dump.arrayBuffer()));
  return dump;
}

/** initdb plus the extensions, from the cache or made now (and cached when the directory allows). */
export async function extensionsBase(cacheDir: string, postgisBundle: string): Promise<Blob> {
  const file = extensionsBaseFile(cacheDir, postgisBundle);
  const cached = readCached(file);
  if (cached) return cached;
  const client = await PGlite.create({
    dataDir: 'memory://',
    extensions: { postgis: withBundle(postgis, postgisBundle), pg_trgm },
    initDbStartParams: ['--wal-segsize=1'],
  });
  await client.exec(EXTENSIONS_SQL);
  const dump = await saveDump(client, file);
  await client.close();
  return dump;
}

/** The migrated, empty database for `schema` when it is cached; never builds it (see buildMigratedBase). */
export function cachedMigratedBase(cacheDir: string, postgisBundle: string, schema: string): Blob | null {
  return readCached(migratedBaseFile(cacheDir, postgisBundle, schema));
}

/** Builds and caches the migrated, empty database for `schema` (at install: `vmeste prepare`). */
export async function buildMigratedBase(
  cacheDir: string,
  postgisBundle: string,
  schema: string,
): Promise<void> {
  const file = migratedBaseFile(cacheDir, postgisBundle, schema);
  if (readCached(file)) return;
  const { database, client } = await openPglite({
    dataDir: 'memory://',
    schema,
    loadDataDir: await extensionsBase(cacheDir, postgisBundle),
    postgisBundle,
  });
  await migrate(database, schema);
  await saveDump(client, file);
  await database.close();
}

/**
 * The app's embedded database in `dataDir`: with the cached slim PostGIS bundle, and, when the
 * directory is new and `vmeste prepare` left a migrated base for these packages and migrations,
 * started from that base. Without a cache it is the slow path (initdb, PostGIS, every migration),
 * never a failure. The caller still runs `migrate`, which then finds nothing to do.
 */
export async function openEmbeddedDatabase(opts: {
  dataDir: string;
  schema: string;
  cacheDir?: string;
}): Promise<{ database: Database; fromBase: boolean }> {
  const cacheDir = opts.cacheDir ?? appCacheDir();
  const postgisBundle = slimPostgisBundle(cacheDir);
  const fresh = !existsSync(path.join(opts.dataDir, 'PG_VERSION'));
  const base = fresh && postgisBundle ? cachedMigratedBase(cacheDir, postgisBundle, opts.schema) : null;
  const { database } = await openPglite({
    dataDir: opts.dataDir,
    schema: opts.schema,
    ...(postgisBundle ? { postgisBundle } : {}),
    ...(base ? { loadDataDir: base } : {}),
  });
  return { database, fromBase: base !== null };
}
