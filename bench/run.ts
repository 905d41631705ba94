import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startProgress } from '../src/cli/progress.ts';
import { openPostgres } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { generateIntakeBodies } from '../src/demo/report-generator.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import {
  ACTION_SCENARIOS,
  type ActionWork,
  actionVerdict,
  actionWork,
  createStaff,
  type Staff,
} from './actions.ts';
import { type LoadResult, runLoad } from './load.ts';
import { BENCH_NOTICES, noticeMapPath, regionBox, seedNotices } from './notices.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// Another name (BENCH_DATABASE) lets two benches share one PostgreSQL server without dropping each other's.
const BENCH_DB = process.env.BENCH_DATABASE ?? 'vmeste_bench';
const CITUS_BENCH_SCHEMA = 'vmeste_bench';
export const BENCH_PASSWORD = 'bench-password-1';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function freshDatabase(baseUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = withDatabase(baseUrl, BENCH_DB);
  await migrateAndSeed(url, 'public');
  // An experiment's change to the schema (e.g. without a trigger), measured against the same bench.
  if (process.env.BENCH_EXPERIMENT_SQL) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(process.env.BENCH_EXPERIMENT_SQL);
    await c.end();
  }
  return url;
}

/**
 * On a Citus coordinator the bench's region is a distributed schema of the coordinator's database
 * (a region as `vmeste migrate` makes it, docs/scale-out.md), dropped first with its job queue's
 * schema; a database of its own would need Citus set up in it on every node.
 */
async function freshCitusRegion(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${CITUS_BENCH_SCHEMA} CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS pgboss_${CITUS_BENCH_SCHEMA} CASCADE`);
  await admin.end();
  await migrateAndSeed(url, CITUS_BENCH_SCHEMA);
}

async function migrateAndSeed(url: string, schema: string): Promise<void> {
  const { database } = openPostgres({ databaseUrl: url, schema, poolSize: 2 });
  await migrate(database, schema);
  await seedReference(database.db);
  await database.close();
}

export async function startServer(mode: 'app' | 'bare', url: string, port: number, schema = 'public') {
  const child = fork(path.join(here, 'server.ts'), [mode, url, String(port), schema], {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server (open it in Chrome DevTools).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { stop };
}

export async function json<T>(
  port: number,
  method: string,
  p: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function line(name: string, r: LoadResult): string {
  return `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}/${r.requests}`;
}

type Target = {
  name: string;
  url: string;
  schema: string;
  port: number;
  stop: () => Promise<void>;
  token: string;
  moderatorToken: string;
  staff: Staff;
};

async function signIn(port: number, email: string): Promise<string> {
  const session = await json<{ token: string }>(port, 'POST', '/api/v1/session?mode=token', {
    email,
    password: BENCH_PASSWORD,
  });
  return session.token;
}

/** Starts the app on one database and signs a resident and a moderator in, for the scenarios. */
async function openTarget(name: string, url: string, port: number, schema: string): Promise<Target> {
  const { stop } = await startServer('app', url, port, schema);
  const email = `bench-${Date.now()}@example.org`;
  await json(port, 'POST', '/api/v1/users', { email, password: BENCH_PASSWORD, name: 'Bench Resident' });
  // Staff accounts are made by an administrator, not by sign-up: the bench writes its moderator directly.
  const moderator = `bench-moderator-${Date.now()}@example.org`;
  await withSchema(url, schema, (c) =>
    hashPassword(BENCH_PASSWORD).then((hash) =>
      c.query(
        `INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, 'Bench Moderator', 'moderator')`,
        [moderator, hash],
      ),
    ),
  );
  const moderatorToken = await signIn(port, moderator);
  const staff = await withSchema(url, schema, (c) =>
    createStaff(
      async (text, values) => (await c.query(text, values)).rows,
      (e) => signIn(port, e),
      BENCH_PASSWORD,
      moderatorToken,
    ),
  );
  return { name, url, schema, port, stop, token: await signIn(port, email), moderatorToken, staff };
}

export async function withSchema<T>(
  url: string,
  schema: string,
  use: (c: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema},public` });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * The same starting state for every intake run: no reports (nor what hangs on them: events, links,
 * followers…), no audit rows and no notices. The report numbers go on (no sequence restart: Citus).
 */
function clearIntakeState(target: Target): Promise<void> {
  return withSchema(target.url, target.schema, async (c) => {
    await c.query('TRUNCATE reports, audit_log CASCADE');
    await c.query('ANALYZE reports');
    await clearNoticesWith(c);
  });
}

function clearNotices(target: Target): Promise<void> {
  return withSchema(target.url, target.schema, clearNoticesWith);
}

async function clearNoticesWith(c: pg.Client): Promise<void> {
  await c.query('TRUNCATE notices CASCADE');
  await c.query('ANALYZE notices');
}

/** The middle run of a scenario's runs by throughput (the mean of the two middle ones' figures when even). */
function medianRun(
  results: { scenario: string; target: string; result: LoadResult }[],
  scenario: string,
  target: string,
): LoadResult {
  const runs = results
    .filter((r) => r.scenario === scenario && r.target === target)
    .map((r) => r.result)
    .sort((a, b) => a.throughput - b.throughput);
  if (runs.length === 0) throw new Error(`no run of ${scenario} on ${target}`);
  const hi = runs[Math.floor(runs.length / 2)]!;
  if (runs.length % 2 === 1) return hi;
  const lo = runs[runs.length / 2 - 1]!;
  const mean = (k: 'throughput' | 'p50' | 'p95' | 'p99') => (lo[k] + hi[k]) / 2;
  return {
    ...hi,
    throughput: mean('throughput'),
    p50: mean('p50'),
    p95: mean('p95'),
    p99: mean('p99'),
  };
}

/** Every report's id, in filing order: the report-page scenario reads them in turn. */
function reportIds(url: string, schema: string): Promise<string[]> {
  return withSchema(url, schema, async (c) => {
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM reports ORDER BY number`);
    return rows.map((r) => r.id);
  });
}

/** The commonest (category, status) pair: the bare page baseline's filter. */
function commonPage(url: string): Promise<{ category: string; status: string }> {
  return withSchema(url, 'public', async (c) => {
    const { rows } = await c.query<{ category: string; status: string }>(
      `SELECT category_id AS category, status FROM reports GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
    );
    return rows[0]!;
  });
}

/** The baseline a scenario is compared with: writes with the bare INSERT, reads with the bare read or page. */
function baselineOf(scenario: string): 'insert' | 'read' | 'page' {
  if (scenario === 'page') return 'read';
  if (scenario === 'reads' || scenario.startsWith('notice-map')) return 'page';
  return 'insert';
}

/**
 * Scenario "intake": report creation over HTTP (validation, territory lookup, routing, event, audit)
 * vs a bare INSERT, and "reads": the public list of reports. With CITUS_URL (a Citus coordinator) the
 * same scenarios also run against a distributed region schema there, alternating with plain
 * PostgreSQL scenario by scenario so that both see the same machine load.
 */
/** The load options of an action scenario: request i acts on the i-th report as its staff member. */
function actionLoad(work: ActionWork[]) {
  return {
    path: (i: number) => work[i]!.path,
    body: (i: number) => work[i]!.body,
    requestHeaders: (i: number) => ({ authorization: `Bearer ${work[i]!.token}` }),
  };
}

export async function runBench(args: string[]): Promise<void> {
  if (args[0] === 'learning') return (await import('./learning.ts')).runLearningBench(args.slice(1));
  if (args[0] === 'knowledge')
    return (await import('./knowledge-search.ts')).runKnowledgeBench(args.slice(1));
  if (args[0] === 'vote-rush') return (await import('./vote-rush.ts')).runVoteRushBench(args.slice(1));
  if (args[0] === 'opinion-map') return (await import('./opinion-map.ts')).runOpinionMapBench(args.slice(1));
  if (args[0] === 'analytics') return (await import('./analytics.ts')).runAnalyticsBench(args.slice(1));
  if (args[0] === 'lists') return (await import('./lists.ts')).runListsBench(args.slice(1));
  // The address registry and rule-change scenarios (docs/performance.md): `npm run bench -- addresses`.
  if (args[0] === 'addresses') {
    if (!process.env.DATABASE_URL)
      throw new Error('The address bench runs against PostgreSQL: set DATABASE_URL');
    return (await import('./addresses.ts')).runAddressBench(process.env.DATABASE_URL);
  }
  if (args[0] === 'reliability')
    return (await import('./reliability/run.ts')).runReliabilityBench(args.slice(1));
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '32' },
      // The report page, its bare-read baseline and the staff actions: issue 17's targets are at 16.
      'action-concurrency': { type: 'string', default: '16' },
      port: { type: 'string', default: '3901' },
      // Runs of each intake (without and with notices), alternated A B B A …: at least 2.
      rounds: { type: 'string', default: '2' },
      quiet: { type: 'boolean', default: false },
      // Comma-separated scenarios to run (e.g. `intake` or `page,reads`): for profiling one path.
      only: { type: 'string' },
    },
  });
  // Each run lasts a fixed time: the bar goes by seconds, the count and the rate are requests.
  const shown = (label: string) => {
    const progress = startProgress({
      label,
      unit: 'requests',
      total: seconds + warmupSeconds,
      quiet: values.quiet,
    });
    return {
      onProgress: (sent: number, elapsed: number) => progress.update(sent, elapsed),
      done: () => progress.stop(),
    };
  };
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    throw new Error(
      'The benchmark runs against PostgreSQL: set DATABASE_URL=postgres://user:pass@host:5432/postgres (it creates and drops the database vmeste_bench); CITUS_URL=<coordinator> adds the same scenarios on Citus (schema vmeste_bench).',
    );
  }
  const citusUrl = process.env.CITUS_URL;
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  const concurrency = Number(values.concurrency);
  const actionConcurrency = Number(values['action-concurrency']);
  const port = Number(values.port);
  const rounds = Math.max(1, Number(values.rounds));
  const maxRequests = 2_000_000;
  const bodies = generateIntakeBodies(50_000, 42);

  console.log(
    `Vmeste benchmark — intake, actions and reads, concurrency ${concurrency} (report page and actions ${actionConcurrency}), ${seconds} s (+${warmupSeconds} s warm-up), PostgreSQL${citusUrl ? ' and Citus' : ''}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const url = await freshDatabase(baseUrl);
  if (citusUrl) await freshCitusRegion(citusUrl);

  const targets = [await openTarget('PostgreSQL', url, port, 'public')];
  if (citusUrl) targets.push(await openTarget('Citus', citusUrl, port + 1, CITUS_BENCH_SCHEMA));
  const run = Date.now().toString(36);
  const results: { scenario: string; target: string; result: LoadResult }[] = [];
  // Notices (docs/notices.md): the intake with 10,000 notices (a third in force) against the intake
  // without, to hold the linking inside the intake statement to within 5 % of the intake without
  // them; then the notice map's query over them. The two intakes are compared fairly: each run starts
  // from the same state (no reports: the similar-report look-up after each filing grows with the
  // reports nearby, so a second run on the first one's 20,000 reports does more work), and the runs
  // alternate A B B A … so that a drift of the machine's load weighs on both alike; their medians
  // are compared. A first, unrecorded intake warms the server up (JIT, prepared statements, caches),
  // which would otherwise count against whichever run comes first.
  const mapPaths = new Map<string, (i: number) => string>();
  const intakeOrder = Array.from({ length: rounds }, (_, k) =>
    k % 2 === 0 ? (['intake', 'intake-notices'] as const) : (['intake-notices', 'intake'] as const),
  ).flat();
  const steps = [
    'intake-warmup',
    ...intakeOrder,
    ...ACTION_SCENARIOS,
    'page',
    'reads',
    'notice-map',
    'notice-map-1',
  ] as const;
  const only = values.only?.split(',').map((o) => o.trim());
  for (const [step, scenario] of steps.entries()) {
    if (only && !only.includes(scenario) && !(scenario === 'intake-warmup' && only.includes('intake')))
      continue;
    for (const target of targets) {
      const intakeRun =
        scenario === 'intake' || scenario === 'intake-notices' || scenario === 'intake-warmup';
      if (intakeRun) await clearIntakeState(target);
      if (scenario === 'intake-notices' || scenario === 'notice-map') {
        await clearNotices(target);
        await seedNotices(target.url, target.schema, BENCH_NOTICES, new Date());
        mapPaths.set(
          target.name,
          noticeMapPath(await regionBox(target.url, target.schema), new Date().toISOString()),
        );
      }
      const action = (ACTION_SCENARIOS as readonly string[]).includes(scenario)
        ? await withSchema(target.url, target.schema, (c) =>
            actionWork(
              async (text, values) => (await c.query(text, values)).rows,
              target.staff,
              scenario as (typeof ACTION_SCENARIOS)[number],
            ),
          )
        : null;
      const pageIds = scenario === 'page' ? await reportIds(target.url, target.schema) : [];
      // Category ids differ between the two databases; their codes are the same.
      const ids = new Map(
        (
          await json<{ items: { id: string; code: string }[] }>(target.port, 'GET', '/api/v1/categories')
        ).items.map((c) => [c.code, c.id]),
      );
      const progress = shown(`${scenario} (${target.name})`);
      const result = await runLoad({
        port: target.port,
        // The map's latency is one resident's view: measured with one client as well as under load.
        concurrency:
          scenario === 'notice-map-1' ? 1 : action || scenario === 'page' ? actionConcurrency : concurrency,
        seconds: scenario === 'intake-warmup' ? warmupSeconds : seconds,
        warmupSeconds: scenario === 'intake-warmup' ? 0 : warmupSeconds,
        // An action stops when the reports in its status run out (each is acted on once).
        maxRequests: action ? action.length : maxRequests,
        headers: { authorization: `Bearer ${target.token}` },
        onProgress: progress.onProgress,
        ...(intakeRun
          ? {
              path: '/api/v1/reports',
              body: (i: number) => {
                const b = bodies[i % bodies.length]!;
                return {
                  categoryId: ids.get(b.categoryCode)!,
                  text: b.text,
                  lat: b.lat,
                  lon: b.lon,
                  address: b.address,
                };
              },
              idempotencyKey: (i: number) => `bench-${run}-${target.name}-${step}-${i}`,
            }
          : scenario === 'notice-map' || scenario === 'notice-map-1'
            ? { path: mapPaths.get(target.name)!, method: 'GET' as const }
            : action
              ? actionLoad(action)
              : scenario === 'page'
                ? {
                    // The author's view of each report in turn (the bench resident filed them all).
                    path: (i: number) => `/api/v1/reports/${pageIds[i % pageIds.length]}`,
                    method: 'GET' as const,
                  }
                : { path: '/api/v1/reports?limit=20', method: 'GET' as const }),
      });
      progress.done();
      if (scenario !== 'intake-warmup') results.push({ scenario, target: target.name, result });
    }
  }
  const categories = await json<{ items: { id: string }[] }>(port, 'GET', '/api/v1/categories');
  for (const target of targets) await target.stop();

  const toBody = (i: number) => {
    const b = bodies[i % bodies.length]!;
    return { categoryId: categories.items[0]!.id, text: b.text, lat: b.lat, lon: b.lon, address: b.address };
  };
  const readIds = await reportIds(url, 'public');
  const page = await commonPage(url);
  const bare = await startServer('bare', url, port);
  const bareRun = async (label: string, load: Partial<Parameters<typeof runLoad>[0]>) => {
    const progress = shown(label);
    const result = await runLoad({
      port,
      path: '/bare',
      concurrency,
      seconds,
      warmupSeconds,
      maxRequests,
      headers: {},
      onProgress: progress.onProgress,
      ...load,
    });
    progress.done();
    return result;
  };
  const baselines = {
    insert: await bareRun('baseline (bare INSERT)', { body: toBody }),
    read: await bareRun('baseline (bare read by id)', {
      concurrency: actionConcurrency,
      method: 'GET',
      path: (i) => `/bare/read/${readIds[i % readIds.length]}`,
    }),
    page: await bareRun('baseline (bare page of 25)', {
      method: 'GET',
      path: `/bare/page?category=${page.category}&status=${page.status}`,
    }),
  };
  const baseline = baselines.insert;
  await bare.stop();

  const baselineLabel = { insert: 'bare INSERT', read: 'bare read', page: 'bare page' } as const;
  for (const r of results) {
    const which = baselineOf(r.scenario);
    const ratio = r.result.throughput / baselines[which].throughput;
    console.log(
      `${line(`${r.scenario} (${r.target})`, r.result)}   ${(ratio * 100).toFixed(1).padStart(5)}% of ${baselineLabel[which]}`,
    );
  }
  console.log(line('baseline (bare INSERT)', baselines.insert));
  console.log(line('baseline (bare read by id)', baselines.read));
  console.log(line('baseline (bare page of 25)', baselines.page));
  // With --only, the summaries of scenarios that did not run are left out.
  const ran = (scenario: string) => results.some((r) => r.scenario === scenario);
  if (ran('intake')) {
    const intake = medianRun(results, 'intake', 'PostgreSQL');
    const ratio = intake.throughput / baseline.throughput;
    console.log(`ratio intake/baseline: ${(ratio * 100).toFixed(1)}%`);
    console.log(
      `targets: ≥1000 req/s ${intake.throughput >= 1000 ? 'met' : 'NOT met'}; p99 < 50 ms ${intake.p99 < 50 ? 'met' : 'NOT met'}; ≥40% of baseline ${ratio >= 0.4 ? 'met' : 'NOT met'}`,
    );
  }
  for (const target of targets) {
    const of = (scenario: string) => medianRun(results, scenario, target.name);
    if (ran('page')) {
      const pageRatio = of('page').throughput / baselines.read.throughput;
      console.log(
        `report page (${target.name}): ${(pageRatio * 100).toFixed(1)}% of the bare read (target ≥40%: ${pageRatio >= 0.4 ? 'met' : 'NOT met'})`,
      );
    }
    for (const a of ACTION_SCENARIOS.filter(ran)) {
      const r = of(a);
      console.log(
        `${a} (${target.name}): ${r.requests} requests, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms — ${actionVerdict(r)}`,
      );
    }
  }
  for (const target of ['intake', 'intake-notices', 'notice-map', 'notice-map-1'].every(ran) ? targets : []) {
    const of = (scenario: string) => medianRun(results, scenario, target.name);
    const runs = (scenario: string) =>
      results
        .filter((r) => r.scenario === scenario && r.target === target.name)
        .map((r) => r.result.throughput.toFixed(0))
        .join(', ');
    const linked = of('intake-notices').throughput / of('intake').throughput;
    console.log(
      `intake runs (${target.name}), in order A B B A …: without notices ${runs('intake')} req/s; with ${BENCH_NOTICES} notices ${runs('intake-notices')} req/s`,
    );
    const map = of('notice-map-1');
    console.log(
      `notices (${target.name}): intake with ${BENCH_NOTICES} notices at ${(linked * 100).toFixed(1)}% of the intake without (medians of ${rounds} runs each) (target ≥95%: ${linked >= 0.95 ? 'met' : 'NOT met'}); notice map p95 ${map.p95.toFixed(1)} ms with one client, ${of('notice-map').p95.toFixed(1)} ms with ${concurrency} (target < 100 ms with one: ${map.p95 < 100 ? 'met' : 'NOT met'})`,
    );
  }
  if (citusUrl) {
    for (const scenario of ['intake', 'accept', 'page', 'reads'].filter(ran)) {
      const [plain, citus] = ['PostgreSQL', 'Citus'].map((t) => medianRun(results, scenario, t));
      console.log(
        `Citus vs PostgreSQL, ${scenario}: ${(citus!.throughput / plain!.throughput).toFixed(2)}× the throughput, p50 ${(citus!.p50 / plain!.p50).toFixed(2)}× the latency`,
      );
    }
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(JSON.stringify({ scenario: 'intake', concurrency, seconds, results, baselines }));
}
