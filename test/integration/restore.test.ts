import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../bench/postgres-databases.ts';
import { type NodeProcess, nodeEnv, startNode, stopNode } from '../../bench/reliability/nodes.ts';
import { freePort } from '../../bench/reliability/ports.ts';
import { createTestApp, login, type Session, type TestApp } from '../support/app.ts';
import { citusTestMode } from '../support/citus.ts';
import { driveTo, fileReport, loginStaff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * A tested restore (issue 10, docs/operations.md "PostgreSQL: backups and upgrades"): a seeded
 * database is dumped with pg_dump, restored with pg_restore into a fresh database, and a real
 * `vmeste serve` process started on the copy serves the report page and the list, with every table's
 * row count as it was. The embedded database (PGlite) has no pg_dump: it is backed up by copying
 * its stopped data directory, which the crash tests already reopen.
 */
/**
 * On Citus the file's region is a distributed schema on the coordinator. The same test then checks
 * what docs/scale-out.md "Backups" promises for one region: `pg_dump --schema=<region>` through the
 * coordinator holds the region's rows (Citus answers the dump's COPY from the worker holding them),
 * and the dump restores into a fresh plain database (PostGIS and pg_trgm created first: a dump of one
 * schema carries no extension) that a `vmeste serve` serves. A whole cluster is backed up node by
 * node with a common restore point; that is not something a test file can do.
 */
const onCitus = citusTestMode();
const databaseUrl = process.env.DATABASE_URL;
const run = promisify(execFile);

if (!databaseUrl)
  console.warn(
    '[restore.test] SKIPPED on PGlite: pg_dump/pg_restore need a PostgreSQL server (set DATABASE_URL). ' +
      'The embedded database is backed up by copying its stopped DATA_DIR (docs/operations.md).',
  );

/** Every table of the database (all schemas the app uses) with its exact row count. */
async function rowCounts(url: string, schema?: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'tiger', 'topology')
          AND ($1::text IS NULL OR schemaname = $1)
        ORDER BY 1`,
      [schema ?? null],
    );
    const counts: Record<string, number> = {};
    for (const { t } of rows)
      counts[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]!.n);
    return counts;
  } finally {
    await client.end();
  }
}

describe.runIf(databaseUrl)('restore of a pg_dump into a fresh database', () => {
  let t: TestApp;
  let author: Session;
  let sourceUrl = '';
  const restoredName = `vmeste_restore_${process.pid}_${Date.now()}`;
  // The body is collected on PGlite too (then skipped): no URL to build there.
  const restoredUrl = databaseUrl ? withDatabase(databaseUrl, restoredName) : '';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-restore-'));
  let node: NodeProcess | null = null;
  let publicReport: { id: string };
  let privateReport: { id: string };
  const authorEmail = `restore-${process.pid}-${Date.now()}@example.org`;
  const PASSWORD = 'restore-password-2026';

  beforeAll(async () => {
    t = await createTestApp();
    const staff = await loginStaff(t);
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: authorEmail, password: PASSWORD, name: 'Автор Восстановления' },
    });
    expect(reg.statusCode).toBe(202);
    author = await login(t.app, authorEmail, PASSWORD);
    publicReport = await driveTo(t, staff, author, 'in_progress', {
      isPublic: true,
      text: 'Восстановление: не горит фонарь у дома 5',
    });
    privateReport = await fileReport(t, author, { isPublic: false, text: 'Восстановление: личное' });
    const { rows } = await t.database.executeSql('SELECT current_database() AS name');
    sourceUrl = withDatabase(databaseUrl ?? '', (rows[0] as { name: string }).name);
  }, scaled(120_000));

  afterAll(async () => {
    if (node) await stopNode(node);
    await t?.close();
    const admin = new pg.Client({ connectionString: withDatabase(databaseUrl ?? '') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'dumps, restores and serves the restored database',
    async () => {
      const dump = path.join(dir, 'vmeste.dump');
      // On Citus: the region's schema only (the coordinator's database holds the cluster's metadata,
      // the other regions and the job queues).
      const region = onCitus ? t.database.schema : undefined;
      await run('pg_dump', [
        '--format=custom',
        `--file=${dump}`,
        `--dbname=${sourceUrl}`,
        ...(region ? [`--schema=${region}`] : []),
      ]);
      expect(statSync(dump).size).toBeGreaterThan(10_000);

      const admin = new pg.Client({ connectionString: withDatabase(databaseUrl ?? '') });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${restoredName} TEMPLATE template0`);
      await admin.end();
      if (region) {
        const restored = new pg.Client({ connectionString: restoredUrl });
        await restored.connect();
        await restored.query('CREATE EXTENSION postgis; CREATE EXTENSION pg_trgm');
        await restored.end();
      }
      // --exit-on-error: a restore that skips an object (an extension, a trigger) fails the test.
      await run('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${restoredUrl}`, dump]);

      // Nothing lost: every table has the rows it had.
      const [before, after] = await Promise.all([
        rowCounts(sourceUrl, region),
        rowCounts(restoredUrl, region),
      ]);
      expect(Object.keys(after).length).toBeGreaterThan(40);
      expect(after).toEqual(before);

      // A real node on the restored database.
      const port = await freePort();
      node = await startNode(
        nodeEnv(
          { engine: 'postgres', url: restoredUrl, dataDir: dir },
          { REQUIRE_EMAIL_CONFIRMATION: 'false', ...(region ? { DB_SCHEMA: region } : {}) },
        ),
        port,
      );
      const base = `http://127.0.0.1:${port}`;
      const page = await fetch(`${base}/api/v1/reports/${publicReport.id}`);
      expect(page.status).toBe(200);
      expect(((await page.json()) as { text: string }).text).toContain('Восстановление: не горит фонарь');
      const list = (await (await fetch(`${base}/api/v1/reports?limit=100`)).json()) as {
        items: { id: string }[];
      };
      expect(list.items.map((r) => r.id)).toContain(publicReport.id);
      expect(list.items.map((r) => r.id)).not.toContain(privateReport.id);
      // Accounts came across too: the author signs in on the copy and opens their private report.
      // (Their old session is past its lifetime on the real clock: the test app's clock is in March.)
      expect(author.userId).toBeTruthy();
      const signIn = await fetch(`${base}/api/v1/session?mode=token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: authorEmail, password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      const { token } = (await signIn.json()) as { token: string };
      const own = await fetch(`${base}/api/v1/reports/${privateReport.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(own.status).toBe(200);
      expect((await fetch(`${base}/api/v1/reports/${privateReport.id}`)).status).toBe(404);
    },
    scaled(240_000),
  );
});
