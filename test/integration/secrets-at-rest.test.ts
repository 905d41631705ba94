import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { isSealed, SecretBox } from '../../src/lib/secret-box.ts';
import { sealPlainWebhookSecrets } from '../../src/modules/webhooks/index.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openMigratedDatabase } from '../../src/server/database.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { loginStaff, type Staff } from '../support/reports.ts';

/**
 * Webhook secrets written before encryption at rest (plain text in `webhook_endpoints.secret`) are
 * sealed when a node starts, not left plain until someone rotates them (docs/security.md).
 */
const KEY = 'a'.repeat(64);
let t: TestApp;
let staff: Staff;

beforeAll(async () => {
  t = await createTestApp({ SECRETS_KEY: KEY });
  staff = await loginStaff(t);
});
afterAll(() => t.close());

async function endpointWithPlainSecret(plain: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/webhooks',
    headers: staff.admin.headers,
    payload: { url: 'https://example.org/hook', events: ['report.created'] },
  });
  expect(res.statusCode).toBe(201);
  const id = (res.json() as { endpoint: { id: string } }).endpoint.id;
  // As a row written by a version before encryption looks.
  await t.database.db.execute(sql`UPDATE webhook_endpoints SET secret = ${plain} WHERE id = ${id}`);
  return id;
}

const stored = async (id: string) =>
  (
    await queryRows<{ secret: string }>(
      t.database.db,
      sql`SELECT secret FROM webhook_endpoints WHERE id = ${id}`,
    )
  )[0]!.secret;

describe('sealing plain webhook secrets at start', () => {
  it('seals every plain secret once, keeps its value, and changes nothing the second time', async () => {
    const plain = 'whsec_written-before-encryption-0123456789abcdef';
    const id = await endpointWithPlainSecret(plain);
    const box = new SecretBox(Buffer.from(KEY, 'hex'));
    expect(await sealPlainWebhookSecrets(t.database.db, box)).toBeGreaterThanOrEqual(1);
    const sealed = await stored(id);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain(plain);
    expect(box.open(sealed)).toBe(plain);
    // The app's own box (the same key) signs with it; the admin still sees the same hint.
    expect(t.app.ctx.secrets.open(sealed)).toBe(plain);
    const shown = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/webhooks/${id}`,
      headers: staff.admin.headers,
    });
    expect(shown.json()).toMatchObject({ secretHint: `…${plain.slice(-4)}` });
    // Idempotent: a second start (or a second node) seals nothing and leaves the row as it is.
    expect(await sealPlainWebhookSecrets(t.database.db, box)).toBe(0);
    expect(await stored(id)).toBe(sealed);
    const all = await queryRows<{ secret: string }>(t.database.db, sql`SELECT secret FROM webhook_endpoints`);
    expect(all.filter((r) => !isSealed(r.secret))).toEqual([]);
  });

  // The start itself (openMigratedDatabase, which `serve` and the cluster primary call): it needs to
  // reopen the test's database by URL, which only PostgreSQL allows (the PGlite copy is in memory).
  it.runIf(Boolean(process.env.DATABASE_URL))('is done by the start of a node (PostgreSQL)', async () => {
    const plain = 'whsec_another-old-plain-secret-0123456789abcdef';
    const id = await endpointWithPlainSecret(plain);
    const { rows } = await t.database.executeSql('SELECT current_database() AS name');
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${(rows[0] as { name: string }).name}`;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-seal-'));
    const database = await openMigratedDatabase(
      loadConfig({
        DATABASE_URL: url.toString(),
        // On Citus the file's region schema (a distributed one); `public` on PostgreSQL.
        DB_SCHEMA: t.database.schema,
        DATA_DIR: dataDir,
        SECRETS_KEY: KEY,
        LOG_LEVEL: 'silent',
      }),
    );
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    const sealed = await stored(id);
    expect(isSealed(sealed)).toBe(true);
    expect(t.app.ctx.secrets.open(sealed)).toBe(plain);
  });
  if (!process.env.DATABASE_URL)
    console.warn(
      '[secrets-at-rest] the start-of-node case runs on PostgreSQL only (it reopens the database by URL)',
    );
});
