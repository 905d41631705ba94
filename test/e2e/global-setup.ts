import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { vmesteCommand } from '../../bench/reliability/vmeste-command.ts';
import { repoRoot } from '../../src/lib/repo-root.ts';
import { buildServerBundle } from '../support/server-bundle.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory the real `vmeste seed` filled with the demo region; each server starts on a copy. */
    e2eSeededDataDir: string | undefined;
  }
}

/**
 * Seeding the demo region into a fresh embedded database (initdb, PostGIS, migrations, 300 reports,
 * a classifier trained on 2,500 examples) is most of a server's start-up. It is done once per run by
 * the CLI a user would run, and each test file's server gets its own copy of the result
 * (test/e2e/harness.ts), so files still never share a database.
 */
export default async function setup(project: TestProject) {
  if (process.env.VMESTE_E2E_URL || process.env.VMESTE_E2E_DATABASE_URL) {
    project.provide('e2eSeededDataDir', undefined);
    return undefined;
  }
  // Every file's server starts from one bundle of the sources (test/support/server-bundle.ts).
  const bundle = await buildServerBundle('e2e');
  process.env.VMESTE_TEST_SERVER_BUNDLE = bundle.entry;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vmeste-e2e-seed-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
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
  if (code !== 0) {
    await bundle.remove();
    throw new Error(`vmeste seed exited with code ${code}:\n${log.slice(-20_000)}`);
  }
  project.provide('e2eSeededDataDir', dataDir);
  return async () => {
    await rm(dataDir, { recursive: true, force: true });
    await bundle.remove();
  };
}
