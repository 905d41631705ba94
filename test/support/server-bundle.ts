import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { processIsAlive } from '../../src/lib/process-alive.ts';
import { fromRepo } from '../../src/lib/repo-root.ts';

/**
 * The `vmeste` command as one JavaScript file, for the servers the test runs start (every
 * browser-test file starts one, and the process-level integration checks several).
 *
 * Started through tsx, a server spent ~2 of its ~6 s of CPU at start-up in tsx's module hooks,
 * resolving and loading its ~1,500 modules one by one; this file (esbuild, the compiler tsx itself
 * uses, ~1 s to build) starts without them. Packages stay outside it, loaded from node_modules as
 * usual. It lives two directories below the repository's root, where src/lib/repo-root.ts expects
 * it, and is built afresh for each run — never a stale copy of the sources — under a name that
 * carries the run's process id, so that a run killed before its teardown is cleaned up by the next.
 */
export async function buildServerBundle(
  runId: string,
): Promise<{ entry: string; remove: () => Promise<void> }> {
  await removeAbandonedBundles();
  const dir = fromRepo('build', `test-server-${runId}-${process.pid}`);
  const entry = path.join(dir, 'main.mjs');
  await build({
    entryPoints: [fromRepo('src/cli/main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return { entry, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The bundles of earlier runs whose process is gone (killed before their teardown). */
async function removeAbandonedBundles(): Promise<void> {
  const names = await readdir(fromRepo('build')).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^test-server-.*-(\d+)$/.exec(name)?.[1] ?? Number.NaN);
    if (Number.isInteger(pid) && !processIsAlive(pid))
      await rm(fromRepo('build', name), { recursive: true, force: true });
  }
}
