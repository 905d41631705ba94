import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { filterTar } from '../../src/db/postgis-bundle.ts';
import { slimDataDir } from '../support/slim-data-dir.ts';
import { runsOn } from '../support/suite-engine.ts';

/** The paths of a tar's entries, without a leading slash (filterTar shows each one to its filter). */
function entries(tar: Uint8Array): string[] {
  const names: string[] = [];
  filterTar(tar, (name) => {
    names.push(name.replace(/^\/+/, ''));
    return false;
  });
  return names;
}

describe.runIf(
  runsOn(
    ['pglite'],
    'pglite-slim-template',
    'checks the embedded database’s data directory dump that every PGlite test file loads',
  ),
)("the PGlite test template's slim dump", () => {
  it('keeps the checkpoint’s WAL and the data, drops the recycled WAL and the template databases, and opens', async () => {
    const source = await PGlite.create({ dataDir: 'memory://' });
    // A few megabytes of WAL and two checkpoints: segments are written, then recycled for later.
    await source.exec(`CREATE TABLE kept (id int PRIMARY KEY, note text);
                       INSERT INTO kept SELECT g, 'строка ' || g FROM generate_series(1, 5000) g;
                       CREATE TABLE churn AS SELECT g, repeat('x', 200) AS filler FROM generate_series(1, 40000) g;
                       CHECKPOINT;
                       DROP TABLE churn;
                       CHECKPOINT`);
    const { rows } = await source.query<{ redo: string; checkpoint: string }>(
      'SELECT pg_walfile_name(redo_lsn) AS redo, pg_walfile_name(checkpoint_lsn) AS checkpoint FROM pg_control_checkpoint()',
    );
    const full = new Uint8Array(await (await source.dumpDataDir('none')).arrayBuffer());
    await source.close();
    const keep = [rows[0]!.redo, rows[0]!.checkpoint];
    const slim = slimDataDir(full, keep, ['base/1', 'base/4']);

    const fullNames = entries(full);
    const slimNames = entries(slim);
    // The dump really had what is dropped: recycled segments and both template databases.
    expect(fullNames.filter((n) => /^pg_wal\/[0-9A-F]{24}$/.test(n)).length).toBeGreaterThan(1);
    expect(fullNames.some((n) => n.startsWith('base/1/'))).toBe(true);
    expect(slimNames.filter((n) => /^pg_wal\/[0-9A-F]{24}$/.test(n))).toEqual([
      ...new Set(keep.map((s) => `pg_wal/${s}`)),
    ]);
    expect(slimNames.some((n) => n.startsWith('base/1/') || n.startsWith('base/4/'))).toBe(false);
    // Everything else is there, byte for byte in order.
    expect(slimNames).toEqual(
      fullNames
        .filter((n) => !/^pg_wal\/[0-9A-F]{24}$/.test(n) || keep.some((s) => n === `pg_wal/${s}`))
        .filter(
          (n) => !n.startsWith('base/1/') && !n.startsWith('base/4/') && n !== 'base/1' && n !== 'base/4',
        ),
    );
    expect(slim.length).toBeLessThan(full.length / 2);

    // A copy from the slim dump starts, reads and writes.
    const copy = await PGlite.create({ dataDir: 'memory://', loadDataDir: new Blob([slim]) });
    try {
      const count = await copy.query<{ n: number }>('SELECT count(*)::int AS n FROM kept');
      expect(count.rows[0]!.n).toBe(5000);
      await copy.exec(`INSERT INTO kept VALUES (5001, 'новая'); CHECKPOINT`);
      const added = await copy.query<{ note: string }>('SELECT note FROM kept WHERE id = 5001');
      expect(added.rows[0]!.note).toBe('новая');
    } finally {
      await copy.close();
    }
  });
});
