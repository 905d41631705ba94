import cluster, { type Worker } from 'node:cluster';
import { serveClusterMetrics } from '../server/cluster-metrics.ts';
import type { AppConfig } from '../server/config.ts';
import { openMigratedDatabase } from '../server/database.ts';
import { buildWebInBackground } from './build-web.ts';
import { WorkerRespawnPolicy } from './worker-respawn.ts';

const PRIMARY_STOP_MS = 20_000;

/**
 * The primary of `vmeste serve --workers N`: migrates (and seeds an empty database when asked) once,
 * then forks N workers that share the port (the kernel hands connections round-robin). Each worker
 * is a full node: its own pool, its own job runner (pg-boss takes each job once, whichever node
 * asks), its own live-update polling. A worker that dies is replaced, with a growing pause when
 * workers keep failing at their start, and the primary gives up (exit code 1) when they fail too
 * often (worker-respawn.ts); SIGTERM stops them all, each draining its requests and jobs, then the
 * primary exits.
 */
export async function runPrimary(config: AppConfig, workers: number, buildWeb: boolean): Promise<void> {
  const build = buildWeb ? await buildWebInBackground() : null;
  const database = await openMigratedDatabase(config);
  try {
    const { seedIfEmpty } = await import('./seed.ts');
    const demo = await seedIfEmpty(config, database);
    if (demo) await demo.reports();
  } finally {
    await database.close();
  }
  await build?.done;
  let stopping = false;
  /** Stops every worker (each drains its requests and jobs), then exits with `exitCode`. */
  const stop = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    const timer = setTimeout(() => process.exit(1), PRIMARY_STOP_MS);
    timer.unref();
    let left = alive.length;
    if (left === 0) process.exit(exitCode);
    for (const w of alive) {
      w.once('exit', () => {
        left--;
        if (left === 0) process.exit(exitCode);
      });
      w.process.kill(signal);
    }
  };
  // A scrape of /metrics reaches one worker; the primary gathers every worker's figures for it.
  serveClusterMetrics();
  // When each worker started, and since when it listens: a worker that exits before it listens
  // failed at its start.
  const startedAt = new Map<number, number>();
  const listeningSince = new Map<number, number>();
  const respawn = new WorkerRespawnPolicy();
  const fork = () => {
    if (stopping) return;
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  cluster.on('exit', (worker: Worker, code, signal) => {
    const now = Date.now();
    const since = listeningSince.get(worker.id);
    const lived = now - (since ?? startedAt.get(worker.id) ?? now);
    startedAt.delete(worker.id);
    listeningSince.delete(worker.id);
    if (stopping) return;
    const how = `worker ${worker.process.pid} exited (${signal ?? code}) ${since === undefined ? 'before it listened' : `after ${lived} ms of service`}`;
    const decision = respawn.decide({ listened: since !== undefined, livedMs: lived }, now);
    if (decision.action === 'give_up') {
      process.stderr.write(
        `${how}.\nGiving up: ${decision.fastFailures} workers failed at or soon after their start within ` +
          `${respawn.windowSeconds} s. Is port ${config.port} on ${config.host} already in use, or the ` +
          "database unreachable? See the workers' errors above. Stopping.\n",
      );
      stop('SIGTERM', 1);
      return;
    }
    process.stderr.write(`${how}: starting another in ${decision.delayMs} ms\n`);
    setTimeout(fork, decision.delayMs);
  });
  let listening = 0;
  cluster.on('listening', (worker, address) => {
    listeningSince.set(worker.id, Date.now());
    listening++;
    if (listening === workers)
      console.log(
        `Vmeste is running at http://${config.host}:${address.port} with ${workers} workers (database: postgres)`,
      );
  });
  for (let i = 0; i < workers; i++) fork();
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGTERM'));
}
