import cluster, { type Worker } from 'node:cluster';
import { serveClusterMetrics } from '../server/cluster-metrics.ts';
import type { AppConfig } from '../server/config.ts';
import { openMigratedDatabase } from '../server/database.ts';
import { buildWebInBackground } from './build-web.ts';

/** A worker that dies sooner than this after its start is restarted only after a pause. */
const QUICK_DEATH_MS = 5_000;
const PRIMARY_STOP_MS = 20_000;

/**
 * The primary of `vmeste serve --workers N`: migrates (and seeds an empty database when asked) once,
 * then forks N workers that share the port (the kernel hands connections round-robin). Each worker
 * is a full node: its own pool, its own job runner (pg-boss takes each job once, whichever node
 * asks), its own live-update polling. A worker that dies is replaced; SIGTERM stops them all, each
 * draining its requests and jobs, then the primary exits.
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
  // A scrape of /metrics reaches one worker; the primary gathers every worker's figures for it.
  serveClusterMetrics();
  const startedAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  cluster.on('exit', (worker: Worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    process.stderr.write(
      `worker ${worker.process.pid} exited (${signal ?? code}) after ${lived} ms: starting another\n`,
    );
    // A worker that cannot start (e.g. the database is down) is not restarted in a tight loop.
    setTimeout(fork, lived < QUICK_DEATH_MS ? 1_000 : 0);
  });
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening++;
    if (listening === workers)
      console.log(
        `Vmeste is running at http://${config.host}:${address.port} with ${workers} workers (database: postgres)`,
      );
  });
  for (let i = 0; i < workers; i++) fork();
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    const timer = setTimeout(() => process.exit(1), PRIMARY_STOP_MS);
    timer.unref();
    let left = alive.length;
    if (left === 0) process.exit(0);
    for (const w of alive) {
      w.once('exit', () => {
        left--;
        if (left === 0) process.exit(0);
      });
      w.process.kill(signal);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGTERM'));
}
