/**
 * App nodes as real processes (`vmeste serve`), for the crash, cluster and soak scenarios: the
 * reliability claims are about processes that die, restart and share one database, which an
 * in-process `app.inject` cannot show.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/connection.ts';
import { openPostgres } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openEmbeddedDatabase } from '../../src/db/pglite-base.ts';
import { seedReference } from '../../src/db/seed/reference.ts';
import { dropDatabase, recreateDatabase } from '../postgres-databases.ts';
import { vmesteCommand } from './vmeste-command.ts';

/** Where a scenario's data lives: a PostgreSQL database of its own, or an embedded data directory. */
export type Store =
  | { engine: 'postgres'; url: string; dataDir: string }
  | { engine: 'pglite'; dataDir: string };

/** A fresh, migrated database with the reference data (categories, districts, rules). */
export async function freshStore(engine: 'postgres' | 'pglite', name: string): Promise<Store> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `vmeste-${name}-`));
  if (engine === 'pglite') {
    const { database } = await openEmbeddedDatabase({
      dataDir: path.join(dataDir, 'pglite'),
      schema: 'public',
    });
    await migrate(database, 'public');
    await seedReference(database.db);
    await database.close();
    return { engine, dataDir };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL must point at PostgreSQL for this scenario');
  const url = await recreateDatabase(base, name);
  const { database } = openPostgres({ databaseUrl: url, schema: 'public', poolSize: 2 });
  await migrate(database, 'public');
  await seedReference(database.db);
  await database.close();
  return { engine, url, dataDir };
}

/** Removes the store (the PostgreSQL database is dropped; the data directory deleted). */
export async function dropStore(store: Store): Promise<void> {
  rmSync(store.dataDir, { recursive: true, force: true });
  if (store.engine !== 'postgres') return;
  await dropDatabase(store.url);
}

/**
 * Opens the store from this process (PostgreSQL: beside running nodes; the embedded database: only
 * while no node runs, it is one process's).
 */
export async function openStore(store: Store): Promise<Database> {
  if (store.engine === 'postgres')
    return openPostgres({ databaseUrl: store.url, schema: 'public', poolSize: 4 }).database;
  // As `vmeste serve` opens it: with the slim PostGIS bundle (the whole one costs seconds to unpack).
  return (await openEmbeddedDatabase({ dataDir: path.join(store.dataDir, 'pglite'), schema: 'public' }))
    .database;
}

export type NodeProcess = {
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<string>;
  /** Milliseconds from the fork to the first healthy answer. */
  startMs: number;
  output: () => string;
};

/** The environment every node of a scenario gets: limits out of the way, the store, quiet logs. */
export function nodeEnv(store: Store, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: store.dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
    ...extra,
  };
  if (store.engine === 'postgres') env.DATABASE_URL = store.url;
  else delete env.DATABASE_URL;
  return env;
}

/**
 * Starts `vmeste serve` (with `args`, e.g. `--workers 3`) and waits until it answers `readyPath` and,
 * with `--workers N`, until the primary says all N workers listen: a connection the kernel hands to a
 * worker still starting (or one that fails at its start) waits for it, which on a loaded machine
 * outlasts a test's budget for one request.
 */
export async function startNode(
  env: NodeJS.ProcessEnv,
  port: number,
  args: string[] = [],
  readyPath = '/api/health',
  timeoutMs = 120_000,
): Promise<NodeProcess> {
  const started = Date.now();
  let out = '';
  const command = vmesteCommand();
  const child = fork(command.entry, ['serve', '--port', String(port), ...args], {
    execArgv: command.execArgv,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const workersAt = args.indexOf('--workers');
  const workers = workersAt >= 0 ? Number(args[workersAt + 1]) : 1;
  // Printed once by the cluster primary when every worker listens (serve-cluster.ts).
  const allListening = `with ${workers} workers`;
  let allWorkersListen = workers <= 1;
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-20_000);
    if (out.includes(allListening)) allWorkersListen = true;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  let gone: string | null = null;
  void exited.then((how) => {
    gone = how;
  });
  while (Date.now() - started < timeoutMs) {
    if (gone !== null) throw new Error(`node on port ${port} exited (${gone}) before it was ready:\n${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      if (res.ok && allWorkersListen)
        return { port, child, exited, startMs: Date.now() - started, output: () => out };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`node on port ${port} not ready within ${timeoutMs} ms:\n${out}`);
}

/** SIGTERM, then how long the process took to exit (SIGKILL after `graceMs`, reported as such). */
export async function stopNode(node: NodeProcess, graceMs = 20_000): Promise<{ ms: number; how: string }> {
  const t0 = Date.now();
  if (node.child.exitCode !== null || node.child.signalCode !== null)
    return { ms: 0, how: await node.exited };
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), graceMs);
  const how = await node.exited;
  clearTimeout(timer);
  return { ms: Date.now() - t0, how };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
