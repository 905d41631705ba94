import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPostgres } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReference } from '../src/db/seed/reference.ts';
import { formatCpu } from './cpu.ts';
import type { LoadResult } from './load.ts';
import { recreateDatabase } from './postgres-databases.ts';

/**
 * What every bench scenario stands on: a fresh migrated database (PostgreSQL, or a region schema on
 * a Citus coordinator), the app or the bare baseline server in a child process, and small helpers to
 * call it and print a result line.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
// Another name (BENCH_DATABASE) lets two benches share one PostgreSQL server without dropping each other's.
const BENCH_DB = process.env.BENCH_DATABASE ?? 'vmeste_bench';
export const CITUS_BENCH_SCHEMA = 'vmeste_bench';
export const BENCH_PASSWORD = 'bench-password-1';

export async function freshDatabase(baseUrl: string): Promise<string> {
  const url = await recreateDatabase(baseUrl, BENCH_DB);
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
export async function freshCitusRegion(url: string): Promise<void> {
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

/** A server under test in its own process: the app or the bare baselines over PostgreSQL, or the app over a PGlite directory. */
export async function startServer(
  mode: 'app' | 'bare' | 'pglite',
  url: string,
  port: number,
  schema = 'public',
) {
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
  return { stop, pid: child.pid };
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

/** One scenario's figures on one line; `note` (a verdict against a target, say) goes before the CPU. */
export function line(name: string, r: LoadResult, note?: string): string {
  return `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}/${r.requests}${note ? `   ${note}` : ''}${r.cpu ? `   ${formatCpu(r.cpu)}` : ''}`;
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
