import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * PGlite unpacks an extension's whole bundle into every new instance and compiles every `.so` in it.
 * The PostGIS bundle (95 MB unpacked) also carries raster, topology and the TIGER geocoder — three
 * WebAssembly libraries of ~16 MB each — and ~500 upgrade scripts; the app uses PostGIS core only
 * (`CREATE EXTENSION postgis` in the migrations). Every test file opens its own instance, so the
 * suite builds a bundle without those parts once per run (measured: about 1 s of CPU less per
 * instance). Core PostGIS is the same library as in production; an extension the bundle lacks fails
 * loudly with "extension ... is not available", it cannot pass by accident.
 */
const BLOCK = 512;

/** What PostGIS core never reads: the other extensions, upgrade paths and loose install scripts. */
export function isUnusedPostgisFile(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return (
    /(_raster|_topology|_tiger_geocoder)/.test(base) ||
    /--.+--/.test(base) || // upgrade script: postgis--<from>--<to>.sql
    base.includes('--unpackaged') ||
    name.startsWith('share/postgresql/contrib/')
  );
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

/** Writes the slim PostGIS bundle to a temporary file and returns its path. */
export function buildSlimPostgisBundle(): string {
  const packageEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis');
  const original = gunzipSync(readFileSync(path.join(path.dirname(packageEntry), 'postgis.tar.gz')));
  const slim = filterTar(original, (name) => !isUnusedPostgisFile(name));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vmeste-postgis-')), 'postgis.tar.gz');
  // PGlite gunzips every bundle it loads; the fastest level keeps that cheap.
  writeFileSync(file, gzipSync(slim, { level: 1 }));
  return file;
}
