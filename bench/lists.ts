/**
 * `npm run bench -- lists [--reports 1000000] [--reuse] [--concurrency 16] [--seconds 10]
 * [--pglite] [--explain [--generic]]`: every list the product offers, and the text search, over the region's data
 * set (bench/dataset.ts) — the public list with filters, a map box, a deep keyset page, a numbered
 * page, "my reports" of the heaviest author, each staff queue, Open311 `requests`, the inbound API —
 * each for a fixed time at a fixed concurrency: throughput, p50/p95/p99, and met / NOT met against
 * issue 17's targets (lists p95 < 50 ms, search p95 < 100 ms). `--pglite` runs the same on the
 * embedded database (`--reports 100000` is what a small town's figures are taken at). `--explain`
 * prints EXPLAIN (ANALYZE, BUFFERS) of each list's statements instead (PostgreSQL, bench/lists-explain.ts);
 * with `--generic`, of the generic plan a named statement would settle on.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/connection.ts';
import { publiclyListed } from '../src/db/schema/reports.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import { encodeCursor } from '../src/modules/reports/index.ts';
import { cpuSampler } from './cpu.ts';
import { preparePgliteRegion, preparePostgresRegion, REGION_PASSWORD } from './dataset.ts';
import { line, startServer } from './harness.ts';
import { type LoadResult, runLoad } from './load.ts';

const PGLITE_DIR = './data/bench-lists-pglite';

/** `target`: p95 in ms; null for a bulk read measured in rows a second (no latency target). */
type Scenario = { name: string; paths: string[]; headers: Record<string, string>; target: number | null };

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function call<T>(port: number, method: string, p: string, body?: object, token?: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const signIn = async (port: number, email: string) =>
  (
    await call<{ token: string }>(port, 'POST', '/api/v1/session?mode=token', {
      email,
      password: REGION_PASSWORD,
    })
  ).token;

/** The people and ids the scenarios use: staff written directly (as an administrator would). */
async function cast(database: Database) {
  const db = database.db;
  const hash = await hashPassword(REGION_PASSWORD);
  const stamp = Date.now();
  const [busiest] = await queryRows<{ organisationId: string }>(
    db,
    sql`SELECT organisation_id AS "organisationId" FROM reports
        WHERE organisation_id IS NOT NULL AND status IN ('assigned', 'in_progress')
        GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const [city] = await queryRows<{ id: string }>(
    db,
    sql`SELECT p.id FROM territories p WHERE EXISTS (SELECT 1 FROM territories d WHERE d.parent_id = p.id AND d.kind = 'district') LIMIT 1`,
  );
  const staff = { moderator: '', curator: '', operator: '', admin: '' };
  for (const role of Object.keys(staff) as (keyof typeof staff)[]) {
    const email = `bench-lists-${role}-${stamp}@example.org`;
    await db.execute(
      sql`INSERT INTO users (email, password_hash, name, role, organisation_id, territory_id)
          VALUES (${email}, ${hash}, ${`Bench ${role}`}, ${role},
                  ${role === 'operator' ? (busiest?.organisationId ?? null) : null},
                  ${role === 'curator' ? (city?.id ?? null) : null})`,
    );
    staff[role] = email;
  }
  const [heavy] = await queryRows<{ email: string }>(
    db,
    sql`SELECT email FROM users WHERE email = 'gen-author-1@example.org'`,
  );
  const topics = await queryRows<{ id: string }>(db, sql`SELECT id FROM categories WHERE parent_id IS NULL`);
  const subjects = await queryRows<{ id: string; code: string }>(
    db,
    sql`SELECT id, code FROM categories WHERE parent_id IS NOT NULL AND is_active`,
  );
  const districts = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM territories WHERE kind = 'district'`,
  );
  // Deep cursors: rows spread over the public list (every ~1,000th public report).
  const deep = await queryRows<{ at: string; n: number }>(
    db,
    sql`SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at, r.number AS n
        FROM reports r WHERE ${sql.raw(publiclyListed('r'))} AND r.number % 997 = 0 LIMIT 200`,
  );
  return {
    staff,
    heavy: heavy?.email ?? '',
    topics: topics.map((t) => t.id),
    subjects,
    districts: districts.map((d) => d.id),
    deepCursors: deep.map((d) => encodeCursor({ at: d.at, n: Number(d.n) })),
    organisationId: busiest?.organisationId ?? null,
  };
}

export async function runListsBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      reports: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      port: { type: 'string', default: '4161' },
      pglite: { type: 'boolean', default: false },
      only: { type: 'string' },
      explain: { type: 'boolean', default: false },
      generic: { type: 'boolean', default: false },
    },
  });
  const pglite = values.pglite;
  const reports = Number(values.reports ?? (pglite ? 100_000 : 1_000_000));
  const port = Number(values.port);
  console.log(`load average before: ${load()}`);
  let database: Database;
  let server: Awaited<ReturnType<typeof startServer>>;
  let people: Awaited<ReturnType<typeof cast>>;
  if (pglite) {
    await preparePgliteRegion(PGLITE_DIR, reports, values.reuse);
    database = (await openPglite({ dataDir: PGLITE_DIR, schema: 'public' })).database;
    people = await cast(database);
    await database.close();
    server = await startServer('pglite', PGLITE_DIR, port);
  } else {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('set DATABASE_URL (or pass --pglite): the bench creates vmeste_bench_region');
    const { url } = await preparePostgresRegion(base, reports, values.reuse);
    database = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 2 }).database;
    people = await cast(database);
    await database.close();
    if (values.explain) return (await import('./lists-explain.ts')).explainLists(url, values.generic);
    server = await startServer('app', url, port);
  }
  try {
    const tokens = {
      author: await signIn(port, people.heavy),
      moderator: await signIn(port, people.staff.moderator),
      curator: await signIn(port, people.staff.curator),
      operator: await signIn(port, people.staff.operator),
      admin: await signIn(port, people.staff.admin),
    };
    const key = await call<{ key: string }>(
      port,
      'POST',
      '/api/v1/api-clients',
      { name: 'Bench inbound', organisationId: people.organisationId, rateLimitPerMinute: 100_000 },
      tokens.admin,
    );
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    const r = rng(17);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const many = (f: () => string) => Array.from({ length: 200 }, f);
    const statuses = ['in_progress', 'answered', 'resolved', 'assigned,in_progress', 'disputed'];
    const words = [
      'яма',
      'фонарь не горит',
      'мусорные контейнеры',
      'качели',
      'светофор',
      'свалка',
      'снег двор',
    ];
    const box = () => {
      // A street-level map view (zoom 15) somewhere in the city.
      const lon = 30.2 + r() * 0.3;
      const lat = 59.88 + r() * 0.12;
      return [lon - 0.03, lat - 0.008, lon + 0.03, lat + 0.008].map((v) => v.toFixed(5)).join(',');
    };
    // A 30-day window somewhere in the two years, half of them for one service.
    const open311Window = () => {
      const end = new Date(Date.parse('2026-03-01T00:00:00Z') - Math.floor(r() * 600) * 86_400_000);
      const start = new Date(end.getTime() - 30 * 86_400_000);
      const code = r() < 0.5 ? `&service_code=${pick(people.subjects).code}` : '';
      return `/open311/v2/requests.json?start_date=${start.toISOString()}&end_date=${end.toISOString()}${code}`;
    };
    const scenarios: Scenario[] = [
      {
        name: 'public: topic + status',
        paths: many(
          () => `/api/v1/reports?pageSize=25&category=${pick(people.topics)}&status=${pick(statuses)}`,
        ),
        headers: {},
        target: 50,
      },
      {
        name: 'public: subject + district',
        paths: many(
          () =>
            `/api/v1/reports?pageSize=25&category=${pick(people.subjects).id}&territory=${pick(people.districts)}`,
        ),
        headers: {},
        target: 50,
      },
      {
        name: 'public: bbox',
        paths: many(() => `/api/v1/reports?pageSize=25&bbox=${box()}`),
        headers: {},
        target: 50,
      },
      {
        name: 'public: page 20',
        paths: many(() => `/api/v1/reports?pageSize=25&page=${10 + Math.floor(r() * 20)}`),
        headers: {},
        target: 50,
      },
      {
        name: 'public: deep keyset page',
        paths: many(() => `/api/v1/reports?pageSize=25&cursor=${pick(people.deepCursors)}`),
        headers: {},
        target: 50,
      },
      {
        name: 'my reports (heavy author)',
        paths: many(
          () => `/api/v1/reports?queue=mine&pageSize=25${r() < 0.3 ? `&status=${pick(statuses)}` : ''}`,
        ),
        headers: bearer(tokens.author),
        target: 50,
      },
      {
        name: 'resident: public list',
        paths: many(() => `/api/v1/reports?pageSize=25&category=${pick(people.topics)}`),
        headers: bearer(tokens.author),
        target: 50,
      },
      {
        name: 'queue: moderation',
        paths: ['/api/v1/reports?queue=moderation&pageSize=25'],
        headers: bearer(tokens.moderator),
        target: 50,
      },
      {
        name: 'queue: review',
        paths: ['/api/v1/reports?queue=review&pageSize=25'],
        headers: bearer(tokens.moderator),
        target: 50,
      },
      {
        name: 'queue: curator',
        paths: ['/api/v1/reports?queue=curator&pageSize=25'],
        headers: bearer(tokens.curator),
        target: 50,
      },
      {
        name: 'queue: organisation',
        paths: many(() => `/api/v1/reports?queue=organisation&pageSize=25${r() < 0.3 ? '&page=3' : ''}`),
        headers: bearer(tokens.operator),
        target: 50,
      },
      {
        // A page as a client browses it (25, as the other lists)…
        name: 'Open311 requests',
        paths: many(() => `${open311Window()}&page_size=25`),
        headers: {},
        target: 50,
      },
      {
        // …and the GeoReport default of up to 1,000 requests a page: a bulk read, 40 pages in one,
        // reported in rows a second beside the bare page's (25 rows a request).
        name: 'Open311 bulk (1,000 a page)',
        paths: many(() => open311Window()),
        headers: {},
        target: null,
      },
      {
        name: 'inbound API list',
        paths: ['/api/v1/inbound/reports?pageSize=25'],
        headers: { 'x-api-key': key.key },
        target: 50,
      },
      {
        name: 'search (visitor)',
        paths: many(() => `/api/v1/reports?pageSize=25&q=${encodeURIComponent(pick(words))}`),
        headers: {},
        target: 100,
      },
      {
        name: 'search (resident, topic)',
        paths: many(
          () =>
            `/api/v1/reports?pageSize=25&q=${encodeURIComponent(pick(words))}&category=${pick(people.topics)}`,
        ),
        headers: bearer(tokens.author),
        target: 100,
      },
    ];
    const chosen = values.only ? scenarios.filter((s) => s.name.includes(values.only!)) : scenarios;
    const results: { name: string; target: number | null; result: LoadResult }[] = [];
    const met = (result: LoadResult, target: number) => result.p95 < target && result.errors === 0;
    for (const s of chosen) {
      const result = await runLoad({
        port,
        method: 'GET',
        path: (i) => s.paths[i % s.paths.length]!,
        concurrency: Number(values.concurrency),
        seconds: Number(values.seconds),
        warmupSeconds: Number(values.warmup),
        maxRequests: 1_000_000,
        headers: s.headers,
        cpu: cpuSampler(server.pid),
      });
      results.push({ name: s.name, target: s.target, result });
      const verdict =
        s.target === null
          ? `no latency target: ${(result.throughput * 1000).toFixed(0)} rows/s at most`
          : `target p95 < ${s.target} ms: ${met(result, s.target) ? 'met' : 'NOT met'}`;
      console.log(line(s.name, result, verdict));
    }
    console.log(`load average after: ${load()} (${pglite ? 'PGlite' : 'PostgreSQL'}, ${reports} reports)`);
    console.log(
      JSON.stringify({
        scenario: 'lists',
        engine: pglite ? 'pglite' : 'postgres',
        reports,
        concurrency: Number(values.concurrency),
        loadavg: loadavg(),
        rows: results.map((x) => ({
          name: x.name,
          throughput: x.result.throughput,
          p50: x.result.p50,
          p95: x.result.p95,
          p99: x.result.p99,
          errors: x.result.errors,
          target: x.target,
          met: x.target === null ? null : met(x.result, x.target),
        })),
      }),
    );
  } finally {
    await server.stop();
  }
}
