import PgBoss from 'pg-boss';
import { citusPresent, withSchemaShardingOff } from '../db/citus.ts';
import type { Database } from '../db/connection.ts';
import { errorSummary } from '../db/error-log.ts';

export type JobQueue = PgBoss;

/** The queue's statements still running, per queue: stopping waits for them (see stopQueue). */
const statementsInFlight = new WeakMap<JobQueue, Set<Promise<unknown>>>();

/**
 * pg-boss keeps its queues in PostgreSQL (SKIP LOCKED, retries, cron schedules), so any number of app
 * nodes share them, on PostgreSQL and on the embedded PGlite alike: both are driven through the
 * database's own `executeSql`. Its tables live in their own schema (`pgboss`, or `pgboss_<region>`),
 * which on a Citus coordinator stays a plain, local schema (src/db/citus.ts).
 */
export async function startQueue(database: Database, regionSchema: string): Promise<JobQueue> {
  const citus = await citusPresent(database);
  const inFlight = new Set<Promise<unknown>>();
  const boss = new PgBoss({
    db: {
      executeSql: (text, values) => {
        const statement = database.executeSql(citus ? withSchemaShardingOff(text, values) : text, values);
        inFlight.add(statement);
        statement.then(
          () => inFlight.delete(statement),
          () => inFlight.delete(statement),
        );
        return statement;
      },
    },
    schema: regionSchema === 'public' ? 'pgboss' : `pgboss_${regionSchema}`,
    // Maintenance expires the jobs of a node that died mid-run (and so frees a stately queue, e.g.
    // webhook delivery): every 10 s rather than pg-boss's 2 minutes (one short statement; only one
    // node runs it per interval). The embedded database is one process: its state monitor polls less.
    maintenanceIntervalSeconds: 10,
    ...(database.engine === 'pglite' ? { monitorStateIntervalSeconds: 300 } : {}),
  });
  boss.on('error', (err) => {
    process.stderr.write(`job queue error: ${errorSummary(err)}\n`);
  });
  await boss.start();
  statementsInFlight.set(boss, inFlight);
  return boss;
}

/**
 * Stops the queue and waits for its last statements: pg-boss's graceful stop returns once no handler
 * runs, but a finished job's `complete` may still be on its way to the database, which the caller is
 * about to close.
 */
export async function stopQueue(queue: JobQueue, timeoutMs: number): Promise<void> {
  await queue.stop({ graceful: true, wait: true, timeout: timeoutMs });
  const inFlight = statementsInFlight.get(queue);
  // A turn of the event loop lets a just-finished handler hand its `complete` to the database.
  await new Promise((resolve) => setImmediate(resolve));
  while (inFlight && inFlight.size > 0) {
    await Promise.allSettled([...inFlight]);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
