/**
 * Graceful stop: SIGTERM in the middle of intake load at a fixed concurrency. The node must stop
 * accepting, answer every request it took (a report committed is a report acknowledged: the clients
 * here never retry, so a committed report without its answer would show), finish or hand back its
 * jobs (none left "active"), and exit with code 0 within the bound.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/connection.ts';
import { generateIntakeBodies } from '../../src/demo/report-generator.ts';
import { hashPassword } from '../../src/modules/identity/index.ts';
import { post } from './crash.ts';
import { dropStore, freshStore, nodeEnv, openStore, sleep, startNode, stopNode } from './nodes.ts';

export type DrainResult = {
  engine: 'postgres' | 'pglite';
  answered: number;
  /** Connections refused or reset before a request was taken (the client would go to another node). */
  refused: number;
  /** 503 while closing (Fastify answers so on a kept-alive connection once closing began). */
  unavailable: number;
  committed: number;
  /** Reports committed whose client never heard of them: must be 0. */
  committedUnanswered: number;
  activeJobsLeft: number;
  exitMs: number;
  exit: string;
  /** The node's last output (what it said while stopping). */
  output: string;
};

const PASSWORD = 'drain-test-password-1';

export async function runDrainTest(o: {
  engine: 'postgres' | 'pglite';
  port: number;
  concurrency: number;
  loadMs: number;
  /** The node's shutdown bound (VMESTE_SHUTDOWN_TIMEOUT_MS; the default when not given). */
  shutdownTimeoutMs?: number;
}): Promise<DrainResult> {
  const store = await freshStore(o.engine, `vmeste_drain_${process.pid}`);
  try {
    const email = `drain-${Date.now()}@example.org`;
    const setup = await openStore(store);
    let categories: Map<string, string>;
    try {
      await setup.db.execute(
        sql`INSERT INTO users (email, password_hash, name, role)
            VALUES (${email}, ${await hashPassword(PASSWORD)}, 'Drain Test Resident', 'resident')`,
      );
      const rows = await queryRows<{ id: string; code: string }>(
        setup.db,
        sql`SELECT id, code FROM categories WHERE parent_id IS NOT NULL AND is_active`,
      );
      categories = new Map(rows.map((r) => [r.code, r.id]));
    } finally {
      await setup.close();
    }
    const node = await startNode(
      nodeEnv(store, o.shutdownTimeoutMs ? { VMESTE_SHUTDOWN_TIMEOUT_MS: String(o.shutdownTimeoutMs) } : {}),
      o.port,
    );
    // The job queue starts after listening: let it, so that there are jobs to stop.
    await sleep(2000);
    const session = await post(
      o.port,
      '/api/v1/session?mode=token',
      JSON.stringify({ email, password: PASSWORD }),
      {},
    );
    if (session?.status !== 200) throw new Error(`sign-in failed: ${session?.status}`);
    const token = (JSON.parse(session.body) as { token: string }).token;
    const bodies = generateIntakeBodies(2000, 5);
    const acked = new Set<string>();
    let refused = 0;
    let unavailable = 0;
    let n = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        const b = bodies[i % bodies.length]!;
        const res = await post(
          o.port,
          '/api/v1/reports',
          JSON.stringify({
            categoryId: categories.get(b.categoryCode),
            text: b.text,
            lat: b.lat,
            lon: b.lon,
            address: b.address,
          }),
          { authorization: `Bearer ${token}`, 'idempotency-key': `drain-run-${i}` },
        );
        if (res === null) {
          refused++;
          stop = true;
        } else if (res.status === 201) acked.add(`drain-run-${i}`);
        else if (res.status === 503) unavailable++;
        else throw new Error(`unexpected answer while draining: ${res.status} ${res.body}`);
      }
    };
    const failures: unknown[] = [];
    // Collected, not left unhandled while the node is being stopped; rethrown once it has.
    const workers = Array.from({ length: o.concurrency }, () =>
      worker().catch((err: unknown) => failures.push(err)),
    );
    await sleep(o.loadMs);
    const stopped = stopNode(node);
    const { ms, how } = await stopped;
    stop = true;
    await Promise.all(workers);
    if (failures.length > 0) throw failures[0];
    const check = await openStore(store);
    try {
      const keys = await queryRows<{ key: string }>(
        check.db,
        sql`SELECT idempotency_key AS key FROM reports WHERE idempotency_key LIKE 'drain-run-%'`,
      );
      const jobs = await queryRows<{ n: number }>(
        check.db,
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'active'`,
      );
      return {
        engine: o.engine,
        answered: acked.size,
        refused,
        unavailable,
        committed: keys.length,
        committedUnanswered: keys.filter((k) => !acked.has(k.key)).length,
        activeJobsLeft: Number(jobs[0]!.n),
        exitMs: ms,
        exit: how,
        output: node.output(),
      };
    } finally {
      await check.close();
    }
  } finally {
    await dropStore(store);
  }
}
