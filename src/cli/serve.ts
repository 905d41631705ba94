import { parseArgs } from 'node:util';
import { assertRegionSchemaDistributed } from '../db/citus.ts';
import { registerJobs } from '../jobs/jobs.ts';
import { startQueue } from '../jobs/queue.ts';
import { buildApp, openMigratedDatabase } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { seedIfEmpty } from './seed.ts';

export async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
  const config = loadConfig({
    ...process.env,
    ...(values.port ? { PORT: values.port } : {}),
    ...(values.host ? { HOST: values.host } : {}),
  });
  const database = await openMigratedDatabase(config);
  await assertRegionSchemaDistributed(database, config.dbSchema);
  await seedIfEmpty(config, database);
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
