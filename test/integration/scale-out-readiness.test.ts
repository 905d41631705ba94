import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertRegionSchemaDistributed,
  citusPresent,
  ensureRegionSchema,
  withSchemaShardingOff,
} from '../../src/db/citus.ts';
import { quoteIdent } from '../../src/db/connection.ts';
import { hit } from '../../src/modules/platform/rate-limit.repo.ts';
import { createTestApp, newResident, type TestApp } from '../support/app.ts';
import { fileReport, rows } from '../support/reports.ts';

/**
 * What a Citus schema-sharded cluster requires of the application (docs/scale-out.md), checked on
 * whichever database the suite runs: the same code must keep working on PGlite and plain PostgreSQL.
 */
describe('scale-out readiness', () => {
  let t: TestApp;
  const onCitus = process.env.VMESTE_TEST_CITUS === '1';
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts rate-limit hits with a cut-off bound from the caller: a window lasts exactly windowMs', async () => {
    const db = t.database.db;
    const start = new Date('2026-03-02T09:00:00Z');
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await hit(db, 'scale-out:k', 60_000, start)).toEqual({ count: 1, windowStart: start });
    expect(await hit(db, 'scale-out:k', 60_000, at(59_999))).toEqual({ count: 2, windowStart: start });
    expect(await hit(db, 'scale-out:k', 60_000, at(60_000))).toEqual({ count: 1, windowStart: at(60_000) });
    expect(await hit(db, 'scale-out:k', 60_000, at(60_001))).toEqual({ count: 2, windowStart: at(60_000) });
  });

  it('fills the webhook outbox from a session whose search_path lacks the region schema (as on a worker)', async () => {
    const resident = await newResident(t.app);
    const report = await fileReport(t, resident);
    const schema = quoteIdent(t.database.schema);
    await rows(
      t,
      sql`INSERT INTO webhook_endpoints (url, events, secret) VALUES
      ('https://sed.example.org/hook', ARRAY['report.updated'], 'secret-of-the-readiness-test')`,
    );
    try {
      await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL search_path TO pg_catalog`);
        // Two rows in one statement: the trigger copies each of them from the transition table.
        await tx.execute(
          sql.raw(`INSERT INTO ${schema}.report_events (report_id, type, actor_role, is_public, payload, created_at)
                   SELECT '${report.id}'::uuid, 'commented', 'system', TRUE, '{}'::jsonb, now()
                   FROM generate_series(1, 2)`),
        );
      });
      const outbox = await rows<{ n: number }>(
        t,
        sql`SELECT count(*)::int AS n FROM webhook_outbox WHERE report_id = ${report.id}`,
      );
      expect(Number(outbox[0]!.n)).toBe(2);
    } finally {
      await rows(t, sql`DELETE FROM webhook_outbox`);
      await rows(t, sql`DELETE FROM webhook_endpoints`);
    }
  });

  it("defers the import claim's foreign key to the commit", async () => {
    const fk = await rows<{ deferrable: boolean; deferred: boolean }>(
      t,
      sql`SELECT c.condeferrable AS deferrable, c.condeferred AS deferred
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
          WHERE n.nspname = ${t.database.schema} AND c.conname = 'report_imports_report_id_reports_id_fk'`,
    );
    expect(fk).toEqual([{ deferrable: true, deferred: true }]);
  });

  it('gives every table a primary key or a replica identity, so a region can move online', async () => {
    // citus_schema_move replicates logically and refuses the whole move for one table without
    // (test/citus/region-move.citus.ts does the move; this catches a new table on every database).
    const missing = await rows<{ name: string }>(
      t,
      sql`SELECT c.relname AS name FROM pg_class c
          WHERE c.relnamespace = ${t.database.schema}::regnamespace AND c.relkind = 'r'
            AND c.relreplident NOT IN ('f', 'i')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
          ORDER BY 1`,
    );
    expect(missing.map((r) => r.name)).toEqual([]);
  });

  it('detects Citus only where it is installed, and accepts the region schema it runs in', async () => {
    expect(await citusPresent(t.database)).toBe(onCitus);
    await expect(assertRegionSchemaDistributed(t.database, t.database.schema)).resolves.toBeUndefined();
    // Idempotent: migrating again over an existing region schema changes nothing.
    await expect(ensureRegionSchema(t.database, t.database.schema)).resolves.toBeUndefined();
  });

  it("turns schema-based sharding off only for the job queue's own command scripts", () => {
    expect(withSchemaShardingOff('BEGIN; CREATE SCHEMA IF NOT EXISTS pgboss; COMMIT;', undefined)).toBe(
      'SET LOCAL citus.enable_schema_based_sharding = off;\nBEGIN; CREATE SCHEMA IF NOT EXISTS pgboss; COMMIT;',
    );
    expect(withSchemaShardingOff('SELECT $1::int', [1])).toBe('SELECT $1::int');
  });
});
