import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text as textColumn } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Database,
  pgliteDatabase,
  queryRows,
  queryRowsBuiltOnce,
  queryRowsPrepared,
} from '../../src/db/connection.ts';
import { runsOn } from '../support/suite-engine.ts';
import { openTestDatabase } from '../support/template.ts';

/**
 * Prepared statements give what unnamed ones give, on every database: pg prepares a named statement
 * per connection; on the embedded database src/db/pglite-prepared.ts prepares any statement text
 * from its second run, per handle (PGlite's own `query` ignores names and plans every call again).
 */
const namedProbe = pgTable('named_probe', {
  id: integer('id').primaryKey(),
  label: textColumn('label').notNull(),
});

describe('named prepared statements', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(inject('dbTemplate'));
    await database.execScript(`CREATE TABLE named_probe (id int PRIMARY KEY, label text NOT NULL)`);
  });
  afterAll(() => database.close());

  // Every kind of value the app's statements bind and read.
  const sample = (id: number) => sql`
    SELECT ${id}::int AS n, 9007199254740993::int8 AS big, 'ёлка'::text AS word, NULL::text AS nothing,
      true AS yes, ${'2026-03-02T09:00:00Z'}::timestamptz AS at, DATE '2026-03-02' AS day,
      interval '3 days' AS span, ${JSON.stringify({ a: [1, 'б'] })}::jsonb AS doc,
      ARRAY[1, 2]::int[] AS ints, ${sql.param(['x', 'y,z'])}::text[] AS words,
      ARRAY[TIMESTAMPTZ '2026-03-02 09:00:00Z'] AS stamps, 12.50::numeric AS amount,
      '8f14e45f-ceea-467f-a8f5-5b2e3c8a1d10'::uuid AS id, decode('00ff', 'hex') AS raw,
      ST_AsText(ST_SetSRID(ST_MakePoint(30.3, 59.9), 4326)) AS point`;

  it('gives the rows an unnamed statement gives, for every type, on every call', async () => {
    const unnamed = await queryRows(database.db, sample(7));
    for (let call = 0; call < 7; call++)
      expect(await queryRowsPrepared(database.db, 'named_probe_sample', sample(7))).toEqual(unnamed);
    // Placeholders filled per call, the text built once.
    for (const id of [1, 2]) {
      const rows = await queryRowsBuiltOnce<{ n: number }>(
        database.db,
        'named_probe_placeholder',
        () => sql`SELECT ${sql.placeholder('id')}::int AS n`,
        { id },
      );
      expect(rows).toEqual([{ n: id }]);
    }
  });

  it('is prepared on the connection or instance that ran it', async () => {
    const text = 'SELECT $1::int AS one';
    const prepared = await database.db.transaction(async (tx) => {
      // pg prepares a named statement at once; PGlite any statement from its second run.
      for (let i = 0; i < 2; i++)
        await queryRowsPrepared(tx, 'named_probe_in_tx', sql`SELECT ${i}::int AS one`);
      return queryRows<{ name: string }>(
        tx,
        sql`SELECT name FROM pg_prepared_statements WHERE statement = ${text}`,
      );
    });
    expect(prepared).toHaveLength(1);
    if (database.engine === 'postgres') expect(prepared[0]!.name).toBe('named_probe_in_tx');
  });

  it("keeps a transaction's writes together, and fails as an unnamed statement does", async () => {
    const insert = (id: number) =>
      sql`INSERT INTO named_probe (id, label) VALUES (${id}, ${`row ${id}`}) RETURNING id`;
    await expect(
      database.db.transaction(async (tx) => {
        await queryRowsPrepared(tx, 'named_probe_insert', insert(1));
        await queryRowsPrepared(tx, 'named_probe_insert', insert(1));
      }),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await queryRows(database.db, sql`SELECT id FROM named_probe`)).toEqual([]);
    // The statement stays usable after the error, inside and outside a transaction.
    expect(await queryRowsPrepared(database.db, 'named_probe_insert', insert(2))).toEqual([{ id: 2 }]);
    await database.db.transaction((tx) => queryRowsPrepared(tx, 'named_probe_insert', insert(3)));
    expect(await queryRows(database.db, sql`SELECT id FROM named_probe ORDER BY id`)).toEqual([
      { id: 2 },
      { id: 3 },
    ]);
  });

  it('prepares nothing from a statement that does not parse, and reports the error', async () => {
    const broken = sql`SELECT no_such_column FROM named_probe`;
    for (let i = 0; i < 2; i++)
      await expect(queryRowsPrepared(database.db, 'named_probe_broken', broken)).rejects.toMatchObject({
        cause: { code: '42703' },
      });
  });

  it('runs a name first used by several requests at once', async () => {
    const rows = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        queryRowsPrepared(database.db, 'named_probe_together', sql`SELECT ${n}::int AS n`),
      ),
    );
    expect(rows).toEqual([1, 2, 3, 4, 5].map((n) => [{ n }]));
  });

  describe.runIf(
    runsOn(['pglite'], 'pglite-prepared', 'prepares statements by their text on the embedded database'),
  )('on the embedded database', () => {
    it('prepares any statement from its second run, in and out of transactions, with both row modes', async () => {
      const text = 'SELECT count(*)::int AS n FROM named_probe WHERE id > $1';
      const preparedCount = async () =>
        (
          await queryRows<{ n: number }>(
            database.db,
            sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = ${text}`,
          )
        )[0]!.n;
      const count = (exec: Parameters<typeof queryRows>[0]) =>
        queryRows<{ n: number }>(exec, sql`SELECT count(*)::int AS n FROM named_probe WHERE id > ${0}`);
      expect(await count(database.db)).toEqual([{ n: 2 }]);
      expect(await preparedCount()).toBe(0);
      expect(await database.db.transaction((tx) => count(tx))).toEqual([{ n: 2 }]);
      expect(await preparedCount()).toBe(1);
      expect(await count(database.db)).toEqual([{ n: 2 }]);
      // The query builder reads rows as arrays.
      const builder = () =>
        database.db
          .select({ id: namedProbe.id, label: namedProbe.label })
          .from(namedProbe)
          .orderBy(namedProbe.id);
      for (let i = 0; i < 3; i++)
        expect(await builder()).toEqual([
          { id: 2, label: 'row 2' },
          { id: 3, label: 'row 3' },
        ]);
    });

    it('leaves a statement that binds its row count unprepared (a generic plan would not see it)', async () => {
      const text = 'SELECT id FROM named_probe ORDER BY id LIMIT $1';
      for (let i = 0; i < 3; i++)
        expect(await queryRows(database.db, sql`SELECT id FROM named_probe ORDER BY id LIMIT ${1}`)).toEqual([
          { id: 2 },
        ]);
      const rows = await queryRows(
        database.db,
        sql`SELECT name FROM pg_prepared_statements WHERE statement = ${text}`,
      );
      expect(rows).toEqual([]);
    });

    it('keeps two handles on one instance apart: each prepares under its own names', async () => {
      const client = await PGlite.create();
      try {
        const [a, b] = [await pgliteDatabase(client, 'public'), await pgliteDatabase(client, 'public')];
        for (const [handle, n] of [
          [a, 1],
          [b, 2],
          [a, 3],
          [b, 4],
        ] as const)
          expect(await queryRows(handle.db, sql`SELECT ${n}::int AS n`)).toEqual([{ n }]);
        const { rows } = await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
        expect(rows).toHaveLength(2);
        expect(new Set(rows.map((r) => r.name.split('_')[0])).size).toBe(2);
        // The kept test instance's next file: DEALLOCATE ALL, then a new handle prepares again.
        await client.exec('DEALLOCATE ALL');
        const next = await pgliteDatabase(client, 'public');
        for (const n of [5, 6]) expect(await queryRows(next.db, sql`SELECT ${n}::int AS n`)).toEqual([{ n }]);
      } finally {
        await client.close();
      }
    });
  });
});
