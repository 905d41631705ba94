import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CENTRAL_POINT,
  categoryId,
  createTestApp,
  newResident,
  type Session,
  type TestApp,
} from '../support/app.ts';
import { citusTestMode } from '../support/citus.ts';
import { loginStaff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * A region moves to another worker (`citus_schema_move`, online: logical replication) while its app
 * serves it over HTTP (docs/scale-out.md, "Moving a region"). Residents keep filing reports and
 * reading them and the list the whole time; no request may fail and no filed report may be lost.
 * What the clients saw (requests, the longest one, the longest gap between answers) is printed for
 * the doc. Runs only in the suite's Citus mode (.ci/citus.sh).
 */
const url = process.env.DATABASE_URL ?? '';
const template = inject('dbTemplate');
if (!citusTestMode() || !url || template.kind !== 'citus') {
  throw new Error('test/citus runs only with VMESTE_TEST_CITUS=1 and DATABASE_URL at a Citus coordinator');
}

const WRITERS = 4;
const READERS = 2;

async function sqlRows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The ports of the nodes holding the region's reports. */
async function placement(schema: string): Promise<number[]> {
  const rows = await sqlRows<{ nodeport: number }>(
    'SELECT DISTINCT nodeport FROM citus_shards WHERE table_name = $1::regclass ORDER BY nodeport',
    [`"${schema}".reports`],
  );
  return rows.map((r) => Number(r.nodeport));
}

type Call = { kind: 'file' | 'read' | 'list'; status: number; start: number; end: number; error?: string };

describe('a region moving to another worker while it serves', () => {
  let t: TestApp;
  let base: string;
  let residents: Session[];
  let moderatorHeaders: Record<string, string>;
  let category: string;

  beforeAll(async () => {
    // Readers and residents ask as fast as the app answers: far above a person's per-minute limits.
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_WRITES_PER_MINUTE: '1000000' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    residents = await Promise.all(Array.from({ length: WRITERS }, () => newResident(t.app)));
    moderatorHeaders = (await loginStaff(t)).moderator.headers;
    category = await categoryId(t.app, 'street-light');
  }, scaled(120_000));
  afterAll(() => t?.close());

  it(
    'keeps filing and reading reports during citus_schema_move, none failed or lost',
    async () => {
      const schema = t.database.schema;
      const [from] = await placement(schema);
      const workers = await sqlRows<{ nodeport: number }>(
        "SELECT nodeport FROM pg_dist_node WHERE shouldhaveshards AND noderole = 'primary' AND isactive ORDER BY nodeport",
      );
      const to = workers.map((w) => Number(w.nodeport)).find((p) => p !== from);
      expect(from).toBeDefined();
      expect(to).toBeDefined();

      const calls: Call[] = [];
      const filed: string[] = [];
      let stop = false;
      const timed = async (kind: Call['kind'], send: () => Promise<Response>, expected: number) => {
        const start = performance.now();
        try {
          const res = await send();
          const body = await res.text();
          const call: Call = { kind, status: res.status, start, end: performance.now() };
          if (res.status !== expected) call.error = body.slice(0, 300);
          calls.push(call);
          return res.status === expected ? body : null;
        } catch (err) {
          calls.push({ kind, status: 0, start, end: performance.now(), error: String(err) });
          return null;
        }
      };
      const writer = async (who: Session, k: number) => {
        for (let n = 0; !stop; n++) {
          const body = await timed(
            'file',
            () =>
              fetch(`${base}/api/v1/reports`, {
                method: 'POST',
                headers: { ...who.headers, 'content-type': 'application/json' },
                body: JSON.stringify({
                  categoryId: category,
                  text: `Не горит фонарь у дома ${k}-${n}, во дворе темно по вечерам`,
                  lat: CENTRAL_POINT.lat + k * 0.001,
                  lon: CENTRAL_POINT.lon + (n % 50) * 0.0005,
                }),
              }),
            201,
          );
          if (body) filed.push((JSON.parse(body) as { id: string }).id);
        }
      };
      const reader = async () => {
        while (!stop) {
          const id = filed[filed.length - 1];
          if (id)
            await timed(
              'read',
              () => fetch(`${base}/api/v1/reports/${id}`, { headers: moderatorHeaders }),
              200,
            );
          await timed('list', () => fetch(`${base}/api/v1/reports?limit=20`), 200);
        }
      };
      const load = [
        ...residents.map((who, k) => writer(who, k)),
        ...Array.from({ length: READERS }, () => reader()),
      ];

      // Traffic first, then the move in the middle of it, then traffic on the new worker.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const before = filed.length;
      const moveStart = performance.now();
      await sqlRows('SELECT citus_schema_move($1::regnamespace, $2::text, $3::int)', [
        schema,
        '127.0.0.1',
        to,
      ]);
      const moveEnd = performance.now();
      const atMoveEnd = filed.length;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      stop = true;
      await Promise.all(load);

      // What the clients saw, for docs/scale-out.md.
      const during = calls.filter((c) => c.end >= moveStart && c.start <= moveEnd);
      const ends = calls.map((c) => c.end).sort((a, b) => a - b);
      let gap = 0;
      for (let k = 1; k < ends.length; k++)
        if (ends[k]! >= moveStart && ends[k - 1]! <= moveEnd) gap = Math.max(gap, ends[k]! - ends[k - 1]!);
      const longest = (list: Call[]) => Math.max(0, ...list.map((c) => c.end - c.start));
      const median = (list: Call[]) => {
        const d = list.map((c) => c.end - c.start).sort((a, b) => a - b);
        return d[Math.floor(d.length / 2)] ?? 0;
      };
      const outside = calls.filter((c) => !during.includes(c));
      console.log(
        `[region-move] ${schema} :${from} → :${to}: move ${(moveEnd - moveStart).toFixed(0)} ms; ` +
          `${calls.length} requests (${filed.length} reports filed, ${before} before the move), ` +
          `${during.length} during it; longest request during the move ${longest(during).toFixed(0)} ms ` +
          `(median ${median(during).toFixed(0)} ms; outside it median ${median(outside).toFixed(0)} ms, ` +
          `longest ${longest(outside).toFixed(0)} ms); longest gap between answers ${gap.toFixed(0)} ms`,
      );

      // No request failed.
      expect(calls.filter((c) => c.error).map((c) => `${c.kind} ${c.status}: ${c.error}`)).toEqual([]);
      expect(during.length).toBeGreaterThan(0);
      expect(filed.length).toBeGreaterThan(before);
      // And the app goes on writing, now to the new worker.
      expect(filed.length).toBeGreaterThan(atMoveEnd);
      // The region now lives whole on the other worker.
      expect(await placement(schema)).toEqual([to]);
      const spread = await sqlRows<{ nodes: number }>(
        `SELECT count(DISTINCT sh.nodeport)::int AS nodes FROM citus_schemas s
       JOIN citus_shards sh ON sh.colocation_id = s.colocation_id WHERE s.schema_name::text = $1`,
        [schema],
      );
      expect(spread[0]?.nodes).toBe(1);
      // No report lost: each filed one is stored with its 'submitted' event, and the app reads it.
      const [stored] = await sqlRows<{ reports: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM "${schema}".reports WHERE id = ANY($1::uuid[])) AS reports,
              (SELECT count(*)::int FROM "${schema}".report_events WHERE report_id = ANY($1::uuid[])
                 AND type = 'submitted') AS events`,
        [filed],
      );
      expect(stored).toEqual({ reports: filed.length, events: filed.length });
      for (const id of filed.slice(-5)) {
        const res = await fetch(`${base}/api/v1/reports/${id}`, { headers: moderatorHeaders });
        expect(res.status).toBe(200);
      }
    },
    scaled(180_000),
  );
});
