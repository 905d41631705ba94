import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../src/db/connection.ts';
import { vacuumAndAnalyseDue } from '../../src/db/embedded-maintenance.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * PGlite runs PostgreSQL in single-user mode, without autovacuum: a table's statistics stayed those
 * of the seed and no dead row was ever reclaimed. The app now does autovacuum's work on the embedded
 * database (src/db/embedded-maintenance.ts); on PostgreSQL it leaves it to autovacuum.
 */
describe("the embedded database's upkeep", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  type Stats = {
    vacuums: number;
    analyses: number;
    dead: number;
    reltuples: number;
    allVisible: number;
  };
  const stats = async (table: string): Promise<Stats> => {
    // Counters reach the statistics views at the end of a statement, at most once a second unless forced.
    await t.database.executeSql('SELECT pg_stat_force_next_flush()');
    const { rows } = await t.database.executeSql(
      `SELECT s.vacuum_count::int AS vacuums, s.analyze_count::int AS analyses, s.n_dead_tup::int AS dead,
              c.reltuples::int AS reltuples, c.relallvisible::int AS "allVisible"
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
       WHERE s.schemaname = $1 AND s.relname = $2`,
      [t.database.schema, table],
    );
    return rows[0] as Stats;
  };

  it('vacuums and analyses what autovacuum would have, once, and leaves PostgreSQL to autovacuum', async () => {
    const table = `${quoteIdent(t.database.schema)}.upkeep_probe`;
    // As the catalog names it (quote_ident quotes only where needed).
    const listed = `${t.database.schema}.upkeep_probe`;
    await t.database.execScript(
      `CREATE TABLE ${table} (id int PRIMARY KEY, v text);
       INSERT INTO ${table} SELECT g, 'before' FROM generate_series(1, 3000) g;
       UPDATE ${table} SET v = 'after' WHERE id <= 1000;`,
    );
    if (t.database.engine !== 'pglite') {
      expect(await vacuumAndAnalyseDue(t.database)).toEqual([]);
      return;
    }
    expect(await stats('upkeep_probe')).toMatchObject({ vacuums: 0, analyses: 0, dead: 1000, allVisible: 0 });

    const steps = await vacuumAndAnalyseDue(t.database);
    expect(steps).toContainEqual({ table: listed, vacuumed: true, analysed: true });
    const after = await stats('upkeep_probe');
    expect(after).toMatchObject({ vacuums: 1, analyses: 1, dead: 0, reltuples: 3000 });
    // Pages marked all-visible: what lets an index-only scan skip the table.
    expect(after.allVisible).toBeGreaterThan(0);

    // Done: the next round leaves the table alone until enough changes again (400 rows: over the
    // analysis's 50 + 10 %, under the vacuum's 50 + 20 %).
    expect((await vacuumAndAnalyseDue(t.database)).map((s) => s.table)).not.toContain(listed);
    await t.database.execScript(`UPDATE ${table} SET v = 'again' WHERE id <= 400`);
    await stats('upkeep_probe');
    expect(await vacuumAndAnalyseDue(t.database)).toContainEqual({
      table: listed,
      vacuumed: false,
      analysed: true,
    });
    expect(await stats('upkeep_probe')).toMatchObject({ vacuums: 1, analyses: 2 });
  });
});
