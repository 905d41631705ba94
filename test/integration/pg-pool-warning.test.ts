import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropStore,
  freshStore,
  type NodeProcess,
  nodeEnv,
  type Store,
  sleep,
  startNode,
  stopNode,
} from '../../bench/reliability/nodes.ts';
import { freePort } from '../../bench/reliability/ports.ts';
import { openPostgres, queryRows } from '../../src/db/connection.ts';
import { OWN_PLAIN_DATABASE, runsOn } from '../support/suite-engine.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * pg 8 warns (and pg 9 will refuse) when a client is given a query while it still runs another: a
 * `Promise.all` over a transaction's executor did that (the notification dispatcher at start and
 * after every action, the answer checks at submit-answer, the routing-rule checks). A real
 * `vmeste serve` on PostgreSQL, driven through those paths; its output must not carry the warning.
 * (A process prints a deprecation once, so the check is on a fresh process, not on the test's own.)
 */
const onPostgres = runsOn(['postgres'], 'pg-pool-warning', OWN_PLAIN_DATABASE);
const DEMO_PASSWORD = 'demo-password-2026';
const WARNING = 'already executing a query';

describe.runIf(onPostgres)('the PostgreSQL pool under a running app', () => {
  let store: Store;
  let node: NodeProcess;

  beforeAll(async () => {
    store = await freshStore('postgres', `vmeste_pool_warning_${process.pid}`);
    node = await startNode(
      nodeEnv(store, { LOG_LEVEL: 'warn', REQUIRE_EMAIL_CONFIRMATION: 'false' }),
      await freePort(),
      [],
      '/api/ready',
    );
  }, scaled(240_000));

  afterAll(async () => {
    if (node) await stopNode(node);
    if (store) await dropStore(store);
  });

  async function call<T>(method: string, path: string, token: string | null, body?: object): Promise<T> {
    const res = await fetch(`http://127.0.0.1:${node.port}${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
  const signIn = async (email: string, password = DEMO_PASSWORD) =>
    (await call<{ token: string }>('POST', '/api/v1/session?mode=token', null, { email, password })).token;

  it('runs the queries given to one transaction at once in order, a failing one not stopping the next', async () => {
    if (store.engine !== 'postgres') throw new Error('a PostgreSQL store was expected');
    const { database } = openPostgres({ databaseUrl: store.url, schema: 'public', poolSize: 2 });
    try {
      const results = await database.db.transaction(async (tx) => {
        const one = (n: number) => queryRows<{ n: number }>(tx, sql`SELECT ${n}::int AS n, pg_sleep(0.01)`);
        return Promise.allSettled([
          one(1),
          queryRows(tx, sql`SAVEPOINT s1`),
          queryRows(tx, sql`SELECT 1 / 0`),
          queryRows(tx, sql`ROLLBACK TO SAVEPOINT s1`),
          one(2),
          one(3),
        ]);
      });
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      const values = results.map((r) =>
        r.status === 'fulfilled' ? (r.value as { n?: number }[])[0]?.n : null,
      );
      expect([values[0], values[4], values[5]]).toEqual([1, 2, 3]);
    } finally {
      await database.close();
    }
  });

  it(
    'never hands a client a second query while the first runs (no pg deprecation warning)',
    async () => {
      const email = `pool-${Date.now()}@example.org`;
      await call('POST', '/api/v1/users', null, { email, password: 'correct horse battery', name: 'Житель' });
      const [resident, moderator, operator] = [
        await signIn(email, 'correct horse battery'),
        await signIn('moderator@demo.vmeste.local'),
        await signIn('operator.light@demo.vmeste.local'),
      ];
      const categories = await call<{ items: { id: string; code: string }[] }>(
        'GET',
        '/api/v1/categories',
        null,
      );
      const streetLight = categories.items.find((c) => c.code === 'street-light')!.id;
      // Several reports walked through the actions at once: each commit kicks the dispatcher, whose
      // transaction loads the recipients; submit-answer runs the answer checks in its transaction.
      await Promise.all(
        Array.from({ length: 4 }, async (_, i) => {
          const report = await call<{ id: string }>('POST', '/api/v1/reports', resident, {
            categoryId: streetLight,
            text: `Не горит фонарь у дома ${i + 1} на Невском проспекте, темно вечером`,
            lat: 59.9343,
            lon: 30.3351,
          });
          const act = (token: string, action: string, body: object = {}) =>
            call('POST', `/api/v1/reports/${report.id}/actions/${action}`, token, body);
          await act(moderator, 'accept');
          await act(operator, 'start');
          await act(operator, 'draft-answer', { text: 'Светильник заменён бригадой.', result: 'solved' });
          await act(operator, 'submit-answer');
          await act(moderator, 'publish-answer');
          await call('GET', `/api/v1/reports/${report.id}`, resident);
        }),
      );
      // The dispatcher has told the author (so its transaction ran) before the output is read.
      for (let i = 0; i < 100; i++) {
        const mine = await call<{ items: unknown[] }>('GET', '/api/v1/notifications', resident);
        if (mine.items.length >= 4) break;
        await sleep(200);
      }
      const mine = await call<{ items: unknown[] }>('GET', '/api/v1/notifications', resident);
      expect(mine.items.length).toBeGreaterThanOrEqual(4);
      await sleep(500);
      expect(node.output()).not.toContain(WARNING);
    },
    scaled(120_000),
  );
});
