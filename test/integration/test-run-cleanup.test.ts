import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../bench/postgres-databases.ts';
import { dropAbandonedCitusSchemas, holdRunLock } from '../support/citus.ts';
import { runsOn } from '../support/suite-engine.ts';
import { dropPostgresDatabases } from '../support/template.ts';

/**
 * The suites' own clean-up on a shared server: a run drops what it made, and the schemas of runs
 * killed before their teardown, never those of a run still going — even one whose process id starts
 * with the same digits (a LIKE pattern's "_" once matched them).
 */
describe.runIf(
  runsOn(
    ['postgres'],
    'test-run-cleanup',
    "checks how runs on a shared PostgreSQL server clean up after themselves: the embedded database is private to its run, and a Citus coordinator runs the same statements (its runs' global setup does this clean-up every time)",
  ),
)('the test runs clean up after themselves on a shared server', () => {
  const url = process.env.DATABASE_URL!;
  const run = `${Date.now() % 100_000}`;
  const client = new pg.Client({ connectionString: url });
  const made: string[] = [];

  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    if (made.length > 0)
      await client.query(`DROP SCHEMA IF EXISTS ${made.map((s) => `"${s}"`).join(', ')} CASCADE`);
    await client.end();
  });

  const schemasLike = async (prefix: string) =>
    (
      await client.query<{ nspname: string }>(
        'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY nspname',
        [prefix],
      )
    ).rows.map((r) => r.nspname);

  it('drops the schemas of a run that holds no lock, and keeps those of a run that does', async () => {
    // Three runs' prefixes: one killed (no lock), one alive whose id starts with the killed one's,
    // and this test's own.
    const killed = `vmeste_t9${run}_`;
    const alive = `vmeste_t9${run}1_`;
    const own = `vmeste_t8${run}_`;
    for (const schema of [`${killed}f1`, `pgboss_${killed}f1`, `${alive}f1`, `${own}f1`]) {
      await client.query(`CREATE SCHEMA "${schema}"`);
      made.push(schema);
    }
    const aliveLock = await holdRunLock(url, alive);
    try {
      const dropped = await dropAbandonedCitusSchemas(url, own);
      expect(dropped).toContain(killed);
      expect(dropped).not.toContain(alive);
      expect(await schemasLike(killed)).toEqual([]);
      expect(await schemasLike(`pgboss_${killed}`)).toEqual([]);
      expect(await schemasLike(alive)).toEqual([`${alive}f1`]);
      expect(await schemasLike(own)).toEqual([`${own}f1`]);
    } finally {
      await aliveLock.release();
    }
  });

  it("drops a run's template database and its copies, not another run's that shares its first digits", async () => {
    const admin = new pg.Client({ connectionString: withDatabase(url) });
    await admin.connect();
    const mine = `vmeste_cleanup_${run}`;
    const other = `vmeste_cleanup_${run}1`;
    const names = [mine, `${mine}_f1_0`, other, `${other}_f1_0`];
    try {
      for (const name of names) await admin.query(`CREATE DATABASE ${name}`);
      await dropPostgresDatabases(url, mine);
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY datname',
        [names],
      );
      expect(rows.map((r) => r.datname)).toEqual([other, `${other}_f1_0`]);
    } finally {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });
});
