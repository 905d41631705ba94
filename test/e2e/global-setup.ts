import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { recreateDatabase } from '../../bench/postgres-databases.ts';
import { vmesteCommand } from '../../bench/reliability/vmeste-command.ts';
import { repoRoot } from '../../src/lib/repo-root.ts';
import { buildServerBundle } from '../support/server-bundle.ts';
import { dropPostgresDatabases } from '../support/template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory the real `vmeste seed` filled with the demo region; each server starts on a copy. */
    e2eSeededDataDir: string | undefined;
    /**
     * With VMESTE_E2E_POSTGRES_URL: the database on that server the seed filled; each file's server
     * gets its own copy (`CREATE DATABASE … TEMPLATE`), beside a copy of the seeded data directory.
     */
    e2eSeededDatabase: { url: string; name: string } | undefined;
  }
}

/**
 * Seeding the demo region into a fresh database (PostGIS, migrations, 300 reports, a classifier
 * trained on 2,500 examples) is most of a server's start-up. It is done once per run by the CLI a
 * user would run, and each test file's server gets its own copy of the result (test/e2e/harness.ts),
 * so files still never share a database. The database is the embedded one, or with
 * VMESTE_E2E_POSTGRES_URL a database on that PostgreSQL server (CI: a file's server then starts on
 * a third of the CPU, docs/performance.md, "CI in the thirty-second session").
 */
export default async function setup(project: TestProject) {
  project.provide('e2eSeededDatabase', undefined);
  if (process.env.VMESTE_E2E_URL || process.env.VMESTE_E2E_DATABASE_URL) {
    project.provide('e2eSeededDataDir', undefined);
    return undefined;
  }
  // Every file's server starts from one bundle of the sources (test/support/server-bundle.ts).
  const bundle = await buildServerBundle('e2e');
  process.env.VMESTE_TEST_SERVER_BUNDLE = bundle.entry;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vmeste-e2e-seed-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const postgresUrl = process.env.VMESTE_E2E_POSTGRES_URL;
  // Named after this process, so that runs side by side never meet.
  const seededDatabase = postgresUrl
    ? { url: postgresUrl, name: `vmeste_e2e_seed_${process.pid}` }
    : undefined;
  if (seededDatabase) env.DATABASE_URL = await recreateDatabase(seededDatabase.url, seededDatabase.name);
  else delete env.DATABASE_URL;
  const command = vmesteCommand();
  const child = spawn(process.execPath, [...command.execArgv, command.entry, 'seed'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const teardown = async () => {
    await rm(dataDir, { recursive: true, force: true });
    await bundle.remove();
    // The seeded database and every file's copy left behind by a failed stop.
    if (seededDatabase) await dropPostgresDatabases(seededDatabase.url, seededDatabase.name);
  };
  if (code !== 0) {
    await teardown();
    throw new Error(`vmeste seed exited with code ${code}:\n${log.slice(-20_000)}`);
  }
  project.provide('e2eSeededDataDir', dataDir);
  project.provide('e2eSeededDatabase', seededDatabase);
  return teardown;
}
