import PgBoss from 'pg-boss';
import { citusPresent, withSchemaShardingOff } from '../db/citus.ts';
import type { Database } from '../db/connection.ts';
import { errorSummary } from '../db/error-log.ts';
import { retryCatalogRace } from '../db/migrate.ts';
import { sqlState } from '../db/sql-state.ts';

export type JobQueue = PgBoss;

/**
 * Per queue: its statements still running, which stopping waits for, and whether it has stopped
 * (see stopQueue).
 */
type QueueState = { inFlight: Set<Promise<unknown>>; stopped: boolean; late: number };
const queueStates = new WeakMap<JobQueue, QueueState>();

/**
 * pg-boss keeps its queues in PostgreSQL (SKIP LOCKED, retries, cron schedules), so any number of app
 * nodes share them, on PostgreSQL and on the embedded PGlite alike: both are driven through the
 * database's own `executeSql`. Its tables live in their own schema (`pgboss`, or `pgboss_<region>`),
 * which on a Citus coordinator stays a plain, local schema (src/db/citus.ts).
 */
export async function startQueue(database: Database, regionSchema: string): Promise<JobQueue> {
  const citus = await citusPresent(database);
  const state: QueueState = { inFlight: new Set(), stopped: false, late: 0 };
  const { inFlight } = state;
  const create = () => {
    const boss = new PgBoss({
      db: {
        executeSql: (text, values) => {
          // After the stop, the database is about to close (or has): a timer of pg-boss's that fires
          // late (its maintenance, a worker's next poll) would meet a closed pool, and pg-boss leaves
          // that rejection unhandled. A stopped queue has nothing left to do: its late statements are
          // answered empty, and counted.
          if (state.stopped) {
            state.late++;
            return Promise.resolve(lateAnswer(text));
          }
          const sent = citus ? withSchemaShardingOff(text, values) : text;
          const statement = retryTransient(text, () => database.executeSql(sent, values));
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
    return boss;
  };
  // Nodes starting together on a new database install pg-boss's schema at once: pg-boss serialises
  // the install with an advisory lock and takes an "already exists" as the other's success, but the
  // waiting transaction can meet a duplicate key in a catalog instead (a worker of `serve --workers 2`
  // exited on it in CI). Run again on a new instance (a failed one cannot start again), it finds the
  // schema installed.
  const boss = await retryCatalogRace(async () => {
    const fresh = create();
    await fresh.start();
    return fresh;
  });
  queueStates.set(boss, state);
  return boss;
}

const DEADLOCK = '40P01';
const CHECK_VIOLATION = '23514';
const ATTEMPTS = 4;

/**
 * Failures of a statement that the same statement, sent again a moment later, does not meet: its
 * transaction rolled back whole, so the retry is as if it had been sent then.
 * - A deadlock: nodes starting together register the same new queues at once; each `create_queue`
 *   inserts its queue's row, then attaches a partition whose foreign key wants a lock on the queue
 *   table that the other's uncommitted row holds, and PostgreSQL breaks the deadlock by failing one
 *   (a worker of `serve --workers 2` exited on it in CI).
 * - `no partition of relation "job" found for row` (a check violation): a job sent to a queue whose
 *   partition is attached and committed, while the partitioned table changes around it (other queues
 *   created), can be routed with a partition map the connection read before the attach. Two CI runs
 *   failed at an app's start on it; sends while other queues were created met it about once in 400
 *   sends on this machine, and every one went through when sent again (docs/operations.md).
 * A text with its own transaction block is not retried: after a failure inside it the connection
 * needs its ROLLBACK, which is pg-boss's business.
 */
function isTransientQueueFailure(err: unknown): boolean {
  const state = sqlState(err);
  if (state === DEADLOCK) return true;
  return (
    state === CHECK_VIOLATION && err instanceof Error && err.message.includes('no partition of relation')
  );
}

async function retryTransient<T>(text: string, send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (attempt >= ATTEMPTS || !isTransientQueueFailure(err) || /\bBEGIN\b/i.test(text))
        throw namingStatement(err, text);
      // Apart, so that two nodes do not meet again at the same step.
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

/**
 * A failed statement's error names the statement (its first words): the pool's stack ends in pg's
 * own code, and a CI run failed once on `no partition of relation "job" found for row` without
 * saying which of pg-boss's statements met it. Only the message grows: pg-boss and the callers read
 * the SQLSTATE, or look for words the message still holds.
 */
export function namingStatement(err: unknown, text: string): unknown {
  if (err instanceof Error && !err.message.includes(' [pg-boss: '))
    err.message += ` [pg-boss: ${text.replace(/\s+/g, ' ').trim().slice(0, 160)}]`;
  return err;
}

/**
 * Stops the queue and waits for its last statements: pg-boss's graceful stop returns once no handler
 * runs, but a finished job's `complete` may still be on its way to the database, which the caller is
 * about to close. From then on the queue sends nothing to the database (see startQueue).
 */
export async function stopQueue(queue: JobQueue, timeoutMs: number): Promise<void> {
  await queue.stop({ graceful: true, wait: true, timeout: timeoutMs });
  const state = queueStates.get(queue);
  // A turn of the event loop lets a just-finished handler hand its `complete` to the database.
  await new Promise((resolve) => setImmediate(resolve));
  while (state && state.inFlight.size > 0) {
    await Promise.allSettled([...state.inFlight]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (state) state.stopped = true;
}

/**
 * What a stopped queue answers a late statement: no rows — but a job's completion commands
 * (complete, fail, cancel, resume, delete: `… SELECT COUNT(*) FROM results`) always return one row
 * in PostgreSQL, and pg-boss reads its `count` without checking it is there: a job that failed
 * after the stop made that an unhandled TypeError (a Citus CI run). Those are answered "0 affected".
 */
export function lateAnswer(text: string): { rows: Record<string, unknown>[] } {
  return /SELECT COUNT\(\*\)(?: as count)? FROM/i.test(text) ? { rows: [{ count: '0' }] } : { rows: [] };
}

/** How many statements the queue was asked for after its stop (answered empty, never sent). */
export function statementsAfterStop(queue: JobQueue): number {
  return queueStates.get(queue)?.late ?? 0;
}
