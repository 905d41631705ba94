import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startProgress } from '../src/cli/progress.ts';
import { openPostgres } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { generateIntakeBodies } from '../src/demo/report-generator.ts';
import { type LoadResult, runLoad } from './load.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH_DB = 'vmeste_bench';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freshDatabase(baseUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = withDatabase(baseUrl, BENCH_DB);
  const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 2 });
  await migrate(database, 'public');
  await seedReference(database.db);
  await database.close();
  return url;
}

async function startServer(mode: 'app' | 'bare', url: string, port: number) {
  const child = fork(path.join(here, 'server.ts'), [mode, url, String(port)], {
    execArgv: ['--import', 'tsx'],
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

async function json<T>(
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

function line(name: string, r: LoadResult): string {
  return `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}/${r.requests}`;
}

/** Scenario "intake": report creation over HTTP (validation, territory lookup, routing, event, audit) vs a bare INSERT. */
export async function runBench(args: string[]): Promise<void> {
  if (args[0] === 'learning') return (await import('./learning.ts')).runLearningBench(args.slice(1));
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '32' },
      port: { type: 'string', default: '3901' },
      quiet: { type: 'boolean', default: false },
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
      'The benchmark runs against PostgreSQL: set DATABASE_URL=postgres://user:pass@host:5432/postgres (it creates and drops the database vmeste_bench).',
    );
  }
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  const concurrency = Number(values.concurrency);
  const port = Number(values.port);
  const maxRequests = 2_000_000;
  const bodies = generateIntakeBodies(50_000, 42);

  console.log(
    `Vmeste benchmark — intake, concurrency ${concurrency}, ${seconds} s (+${warmupSeconds} s warm-up), PostgreSQL`,
  );
  const url = await freshDatabase(baseUrl);

  const app = await startServer('app', url, port);
  const categories = await json<{ items: { id: string; code: string }[] }>(port, 'GET', '/api/v1/categories');
  const byCode = new Map(categories.items.map((c) => [c.code, c.id]));
  const email = `bench-${Date.now()}@example.org`;
  await json(port, 'POST', '/api/v1/users', { email, password: 'bench-password-1', name: 'Bench Resident' });
  const session = await json<{ token: string }>(port, 'POST', '/api/v1/session?mode=token', {
    email,
    password: 'bench-password-1',
  });
  const toBody = (i: number) => {
    const b = bodies[i % bodies.length]!;
    return {
      categoryId: byCode.get(b.categoryCode)!,
      text: b.text,
      lat: b.lat,
      lon: b.lon,
      address: b.address,
    };
  };
  const run = Date.now().toString(36);
  const intakeProgress = shown('intake (full app)');
  const intake = await runLoad({
    port,
    path: '/api/v1/reports',
    concurrency,
    seconds,
    warmupSeconds,
    maxRequests,
    headers: { authorization: `Bearer ${session.token}` },
    body: toBody,
    idempotencyKey: (i) => `bench-${run}-${i}`,
    onProgress: intakeProgress.onProgress,
  });
  intakeProgress.done();
  await app.stop();

  const bare = await startServer('bare', url, port);
  const bareProgress = shown('baseline (bare INSERT)');
  const baseline = await runLoad({
    port,
    path: '/bare',
    concurrency,
    seconds,
    warmupSeconds,
    maxRequests,
    headers: {},
    body: toBody,
    onProgress: bareProgress.onProgress,
  });
  bareProgress.done();
  await bare.stop();

  const ratio = intake.throughput / baseline.throughput;
  console.log(line('intake (full app)', intake));
  console.log(line('baseline (bare INSERT)', baseline));
  console.log(`ratio intake/baseline: ${(ratio * 100).toFixed(1)}%`);
  console.log(
    `targets: ≥1000 req/s ${intake.throughput >= 1000 ? 'met' : 'NOT met'}; p99 < 50 ms ${intake.p99 < 50 ? 'met' : 'NOT met'}; ≥40% of baseline ${ratio >= 0.4 ? 'met' : 'NOT met'}`,
  );
  console.log(JSON.stringify({ scenario: 'intake', concurrency, seconds, intake, baseline, ratio }));
}
