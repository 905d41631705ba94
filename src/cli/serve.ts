import cluster from 'node:cluster';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { assertRegionSchemaDistributed } from '../db/citus.ts';
import { maintainEmbeddedRegularly } from '../db/embedded-maintenance.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { type AppConfig, ConfigError, loadConfig } from '../server/config.ts';
import { openMigratedDatabase } from '../server/database.ts';
import { buildWebInBackground } from './build-web.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { runPrimary } from './serve-cluster.ts';

/**
 * How long a node may take to stop on SIGTERM: in-flight requests finish, running jobs finish (or
 * are handed back to the queue), the database closes. Past it the process exits anyway (code 1), so
 * a stuck handler cannot hold a deployment up; a job cut short is retried by another node.
 */
export const SHUTDOWN_TIMEOUT_MS = 15_000;
/**
 * The bound in force: VMESTE_SHUTDOWN_TIMEOUT_MS overrides it (a systemd TimeoutStopSec to stay
 * under, or a loaded test machine where a drain is slow but must still complete).
 */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.VMESTE_SHUTDOWN_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : SHUTDOWN_TIMEOUT_MS;
}
const JOBS_DRAIN_MS = 10_000;

export async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      // npm start in a checkout: (re)build web/dist first when its sources changed.
      'build-web': { type: 'boolean', default: false },
      // Several Node processes on one port (node:cluster), over one PostgreSQL database.
      workers: { type: 'string' },
    },
  });
  const loaded = loadConfig({
    ...process.env,
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  });
  const config = withDemoDefaults(loaded, process.env);
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new ConfigError('--workers must be a whole number from 1 to 64');
  if (workers > 1 && !config.databaseUrl)
    throw new ConfigError(
      '--workers needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process',
    );
  if (workers > 1 && cluster.isPrimary) return runPrimary(config, workers, values['build-web']);
  const worker = cluster.isWorker;
  // Before the embedded database opens: a second process on its directory would corrupt it.
  if (!config.databaseUrl) lockDataDir(path.join(config.dataDir, 'pglite'));
  // The database opens while the rest starts: PGlite compiles its WebAssembly (and PostGIS's) off the
  // main thread, which hashing the web app's sources and loading the app's modules keep busy.
  const opening = openMigratedDatabase(config).then(
    (database) => ({ database }),
    (error: unknown) => ({ error }),
  );
  // The build (when needed) runs in its own process while this one prepares the database. Observed
  // at once, so a failed build is not an unhandled rejection while the database still opens. A
  // cluster worker finds it built by the primary.
  const webBuilt = (values['build-web'] && !worker ? buildWebInBackground() : Promise.resolve(null))
    .then((build) => build?.done)
    .then(
      () => null,
      (err: unknown) => err,
    );
  const [{ buildApp }, { seedIfEmpty }, { startQueue, stopQueue }, { registerJobs }] = await Promise.all([
    import('../server/app.ts'),
    import('./seed.ts'),
    import('../jobs/queue.ts'),
    import('../jobs/jobs.ts'),
  ]);
  const opened = await opening;
  if ('error' in opened) throw opened.error;
  const { database } = opened;
  await assertRegionSchemaDistributed(database, config.dbSchema);
  // The embedded database has no checkpointer and no autovacuum: the app does their work.
  const stopMaintenance =
    database.engine === 'pglite' ? maintainEmbeddedRegularly(database) : async () => undefined;
  // A fresh embedded database gets the demo region and its users now, its reports once listening.
  // In a cluster the primary has seeded before forking.
  const demo = worker ? null : await seedIfEmpty(config, database);
  // The static files are listed when the app is assembled, so the build must be complete by then.
  const buildError = await webBuilt;
  if (buildError) throw buildError;
  // The job queue starts after listening (at the end): nothing a page needs waits for it.
  const app = await buildApp(config, { database, serveWeb: true });
  // The queue starts last (below); a stop that comes first, or meanwhile, waits for it and stops it.
  let queueStarting: Promise<JobQueue | null> = Promise.resolve(null);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const bound = shutdownTimeoutMs();
    const deadline = setTimeout(() => {
      process.stderr.write(`Shutdown took over ${bound} ms (${signal}): exiting anyway\n`);
      process.exit(1);
    }, bound);
    deadline.unref();
    try {
      // Both at once: the server stops accepting and finishes its requests while running jobs finish.
      const stoppingQueue = queueStarting.then(
        (queue) => (queue ? stopQueue(queue, JOBS_DRAIN_MS) : undefined),
        () => undefined,
      );
      await Promise.all([stoppingQueue, app.close()]);
      await stopMaintenance();
      await database.close();
      process.exit(0);
    } catch (err) {
      process.stderr.write(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // The active model is read now, beside the start: the first requests share that read (a node's
  // first suggestions and routings would otherwise each wait for a read of their own).
  void app.ctx.classifier.current();
  const address = await app.listen({ port: config.port, host: config.host });
  if (!worker)
    console.log(
      `Vmeste is running at ${address} (database: ${database.engine}; API docs: ${address}/api/docs)`,
    );
  if (demo) {
    // Served meanwhile: the demo log-ins work from the first page, and the list fills as reports go in.
    // The jobs start after them, as they did when the seed ran before listening: a scheduled job (a
    // clarification timeout) must not act on a report between two steps of its planned timeline.
    console.log('Loading the demo reports in the background (the list fills as they go in)…');
    await demo
      .reports()
      // The demo's model has just become the active one: no need to wait for the store's next check.
      .then(() => app.ctx.classifier.invalidate())
      .catch((err: unknown) => {
        process.stderr.write(
          `The demo reports could not all be loaded: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
        );
      });
  }
  if (stopping) return;
  // Until it has started (about a second on a restart), a retraining request answers
  // jobs_unavailable and a notification waits for the next scheduled dispatch instead of a nudge.
  queueStarting = startQueue(database, config.dbSchema);
  try {
    const queue = await queueStarting;
    if (stopping) return;
    app.ctx.queue = queue;
    await registerJobs(app.ctx);
  } catch (err) {
    // A stop during the start closes the database under it: that is the stop, not a failure.
    if (!stopping) throw err;
  }
}

/**
 * The demo (the embedded database with its demo data) has no mail server: unless told otherwise, its
 * new accounts work without an e-mail confirmation that could never arrive. Any other deployment
 * keeps confirmation on and is warned when it has no SMTP_URL to send the links with.
 */
function withDemoDefaults(config: AppConfig, env: NodeJS.ProcessEnv): AppConfig {
  const demo = config.seedDemo === true || (config.seedDemo === 'auto' && !config.databaseUrl);
  if (!config.requireEmailConfirmation || config.smtpUrl) return config;
  if (demo && env.REQUIRE_EMAIL_CONFIRMATION === undefined) {
    console.log(
      'Demo without SMTP_URL: new accounts need no e-mail confirmation (REQUIRE_EMAIL_CONFIRMATION=false).',
    );
    return { ...config, requireEmailConfirmation: false };
  }
  process.stderr.write(
    'Warning: REQUIRE_EMAIL_CONFIRMATION is on but SMTP_URL is not set: new accounts cannot be confirmed.\n',
  );
  return config;
}
