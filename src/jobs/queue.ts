import PgBoss from 'pg-boss';
import { citusPresent, withSchemaShardingOff } from '../db/citus.ts';
import type { Database } from '../db/connection.ts';

export type JobQueue = PgBoss;

/**
 * pg-boss keeps its queues in PostgreSQL (SKIP LOCKED, retries, cron schedules), so any number of app
 * nodes share them, on PostgreSQL and on the embedded PGlite alike: both are driven through the
 * database's own `executeSql`. Its tables live in their own schema (`pgboss`, or `pgboss_<region>`),
 * which on a Citus coordinator stays a plain, local schema (src/db/citus.ts).
 */
export async function startQueue(database: Database, regionSchema: string): Promise<JobQueue> {
  const citus = await citusPresent(database);
  const boss = new PgBoss({
    db: {
      executeSql: (text, values) =>
        database.executeSql(citus ? withSchemaShardingOff(text, values) : text, values),
    },
    schema: regionSchema === 'public' ? 'pgboss' : `pgboss_${regionSchema}`,
    // The embedded database is one process: poll less, keep maintenance light.
    ...(database.engine === 'pglite'
      ? { maintenanceIntervalSeconds: 300, monitorStateIntervalSeconds: 300 }
      : {}),
  });
  boss.on('error', (err) => {
    process.stderr.write(`job queue error: ${err instanceof Error ? err.message : String(err)}\n`);
  });
  await boss.start();
  return boss;
}
