import { describe, expect, it } from 'vitest';
import { statementsAfterStop } from '../../src/jobs/queue.ts';
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
});
