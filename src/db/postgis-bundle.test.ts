import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scaled } from '../../test/support/timeouts.ts';
import { isUnusedPostgisFile, slimBundleName } from './postgis-bundle.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the slim PostGIS bundle', () => {
  it('leaves out raster, topology, the geocoder and upgrade scripts, and keeps PostGIS core', () => {
    const dropped = [
      'lib/postgresql/postgis_raster-3.so',
      'share/postgresql/extension/postgis_topology--3.5.0.sql',
      'share/postgresql/extension/postgis--3.4.0--3.5.0.sql',
      'share/postgresql/extension/postgis--unpackaged--3.5.0.sql',
      'share/postgresql/contrib/postgis-3.5/spatial_ref_sys.sql',
    ];
    const kept = [
      'lib/postgresql/postgis-3.so',
      'share/postgresql/extension/postgis--3.5.0.sql',
      'share/postgresql/extension/postgis.control',
    ];
    expect(dropped.filter((n) => !isUnusedPostgisFile(n))).toEqual([]);
    expect(kept.filter(isUnusedPostgisFile)).toEqual([]);
  });

  it(
    'has the name `vmeste prepare` (run by tsx) cached it under, in a process Vitest started',
    () => {
      // Vitest and tsx print a function's source differently; a name keyed by it sent every test
      // that opens an embedded store to the slow path (initdb, PostGIS, every migration).
      const bundle = new TextEncoder().encode('the same bundle bytes');
      const script = `const m = await import('./src/db/postgis-bundle.ts');
        process.stdout.write(m.slimBundleName(new TextEncoder().encode('the same bundle bytes')));`;
      const fromTsx = execFileSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { cwd: repoRoot, encoding: 'utf8' },
      );
      expect(fromTsx).toBe(slimBundleName(bundle));
    },
    scaled(30_000),
  );
});
