import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startReceiver } from '../../bench/reliability/crash.ts';
import {
  dropStore,
  freshStore,
  type NodeProcess,
  nodeEnv,
  openStore,
  type Store,
  sleep,
  startNode,
  stopNode,
} from '../../bench/reliability/nodes.ts';
import { freePort } from '../../bench/reliability/ports.ts';
import { queryRows } from '../../src/db/connection.ts';
import { hashPassword } from '../../src/modules/identity/index.ts';
import { OWN_PLAIN_DATABASE, runsOn } from '../support/suite-engine.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * Several app processes over one PostgreSQL database behave as one platform (docs/operations.md):
 * `vmeste serve --workers 3` (node:cluster), and separate nodes as behind a reverse proxy. Real
 * processes: what one node keeps in memory, another does not see.
 */
const PASSWORD = 'several-nodes-password-1';
const onPostgres = runsOn(['postgres'], 'several-nodes: several nodes', OWN_PLAIN_DATABASE);
const onPglite = runsOn(
  ['pglite'],
  'several-nodes: the embedded database',
  'about the embedded database alone, which a PostgreSQL run does not use',
);

async function get(port: number, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The pid of the process that answered, over a new connection each time (no keep-alive reuse). */
function livePid(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/api/live', agent: false, timeout: scaled(5_000) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { pid: number }).pid),
        );
      })
      .on('timeout', () => reject(new Error(`/api/live did not answer within ${scaled(5)} s`)))
      .on('error', reject);
  });
}

async function signIn(port: number, email: string): Promise<string> {
  const res = await post(
    port,
    '/api/v1/session?mode=token',
    JSON.stringify({ email, password: PASSWORD }),
    {},
  );
  if (res?.status !== 200) throw new Error(`sign-in ${email}: ${res?.status} ${res?.body}`);
  return (JSON.parse(res.body) as { token: string }).token;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null>,
  timeoutMs: number,
  context: () => string = () => '',
): Promise<T> {
  const end = Date.now() + scaled(timeoutMs);
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`not within ${scaled(timeoutMs)} ms: ${what}\n${context()}`);
    await sleep(200);
  }
}

describe.runIf(onPostgres)('several nodes over one PostgreSQL', () => {
  let store: Store;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const nodes: NodeProcess[] = [];
  let category = '';
  const resident = `nodes-resident-${Date.now()}@example.org`;
  const moderator = `nodes-moderator-${Date.now()}@example.org`;
  const report = (token: string, i: number) =>
    post(
      nodes[0]!.port,
      '/api/v1/reports',
      JSON.stringify({
        categoryId: category,
        text: `Яма на дороге у дома ${i}, глубокая`,
        lat: 59.93,
        lon: 30.31,
      }),
      { authorization: `Bearer ${token}`, 'idempotency-key': `several-nodes-${i}` },
    );

  beforeAll(async () => {
    store = await freshStore('postgres', `vmeste_nodes_${process.pid}`);
    receiver = await startReceiver();
    const database = await openStore(store);
    try {
      const hash = await hashPassword(PASSWORD);
      await database.db.execute(sql`INSERT INTO users (email, password_hash, name, role) VALUES
        (${resident}, ${hash}, 'Nodes Resident', 'resident'), (${moderator}, ${hash}, 'Nodes Moderator', 'moderator')`);
      await database.db.execute(sql`INSERT INTO webhook_endpoints (url, events, secret)
        VALUES (${receiver.url}, ARRAY['report.created'], 'secret-of-the-several-nodes-test')`);
      const rows = await queryRows<{ id: string }>(
        database.db,
        sql`SELECT id FROM categories WHERE parent_id IS NOT NULL AND is_active ORDER BY code LIMIT 1`,
      );
      category = rows[0]!.id;
    } finally {
      await database.close();
    }
    // Node 0: three cluster workers on one port; node 1: a separate process (as behind a proxy).
    // Log-in and the other writes share one counter of 12 a minute across all of them.
    const env = nodeEnv(store, { RATE_LIMIT_WRITES_PER_MINUTE: '12', LIVE_POLL_MS: '500' });
    nodes.push(await startNode(env, await freePort(), ['--workers', '3'], '/api/ready'));
    nodes.push(await startNode(env, await freePort(), [], '/api/ready'));
  }, scaled(240_000));

  afterAll(async () => {
    for (const n of nodes) await stopNode(n);
    await receiver?.close();
    if (store) await dropStore(store);
  });

  it(
    'spreads connections over the workers and replaces a worker that dies',
    async () => {
      const pidsOf = async () => {
        const pids = new Set<number>();
        // A connection handed to a worker at the moment it is killed is lost with it: ask again.
        for (let i = 0; i < 30; i++)
          await livePid(nodes[0]!.port).then(
            (pid) => pids.add(pid),
            () => {},
          );
        return pids;
      };
      // The node answers as soon as its first worker listens; the others follow.
      const before = await until(
        'all three workers answer',
        async () => {
          const pids = await pidsOf();
          return pids.size === 3 ? pids : null;
        },
        90_000,
        () => nodes[0]!.output(),
      );
      expect(before.has(nodes[0]!.child.pid!)).toBe(false);
      const victim = [...before][0]!;
      process.kill(victim, 'SIGKILL');
      const replaced = await until(
        'a new worker answers',
        async () => {
          const now = await pidsOf();
          return now.size === 3 && [...now].some((p) => !before.has(p)) ? now : null;
        },
        60_000,
      );
      expect(replaced.has(victim)).toBe(false);
    },
    scaled(240_000),
  );

  it(
    'shares sessions, live updates, job runs and limits between nodes',
    async () => {
      const [cluster, other] = nodes as [NodeProcess, NodeProcess];
      // A session opened through the cluster is valid on the other node.
      const token = await signIn(cluster.port, resident);
      const staff = await signIn(cluster.port, moderator);
      expect((await get(other.port, '/api/v1/me', { authorization: `Bearer ${token}` })).status).toBe(200);

      // Live updates: the author follows the report on the other node; a moderator acts through the cluster.
      const filed = await report(token, 1);
      expect(filed?.status).toBe(201);
      const reportId = (JSON.parse(filed!.body) as { id: string }).id;
      const events: string[] = [];
      const stream = http.get({
        host: '127.0.0.1',
        port: other.port,
        path: `/api/v1/reports/${reportId}/live`,
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      });
      stream.on('response', (res) => res.on('data', (c: Buffer) => events.push(c.toString('utf8'))));
      await until(
        'the stream is ready',
        async () => (events.join('').includes('event: ready') ? true : null),
        10_000,
      );
      const accepted = await post(cluster.port, `/api/v1/reports/${reportId}/actions/accept`, '{}', {
        authorization: `Bearer ${staff}`,
      });
      expect(accepted?.status).toBe(200);
      await until(
        'the status event on the other node',
        async () => (events.join('').includes('event: status') ? true : null),
        10_000,
      );
      stream.destroy();

      // Jobs run once: every worker of both nodes runs the webhook job; each event is sent once.
      for (let i = 2; i <= 6; i++) expect((await report(token, i))?.status).toBe(201);
      await until('6 reports delivered', async () => (receiver.deliveries.size >= 6 ? true : null), 120_000);
      await sleep(6_000);
      expect(receiver.deliveries.size).toBe(6);
      expect([...receiver.deliveries.values()].every((n) => n === 1)).toBe(true);

      // A revoked session: refused at once where it was revoked, on the other node within the
      // session cache's 5 s (decision 0003).
      const out = await fetch(`http://127.0.0.1:${other.port}/api/v1/session`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(out.status).toBeLessThan(300);
      const t0 = Date.now();
      await until(
        'the cluster refuses the revoked session',
        async () =>
          (await get(cluster.port, '/api/v1/me', { authorization: `Bearer ${token}` })).status === 401
            ? true
            : null,
        10_000,
      );
      expect(Date.now() - t0).toBeLessThan(6_500);

      // One limit for all: failed log-ins through the cluster until refused; the other node, which has
      // counted nothing itself, refuses the next one too.
      let refusedAfter = 0;
      for (; refusedAfter < 20; refusedAfter++) {
        const res = await post(
          cluster.port,
          '/api/v1/session',
          JSON.stringify({ email: resident, password: 'wrong' }),
          {},
        );
        if (res?.status === 429) break;
      }
      expect(refusedAfter).toBeLessThan(12);
      const next = await post(
        other.port,
        '/api/v1/session',
        JSON.stringify({ email: resident, password: 'wrong' }),
        {},
      );
      expect(next?.status).toBe(429);
    },
    scaled(240_000),
  );

  it(
    'gives up, with a clear message, when the workers cannot bind the port',
    async () => {
      // Someone else holds the port (answering 503, so the readiness probe below gets an answer).
      const holder = http.createServer((_req, res) => res.writeHead(503).end());
      const port = await freePort();
      await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
      try {
        const started = Date.now();
        const failure = await startNode(nodeEnv(store), port, ['--workers', '2'], '/api/ready', 200_000).then(
          (node) => {
            void stopNode(node);
            return new Error('the cluster started on a taken port');
          },
          (error: Error) => error,
        );
        // The primary exits with code 1 after the fast failures, waiting longer between the starts.
        expect(failure.message).toMatch(/exited \(1\) before it was ready/);
        expect(failure.message).toMatch(/EADDRINUSE/);
        expect(failure.message).toMatch(/starting another in 1000 ms[\s\S]*starting another in 2000 ms/);
        expect(failure.message).toMatch(/Giving up: 5 workers failed at or soon after their start/);
        expect(failure.message).toContain(`Is port ${port} on 127.0.0.1 already in use`);
        // The back-off was waited, not skipped (the fifth failure follows at least 1 + 4 s of pauses).
        expect(Date.now() - started).toBeGreaterThan(4_000);
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    },
    scaled(240_000),
  );
});

describe.runIf(onPglite)('the embedded database belongs to one process', () => {
  let store: Store;
  beforeAll(() => {
    // An empty data directory, as a new installation's: the first `serve` makes the database (from
    // the migrated base `vmeste prepare` cached). Nothing here needs the reference data.
    store = { engine: 'pglite', dataDir: mkdtempSync(path.join(os.tmpdir(), 'vmeste-single-')) };
  });
  afterAll(async () => {
    if (store) await dropStore(store);
  });

  it(
    'refuses --workers without PostgreSQL, and a second process on the same data directory',
    async () => {
      await expect(startNode(nodeEnv(store), await freePort(), ['--workers', '2'])).rejects.toThrow(
        /--workers needs PostgreSQL/,
      );
      const first = await startNode(nodeEnv(store), await freePort());
      try {
        await expect(startNode(nodeEnv(store), await freePort())).rejects.toThrow(
          new RegExp(`in use by process ${first.child.pid}`),
        );
        expect((await get(first.port, '/api/ready')).status).toBe(200);
      } finally {
        expect((await stopNode(first)).how).toBe('0');
      }
      // Stopped cleanly, it lets the next process in.
      const second = await startNode(nodeEnv(store), await freePort());
      expect((await stopNode(second)).how).toBe('0');
    },
    scaled(240_000),
  );
});
