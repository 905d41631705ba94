import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropStore,
  freshStore,
  type NodeProcess,
  nodeEnv,
  type Store,
  startNode,
  stopNode,
} from '../../bench/reliability/nodes.ts';
import { freePort } from '../../bench/reliability/ports.ts';
import { OWN_PLAIN_DATABASE, runsOn } from '../support/suite-engine.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * `/metrics` of `vmeste serve --workers 2` answers for the whole node whichever worker the scrape
 * reaches: the cluster primary sums every worker's counters (docs/operations.md). PostgreSQL only:
 * the embedded database refuses `--workers`.
 */
const onPostgres = runsOn(['postgres'], 'cluster-metrics', OWN_PLAIN_DATABASE);

/** GET over a new connection each time, so the kernel spreads them over the workers. */
function getOnce(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false, timeout: scaled(15_000) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      })
      .on('timeout', () => reject(new Error(`${path} did not answer within ${scaled(15)} s`)))
      .on('error', reject);
  });
}

const counted = (text: string) =>
  Number(
    /vmeste_http_requests_total\{method="GET",route="\/api\/live",status="200"\} (\d+)/.exec(text)?.[1] ??
      Number.NaN,
  );

describe.runIf(onPostgres)('/metrics across cluster workers', () => {
  let store: Store;
  let node: NodeProcess;

  beforeAll(async () => {
    store = await freshStore('postgres', `vmeste_cluster_metrics_${process.pid}`);
    node = await startNode(nodeEnv(store), await freePort(), ['--workers', '2']);
  }, scaled(180_000));
  afterAll(async () => {
    if (node) await stopNode(node);
    if (store) await dropStore(store);
  });

  it(
    'sums every worker’s requests, whichever worker is scraped',
    async () => {
      // A request that fails says what the node printed (a worker that exited, a slow start).
      const get = (port: number, path: string) =>
        getOnce(port, path).catch((err: Error) => {
          throw new Error(`${err.message}; the node printed:\n${node.output()}`);
        });
      // Every /api/live answer names the worker's pid; the requests are counted under its route.
      const pids: number[] = [];
      const deadline = Date.now() + scaled(60_000);
      // The second worker may still be starting: ask until both have answered, then 30 more.
      while (new Set(pids).size < 2 || pids.length < 30) {
        if (Date.now() > deadline) throw new Error(`only workers ${[...new Set(pids)]} answered`);
        const res = await get(node.port, '/api/live');
        expect(res.status).toBe(200);
        pids.push((JSON.parse(res.body) as { pid: number }).pid);
      }
      // Neither worker alone answered them all.
      const perWorker = [...new Set(pids)].map((p) => pids.filter((x) => x === p).length);
      expect(Math.max(...perWorker)).toBeLessThan(pids.length);
      const scrapes = [];
      for (let i = 0; i < 4; i++) scrapes.push(await get(node.port, '/metrics'));
      for (const s of scrapes) {
        expect(s.status).toBe(200);
        expect(counted(s.body)).toBe(pids.length);
        // One database for both: a queue gauge appears once per queue, not summed per worker.
        expect(s.body).toMatch(/vmeste_webhook_backlog\{stage="outbox"\} \d+/);
        expect(s.body).toMatch(/process_resident_memory_bytes \d+/);
      }
    },
    scaled(120_000),
  );
});
