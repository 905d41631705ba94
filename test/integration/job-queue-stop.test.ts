import { describe, expect, it } from 'vitest';
import { sqlState } from '../../src/db/sql-state.ts';
import { lateAnswer, statementsAfterStop } from '../../src/jobs/queue.ts';
import { createTestApp } from '../support/app.ts';

/**
 * A stopped job queue never reaches the database again: after the stop the app closes the database,
 * and a pg-boss timer that fired late (maintenance, a worker's next poll) met a closed pool — an
 * unhandled rejection that failed a loaded CI run. Its late statements are answered empty instead.
 */
describe('the job queue after its stop', () => {
  it('answers a late statement without the closed database, and counts it', async () => {
    const t = await createTestApp({}, { jobs: true });
    const queue = t.app.ctx.queue!;
    expect((await queue.getQueues()).length).toBeGreaterThan(0);
    await t.close();
    await expect(queue.getQueues()).resolves.toEqual([]);
    expect(statementsAfterStop(queue)).toBe(1);
  });

  it("answers a job's late completion as 'none affected', the one row pg-boss reads", async () => {
    const t = await createTestApp({}, { jobs: true });
    const queue = t.app.ctx.queue!;
    const [name] = (await queue.getQueues()).map((q) => q.name);
    const id = await queue.send(name!, {});
    await t.close();
    // A handler that failed just after the stop: pg-boss reads the command's count row.
    await expect(queue.fail(name!, id!, new Error('late'))).resolves.toMatchObject({ affected: 0 });
    await expect(queue.complete(name!, id!)).resolves.toMatchObject({ affected: 0 });
    expect(statementsAfterStop(queue)).toBe(2);
    // Any other statement — a fetch of the next jobs — is answered with no rows.
    expect(lateAnswer('SELECT name, state, count(*) size FROM pgboss.job GROUP BY 1, 2')).toEqual({
      rows: [],
    });
  });

  it('names the statement a failure came from, and keeps its SQLSTATE', async () => {
    const t = await createTestApp({}, { jobs: true });
    try {
      // Any statement of pg-boss's that fails (here one through its own handle on the database).
      const failure = await t.app.ctx
        .queue!.getDb()
        .executeSql('SELECT 1 / (SELECT count(*) FROM (SELECT 1) x WHERE false)', [])
        .catch((err: unknown) => err);
      expect(sqlState(failure)).toBe('22012');
      expect((failure as Error).message).toBe(
        'division by zero [pg-boss: SELECT 1 / (SELECT count(*) FROM (SELECT 1) x WHERE false)]',
      );
    } finally {
      await t.close();
    }
  });
});
