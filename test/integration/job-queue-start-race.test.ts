import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobQueue, startQueue, stopQueue } from '../../src/jobs/queue.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { runsOn } from '../support/suite-engine.ts';

/**
 * Nodes that start together on a new database (`vmeste serve --workers 2`, several nodes after a
 * deployment) install the job queue's schema at the same moment. The second install waits for the
 * first and then met a duplicate key in a catalog, which pg-boss does not take for the other's
 * success: a worker exited at start in a CI run (src/jobs/queue.ts).
 */
describe.runIf(
  runsOn(
    ['postgres', 'citus'],
    'job-queue-start-race',
    'starts two queues at once on two connections; the embedded database has one session',
  ),
)('two nodes starting their job queue at once on a new database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const QUEUE_NAMES = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

  it('both start and register the same queues, every time', async () => {
    for (let round = 0; round < 3; round++) {
      // A region whose queue schema does not exist yet.
      const region = `race_${randomUUID().slice(0, 8)}`;
      const queues: JobQueue[] = await Promise.all([
        startQueue(t.database, region),
        startQueue(t.database, region),
      ]);
      for (const queue of queues) expect(await queue.getQueues()).toEqual(expect.any(Array));
      // Then both register the same queues, as every node's start does (src/jobs/jobs.ts). Two
      // nodes creating a queue at once each hold the queue table's row they inserted and want a
      // lock on it for their partition's foreign key: PostgreSQL broke that deadlock by failing one,
      // and a worker of `serve --workers 2` exited on it in CI.
      await Promise.all(
        queues.map(async (queue) => {
          for (const name of QUEUE_NAMES) {
            await queue.createQueue(name, { name, policy: 'singleton' });
            await queue.schedule(name, '*/15 * * * *', {}, { tz: 'Europe/Moscow' });
          }
        }),
      );
      for (const queue of queues)
        expect(
          (await queue.getQueues())
            .map((q) => q.name)
            .filter((name) => !name.startsWith('__pgboss'))
            .sort(),
        ).toEqual([...QUEUE_NAMES].sort());
      await Promise.all(queues.map((q) => stopQueue(q, 5_000)));
      await t.database.executeSql(`DROP SCHEMA pgboss_${region} CASCADE`);
    }
  });
});
