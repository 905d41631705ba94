import { parseArgs } from 'node:util';
import { assertRegionSchemaDistributed } from '../db/citus.ts';
import { registerJobs } from '../jobs/jobs.ts';
import { startQueue } from '../jobs/queue.ts';
import { buildApp, openMigratedDatabase } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { buildWebInBackground } from './build-web.ts';
import { seedIfEmpty } from './seed.ts';

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
  const config = loadConfig({
    ...process.env,
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  });
  // The build (when needed) runs in its own process while this one prepares the database.
  const webBuild = values['build-web'] ? await buildWebInBackground() : null;
  // Observed at once, so a failed build is not an unhandled rejection while the seed still runs.
  const webBuilt = webBuild?.done.then(
    () => null,
    (err: unknown) => err,
  );
  const database = await openMigratedDatabase(config);
  await assertRegionSchemaDistributed(database, config.dbSchema);
  await seedIfEmpty(config, database);
  // The static files are listed when the app is assembled, so the build must be complete by then.
  const buildError = await webBuilt;
  if (buildError) throw buildError;
  const queue = await startQueue(database, config.dbSchema);
  const app = await buildApp(config, { database, queue, serveWeb: true });
  await registerJobs(app.ctx);
  const shutdown = async () => {
    await queue.stop({ graceful: true, timeout: 10_000 });
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
}
