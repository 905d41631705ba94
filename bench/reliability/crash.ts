/**
 * Crash test: report intake over HTTP at a fixed concurrency while the server process is SIGKILLed
 * at random moments and restarted. Every client keeps its report (and its Idempotency-Key) until it
 * gets a 2xx, retrying through the crash, as a resident's app does. Afterwards every acknowledged
 * report must exist exactly once, with exactly one timeline event, one audit row and one webhook
 * outbox-or-delivery row, and the webhook delivery job must resume and deliver every one of them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/connection.ts';
import { createRng } from '../../src/demo/prng.ts';
import { generateIntakeBodies } from '../../src/demo/report-generator.ts';
import { hashPassword } from '../../src/modules/identity/index.ts';
import {
  dropStore,
  freshStore,
  nodeEnv,
  openStore,
  type Store,
  sleep,
  startNode,
  stopNode,
} from './nodes.ts';

export type CrashOptions = {
  engine: 'postgres' | 'pglite';
  kills: number;
  concurrency: number;
  port: number;
  seed: number;
  /** Random time a node serves before it is killed. */
  minUpMs: number;
  maxUpMs: number;
  /** How long to wait after the last restart for every webhook to be delivered. */
  deliveryTimeoutMs: number;
  log?: (line: string) => void;
};

export type CrashResult = {
  engine: 'postgres' | 'pglite';
  kills: number;
  /** Requests that reached a dead or restarting server and were sent again. */
  retries: number;
  /** Acknowledged by a replay (200): the first attempt had been committed before the crash. */
  replayed: number;
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  /** Reports in the database no client was told about (none: every client retries until it is). */
  unacknowledged: number;
  eventsInconsistent: number;
  auditInconsistent: number;
  outboxInconsistent: number;
  webhooksDelivered: number;
  restartMs: number[];
  /** SIGTERM to exit, at the end (with the load stopped). */
  drainMs: number;
  drainExit: string;
};

type Ack = { key: string; id: string };

const PASSWORD = 'crash-test-password-1';

export async function runCrashTest(o: CrashOptions): Promise<CrashResult> {
  const log = o.log ?? (() => {});
  const store = await freshStore(o.engine, `vmeste_crash_${process.pid}`);
  const receiver = await startReceiver();
  try {
    const { categories, email } = await prepare(store, receiver.url);
    const env = nodeEnv(store, { WEBHOOK_BACKOFF_BASE_SECONDS: '1' });
    let node = await startNode(env, o.port);
    log(`node up in ${node.startMs} ms (${o.engine})`);
    const token = await signIn(o.port, email);
    const bodies = generateIntakeBodies(5000, o.seed);
    const rng = createRng(o.seed);
    const acks: Ack[] = [];
    let retries = 0;
    let replayed = 0;
    let stopping = false;
    let counter = 0;
    const run = `${o.seed}-${Date.now().toString(36)}`;

    const worker = async () => {
      while (!stopping) {
        const i = counter++;
        const b = bodies[i % bodies.length]!;
        const key = `crash-${run}-${i}`;
        const body = JSON.stringify({
          categoryId: categories.get(b.categoryCode),
          text: b.text,
          lat: b.lat,
          lon: b.lon,
          address: b.address,
        });
        // The same request until it is acknowledged: the server may die with it in flight.
        for (let attempt = 0; ; attempt++) {
          const res = await post(o.port, '/api/v1/reports', body, {
            authorization: `Bearer ${token}`,
            'idempotency-key': key,
          });
          if (res && (res.status === 201 || res.status === 200)) {
            acks.push({ key, id: (JSON.parse(res.body) as { id: string }).id });
            if (res.status === 200) replayed++;
            break;
          }
          if (res && res.status < 500 && res.status !== 429)
            throw new Error(`intake refused a valid report: ${res.status} ${res.body}`);
          retries++;
          await sleep(50 + Math.min(attempt, 20) * 25);
        }
      }
    };
    const workers = Array.from({ length: o.concurrency }, worker);
    const restartMs: number[] = [];
    for (let k = 0; k < o.kills; k++) {
      await sleep(o.minUpMs + rng.next() * (o.maxUpMs - o.minUpMs));
      node.child.kill('SIGKILL');
      await node.exited;
      log(`kill ${k + 1}/${o.kills}: ${acks.length} acknowledged so far`);
      node = await startNode(env, o.port);
      restartMs.push(node.startMs);
      log(`restarted in ${node.startMs} ms`);
    }
    await sleep(o.minUpMs);
    stopping = true;
    await Promise.all(workers);
    log(`load stopped: ${acks.length} acknowledged, ${retries} retries, ${replayed} replays`);

    const ids = new Set(acks.map((a) => a.id));
    const delivered = await receiver.waitFor(ids, o.deliveryTimeoutMs);
    log(`webhooks delivered for ${delivered} of ${ids.size} reports`);
    const drain = await stopNode(node);
    const checks = await check(store, acks);
    return {
      engine: o.engine,
      kills: o.kills,
      retries,
      replayed,
      acknowledged: acks.length,
      ...checks,
      webhooksDelivered: delivered,
      restartMs,
      drainMs: drain.ms,
      drainExit: drain.how,
    };
  } finally {
    await receiver.close();
    await dropStore(store);
  }
}

/** A resident (written directly: sign-up may require an e-mail confirmation) and a webhook endpoint. */
async function prepare(store: Store, receiverUrl: string) {
  const database = await openStore(store);
  try {
    const email = `crash-resident-${Date.now()}@example.org`;
    await database.db.execute(
      sql`INSERT INTO users (email, password_hash, name, role)
          VALUES (${email}, ${await hashPassword(PASSWORD)}, 'Crash Test Resident', 'resident')`,
    );
    await database.db.execute(
      sql`INSERT INTO webhook_endpoints (url, events, secret)
          VALUES (${receiverUrl}, ARRAY['report.created'], 'secret-of-the-crash-test')`,
    );
    const rows = await queryRows<{ id: string; code: string }>(
      database.db,
      sql`SELECT id, code FROM categories WHERE parent_id IS NOT NULL AND is_active`,
    );
    return { email, categories: new Map(rows.map((r) => [r.code, r.id])) };
  } finally {
    await database.close();
  }
}

async function check(store: Store, acks: Ack[]) {
  const database = await openStore(store);
  try {
    const rows = await queryRows<{
      key: string;
      id: string;
      events: number;
      audits: number;
      webhooks: number;
    }>(
      database.db,
      sql`SELECT r.idempotency_key AS key, r.id,
            (SELECT count(*)::int FROM report_events e WHERE e.report_id = r.id) AS events,
            (SELECT count(*)::int FROM audit_log a WHERE a.entity_type = 'report' AND a.entity_id = r.id::text
               AND a.action = 'report.submit') AS audits,
            (SELECT count(*)::int FROM webhook_outbox w WHERE w.report_id = r.id)
              + (SELECT count(*)::int FROM webhook_deliveries d WHERE d.report_id = r.id) AS webhooks
          FROM reports r WHERE r.idempotency_key LIKE 'crash-%'`,
    );
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    const ackedKeys = new Set(acks.map((a) => a.key));
    let found = 0;
    let lost = 0;
    let duplicated = 0;
    for (const a of acks) {
      const stored = byKey.get(a.key) ?? [];
      if (stored.length > 1) duplicated++;
      if (stored.some((s) => s.id === a.id)) found++;
      else lost++;
    }
    return {
      found,
      lost,
      duplicated,
      unacknowledged: rows.filter((r) => !ackedKeys.has(r.key)).length,
      eventsInconsistent: rows.filter((r) => Number(r.events) !== 1).length,
      auditInconsistent: rows.filter((r) => Number(r.audits) !== 1).length,
      outboxInconsistent: rows.filter((r) => Number(r.webhooks) !== 1).length,
    };
  } finally {
    await database.close();
  }
}

async function signIn(port: number, email: string): Promise<string> {
  const res = await post(
    port,
    '/api/v1/session?mode=token',
    JSON.stringify({ email, password: PASSWORD }),
    {},
  );
  if (res?.status !== 200) throw new Error(`sign-in failed: ${res?.status} ${res?.body}`);
  return (JSON.parse(res.body) as { token: string }).token;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One POST; null when the connection failed (the server is dead or not listening yet). */
export function post(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', () => resolve(null));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

/** A loopback webhook receiver that records the reports it was told about. */
export async function startReceiver() {
  const reports = new Set<string>();
  /** Every delivery id received, with how often: a job that ran twice would show a count above 1. */
  const deliveries = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery = String(req.headers['x-vmeste-delivery'] ?? '');
      if (delivery) deliveries.set(delivery, (deliveries.get(delivery) ?? 0) + 1);
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { report?: { id?: string } };
        if (body.report?.id) reports.add(body.report.id);
      } catch {
        // not a webhook body: ignored, still answered
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    async waitFor(ids: Set<string>, timeoutMs: number): Promise<number> {
      const until = Date.now() + timeoutMs;
      const count = () => [...ids].filter((id) => reports.has(id)).length;
      while (Date.now() < until && count() < ids.size) await sleep(250);
      return count();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function crashLine(r: CrashResult): string {
  return `${r.engine}: ${r.kills} kills, ${r.acknowledged} acknowledged, ${r.found} found, ${r.lost} lost, ${r.duplicated} duplicated, ${r.unacknowledged} unacknowledged in the database, ${r.retries} retries (${r.replayed} answered by replay); inconsistent events/audit/outbox ${r.eventsInconsistent}/${r.auditInconsistent}/${r.outboxInconsistent}; webhooks delivered ${r.webhooksDelivered}/${r.acknowledged}; restarts ${r.restartMs.join(', ')} ms; SIGTERM exit in ${r.drainMs} ms (${r.drainExit})`;
}
