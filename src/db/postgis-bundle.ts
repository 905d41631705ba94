import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeFileAtomically } from './cache-files.ts';

/**
 * PGlite unpacks an extension's whole bundle into every new instance and compiles every `.so` in it.
 * The PostGIS bundle (95 MB unpacked) also carries raster, topology and the TIGER geocoder — three
 * WebAssembly libraries of ~16 MB each — and ~500 upgrade scripts; the app uses PostGIS core only
 * (`CREATE EXTENSION postgis` in the migrations). Every start of the embedded database pays for the
 * bundle it loads, so the app (and the test suite, whose every file opens an instance) loads a bundle
 * without those parts, built once and cached (measured: 4.8 → 2.4 s to open PGlite with PostGIS at
 * load 12). Core PostGIS is the same library as in production; an extension the bundle lacks fails
 * loudly with "extension ... is not available", it cannot pass by accident.
 */
const BLOCK = 512;

/**
 * What PostGIS core never reads: the other extensions, upgrade paths (postgis--<from>--<to>.sql)
 * and loose install scripts. Data, not code, because it keys the cached bundle (slimBundleName).
 */
const UNUSED_FILE_NAMES = [/(_raster|_topology|_tiger_geocoder)/, /--.+--/, /--unpackaged/];
const UNUSED_DIRECTORIES = ['share/postgresql/contrib/'];

export function isUnusedPostgisFile(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return (
    UNUSED_FILE_NAMES.some((pattern) => pattern.test(base)) ||
    UNUSED_DIRECTORIES.some((dir) => name.startsWith(dir))
  );
}

/**
 * The slim bundle's file name: a hash of the package's bundle and of what is left out of it. Not of
 * the filter's source text, which each transpiler prints differently: the name `vmeste prepare`
 * (tsx) cached the migrated base under must be the one a process started by Vitest computes.
 */
export function slimBundleName(original: Uint8Array): string {
  const key = createHash('sha256')
    .update(original)
    .update(JSON.stringify([UNUSED_FILE_NAMES.map((p) => p.source), UNUSED_DIRECTORIES]))
    .digest('hex');
  return `postgis-slim-${key.slice(0, 16)}.tar.gz`;
}

/** Keeps the entries of a plain ustar archive that `keep` accepts, copying their blocks unchanged. */
export function filterTar(tar: Uint8Array, keep: (name: string) => boolean): Buffer {
  const kept: Uint8Array[] = [];
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number) =>
      Buffer.from(header.subarray(from, to)).toString('latin1').replace(/\0.*$/s, '');
    const typeflag = field(156, 157);
    // Long names (GNU `L`, pax `x`/`g`) would need their next header read together: none in the bundle.
    if (typeflag === 'L' || typeflag === 'x' || typeflag === 'g') {
      throw new Error(`unsupported tar entry type ${typeflag}: rebuild the filter for this bundle`);
    }
    const prefix = field(345, 500);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = Number.parseInt(field(124, 136).trim() || '0', 8);
    const end = offset + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (keep(name)) kept.push(tar.subarray(offset, end));
    offset = end;
  }
  kept.push(new Uint8Array(BLOCK * 2)); // end-of-archive marker
  return Buffer.concat(kept);
}

function originalBundlePath(): string {
  const packageEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis');
  return path.join(path.dirname(packageEntry), 'postgis.tar.gz');
}

/**
 * The slim PostGIS bundle in `cacheDir`, built there when missing: its name carries a hash of the
 * package's bundle, so a PostGIS upgrade makes a new one. Returns null when it cannot be written (a
 * read-only install): the caller then loads the package's own bundle, slower but the same PostGIS.
 */
export function slimPostgisBundle(cacheDir: string): string | null {
  const original = readFileSync(originalBundlePath());
  const file = path.join(cacheDir, slimBundleName(original));
  if (existsSync(file)) return file;
  const slim = filterTar(gunzipSync(original), (name) => !isUnusedPostgisFile(name));
  // PGlite gunzips every bundle it loads; the fastest level keeps that cheap.
  return writeFileAtomically(file, gzipSync(slim, { level: 1 })) ? file : null;
}
