import { parseArgs } from 'node:util';
import { assertRegionSchemaDistributed } from '../db/citus.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { type AppConfig, loadConfig } from '../server/config.ts';
import { openMigratedDatabase } from '../server/database.ts';
import { buildWebInBackground } from './build-web.ts';

export async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      // npm start in a checkout: (re)build web/dist first when its sources changed.
      'build-web': { type: 'boolean', default: false },
    },
  });
  const loaded = loadConfig({
    ...process.env,
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  });
  const config = withDemoDefaults(loaded, process.env);
  // The database opens while the rest starts: PGlite compiles its WebAssembly (and PostGIS's) off the
  // main thread, which hashing the web app's sources and loading the app's modules keep busy.
  const opening = openMigratedDatabase(config).then(
    (database) => ({ database }),
    (error: unknown) => ({ error }),
  );
  // The build (when needed) runs in its own process while this one prepares the database. Observed
  // at once, so a failed build is not an unhandled rejection while the database still opens.
  const webBuilt = (values['build-web'] ? buildWebInBackground() : Promise.resolve(null))
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
  // A fresh embedded database gets the demo region and its users now, its reports once listening.
  const demo = await seedIfEmpty(config, database);
  // The static files are listed when the app is assembled, so the build must be complete by then.
  const buildError = await webBuilt;
  if (buildError) throw buildError;
  // The job queue starts after listening (at the end): nothing a page needs waits for it.
  const app = await buildApp(config, { database, serveWeb: true });
  let queue: JobQueue | null = null;
  const shutdown = async () => {
    if (queue) await stopQueue(queue, 10_000);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(
    `Vmeste is running at ${address} (database: ${database.engine}; API docs: ${address}/api/docs)`,
  );
  if (demo) {
    // Served meanwhile: the demo log-ins work from the first page, and the list fills as reports go in.
    // The jobs start after them, as they did when the seed ran before listening: a scheduled job (a
    // clarification timeout) must not act on a report between two steps of its planned timeline.
    console.log('Loading the demo reports in the background (the list fills as they go in)…');
    await demo.reports().catch((err: unknown) => {
      process.stderr.write(
        `The demo reports could not all be loaded: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
    });
  }
  // Until it has started (about a second on a restart), a retraining request answers
  // jobs_unavailable and a notification waits for the next scheduled dispatch instead of a nudge.
  queue = await startQueue(database, config.dbSchema);
  app.ctx.queue = queue;
  await registerJobs(app.ctx);
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
