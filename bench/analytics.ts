/**
 * `npm run bench -- analytics [--reports 1000000] [--reuse] [--samples 60]`: the analytics scenarios
 * of docs/performance.md over a generated data set (two years, the 18 districts, every subject, the
 * status machine's outcomes with answers, ratings, disputes, pauses): map viewports at zooms 9, 12
 * and 15, each dashboard, the league table, the matrix, and a full CSV export of the report list —
 * p50/p95/p99 per scenario and the server's peak RSS (and its RSS over the export).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Db, openPostgres, queryRows } from '../src/db/connection.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { rebuildAll } from '../src/modules/analytics/index.ts';
import { uncachedCalendar } from '../src/modules/calendar/index.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import { preparePostgresRegion, REGION_DB, REGION_NOW, REGION_PASSWORD } from './dataset.ts';
import { withDatabase } from './postgres-databases.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const DB = REGION_DB;
const PASSWORD = REGION_PASSWORD;
const NOW = REGION_NOW;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The server's resident set now and at its peak (VmRSS, VmHWM), in MiB. */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The shared region data set (bench/dataset.ts), with the analytics' facts and roll-ups built on it. */
async function prepare(base: string, reports: number, reuse: boolean): Promise<void> {
  const { url } = await preparePostgresRegion(base, reports, reuse);
  const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 2 });
  const [facts] = await queryRows<{ n: number }>(
    database.db,
    sql.raw('SELECT count(*)::int AS n FROM analytics_report_facts'),
  );
  if ((facts?.n ?? 0) < reports) await buildRollups(database.db);
  else console.log(`reusing the roll-ups (${facts?.n ?? 0} facts)`);
  await database.close();
}

async function buildRollups(db: Db): Promise<void> {
  // Fresh statistics first: the facts' statement joins a million reports with their events.
  await db.execute(sql.raw('VACUUM ANALYZE'));
  const rolled = Date.now();
  await rebuildAll({ db, clock: fixedClock(NOW), calendar: uncachedCalendar });
  console.log(`facts and roll-ups built in ${((Date.now() - rolled) / 1000).toFixed(0)} s`);
  await db.execute(sql.raw('VACUUM ANALYZE'));
}

async function startApp(url: string, port: number) {
  const child = fork(path.join(here, 'server.ts'), ['app', url, String(port), 'public'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function analystToken(url: string, port: number): Promise<string> {
  const email = `bench-analyst-${Date.now()}@example.org`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, 'Bench Analyst', 'analyst')`,
    [email, await hashPassword(PASSWORD)],
  );
  await client.end();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/session?mode=token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

type Row = { scenario: string; n: number; p50: number; p95: number; p99: number; target?: number };

async function sample(port: number, token: string | null, paths: string[], warmup = 3): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < paths.length + warmup; i++) {
    const p = paths[i % paths.length]!;
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}${p}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`${p}: ${res.status} ${body.slice(0, 300)}`);
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** A pseudo-random generator for the scenarios' viewports and periods (the same every run). */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export async function runAnalyticsBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      reports: { type: 'string', default: '1000000' },
      reuse: { type: 'boolean', default: false },
      samples: { type: 'string', default: '60' },
      port: { type: 'string', default: '3911' },
      'export-only': { type: 'boolean', default: false },
    },
  });
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error(
      'The analytics benchmark runs against PostgreSQL: set DATABASE_URL (it creates vmeste_bench_region).',
    );
  const url = withDatabase(base, DB);
  await prepare(base, Number(values.reports), values.reuse);
  const port = Number(values.port);
  const server = await startApp(url, port);
  const token = await analystToken(url, port);
  const n = Number(values.samples);
  const r = rng(7);
  const ids = async (p: string) =>
    (
      (await (await fetch(`http://127.0.0.1:${port}${p}`)).json()) as {
        items: { id: string; kind?: string; parentId?: string | null }[];
      }
    ).items;
  const districts = (await ids('/api/v1/territories')).filter((t) => t.kind === 'district').map((t) => t.id);
  const topics = (await ids('/api/v1/categories')).filter((c) => !c.parentId).map((c) => c.id);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const period = () => {
    const days = pick([7, 30, 90, 365]);
    const end = NOW.getTime() - Math.floor(r() * 300) * 86_400_000;
    return `from=${day(end - (days - 1) * 86_400_000)}&to=${day(end)}`;
  };
  const filter = () => pick(['', `&territoryId=${pick(districts)}`, `&categoryId=${pick(topics)}`]);
  const viewport = (zoom: number, filters = '') => {
    // A 1280 × 800 screen at the zoom, centred somewhere in the city.
    const lonSpan = (1280 * 360) / (256 * 2 ** zoom);
    const latSpan = lonSpan * 0.5 * (800 / 1280) * 2;
    const lon = 30.15 + r() * 0.35;
    const lat = 59.85 + r() * 0.15;
    const b = [lon - lonSpan / 2, lat - latSpan / 4, lon + lonSpan / 2, lat + latSpan / 4].map((v) =>
      v.toFixed(5),
    );
    return `/api/v1/map/clusters?bbox=${b.join(',')}&zoom=${zoom}${filters}`;
  };
  const scenarios: { name: string; paths: string[]; target?: number; visitor?: boolean }[] = [
    { name: 'map clusters z9', paths: Array.from({ length: n }, () => viewport(9)), target: 100 },
    { name: 'map clusters z12', paths: Array.from({ length: n }, () => viewport(12)), target: 100 },
    { name: 'map clusters z15', paths: Array.from({ length: n }, () => viewport(15)), target: 100 },
    {
      // What a visitor sees (the listed reports only), and a topic or district filter (grain 2).
      name: 'map z12 visitor',
      paths: Array.from({ length: n }, () => viewport(12)),
      target: 100,
      visitor: true,
    },
    {
      name: 'map z12 filtered',
      paths: Array.from({ length: n }, () =>
        viewport(
          12,
          pick([`&categoryId=${pick(topics)}`, `&territoryId=${pick(districts)}`, '&status=in_progress']),
        ),
      ),
      target: 100,
    },
    {
      name: 'summary',
      paths: Array.from({ length: n }, () => `/api/v1/analytics/summary?${period()}${filter()}`),
      target: 200,
    },
    {
      name: 'dashboard',
      paths: Array.from({ length: n }, () => `/api/v1/analytics/dashboard?${period()}${filter()}`),
      target: 200,
    },
    {
      name: 'choropleth',
      paths: Array.from(
        { length: n },
        () => `/api/v1/analytics/choropleth?${period()}&metric=answeredOnTimeShare`,
      ),
      target: 200,
    },
    {
      name: 'league',
      paths: Array.from(
        { length: n },
        () =>
          `/api/v1/analytics/league?metric=${pick(['answered_on_time', 'median_answer_days', 'satisfied'])}`,
      ),
      target: 200,
    },
    {
      name: 'matrix (90 days)',
      paths: Array.from(
        { length: Math.ceil(n / 3) },
        () => `/api/v1/analytics/matrix?from=2025-12-03&to=2026-03-02`,
      ),
    },
  ];
  const rows: Row[] = [];
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load average before: ${load()}`);
  for (const s of values['export-only'] ? [] : scenarios) {
    const times = await sample(port, s.visitor ? null : token, s.paths);
    const row: Row = {
      scenario: s.name,
      n: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
    };
    if (s.target) row.target = s.target;
    rows.push(row);
    console.log(
      `${s.name.padEnd(20)} n=${String(times.length).padStart(4)}  p50 ${row.p50.toFixed(1).padStart(7)} ms  p95 ${row.p95.toFixed(1).padStart(7)} ms  p99 ${row.p99.toFixed(1).padStart(7)} ms${s.target ? `  (target p95 < ${s.target} ms: ${row.p95 < s.target ? 'met' : 'NOT met'})` : ''}`,
    );
  }
  console.log(`load average after the scenarios: ${load()}`);
  const before = rssOf(server.pid);
  // The whole report list (every row of the data set) as CSV, read as fast as the client can.
  const t0 = performance.now();
  let bytes = 0;
  let lines = 0;
  let maxRss = before.rss;
  const timer = setInterval(() => {
    maxRss = Math.max(maxRss, rssOf(server.pid).rss);
  }, 100);
  const res = await fetch(
    `http://127.0.0.1:${port}/api/v1/analytics/export?table=reports&from=2024-03-03&to=2026-03-02`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (!res.ok || !res.body) throw new Error(`export: ${res.status}`);
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  const after = rssOf(server.pid);
  console.log(
    `CSV export: ${lines - 1} rows, ${(bytes / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s (${((lines - 1) / seconds).toFixed(0)} rows/s); server RSS ${before.rss.toFixed(0)} MiB before, at most ${maxRss.toFixed(0)} MiB during; peak RSS of the whole run ${after.peak.toFixed(0)} MiB`,
  );
  await server.stop();
  console.log(
    JSON.stringify({
      scenario: 'analytics',
      reports: Number(values.reports),
      rows,
      export: { rows: lines - 1, bytes, seconds, rssBefore: before.rss, rssMax: maxRss, peak: after.peak },
    }),
  );
}
