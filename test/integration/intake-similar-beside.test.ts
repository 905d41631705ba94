import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { similarStatement } from '../../src/modules/duplicates/similar.repo.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { LIGHT_TEXT, LIGHT_TEXT_ALIKE } from '../support/duplicates.ts';
import { fileReport, postReport } from '../support/reports.ts';
import { runsOn } from '../support/suite-engine.ts';
import { eventually } from '../support/timeouts.ts';

type Backend = { query: string; state: string; waiting: string | null };

/** The look-up's text as sent; the activity view keeps its first 1,023 bytes (track_activity_query_size). */
const lookUpText = new PgDialect().sqlToQuery(similarStatement()).sql;
const isLookUp = (query: string) => query.length > 0 && lookUpText.startsWith(query);

/**
 * A filing answers with the similar open reports ("already reported — support it"). The look-up does
 * not need the new report (it leaves it out by id), so it runs beside the filing's statement on a
 * second connection instead of after its commit: a lone resident's report answered in 1.6 ms instead
 * of 1.9 (docs/performance.md, "Nineteenth session"). Here the filing is held on a lock while the
 * look-up must still complete; when the look-up waited for the filing, it never started.
 */
describe.runIf(
  runsOn(
    ['postgres', 'citus'],
    'intake-similar-beside',
    'holds a lock in one session while the app works in others; the embedded database has one session',
  ),
)('the similar-report look-up of a filing', () => {
  let t: TestApp;
  let resident: Session;

  beforeAll(async () => {
    t = await createTestApp();
    resident = await newResident(t.app);
  });
  afterAll(() => t.close());

  it('completes while the filing itself still waits, and its answer carries what it found', async () => {
    const earlier = await fileReport(t, resident, { text: LIGHT_TEXT });
    const { filing } = await t.database.db.transaction(async (tx) => {
      // Every filing writes its audit row: SHARE mode holds the filing's statement, not the reads.
      await tx.execute(sql`LOCK TABLE audit_log IN SHARE MODE`);
      const [{ since }] = (await queryRows<{ since: string }>(
        tx,
        sql`SELECT clock_timestamp()::text AS since`,
      )) as [{ since: string }];
      const filing = postReport(t, resident, { text: LIGHT_TEXT_ALIKE });
      // Watched from the locking session itself, so the look-up's connection, back in the pool,
      // still shows the statement it ran last.
      await eventually('the look-up answered while the filing waits for the lock', async () => {
        await tx.execute(sql`SELECT pg_stat_clear_snapshot()`);
        const mine = await queryRows<Backend>(
          tx,
          sql`SELECT query, state, wait_event_type AS waiting FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid()
                 AND query_start > ${since}::timestamptz`,
        );
        const lookedUp = mine.some((b) => isLookUp(b.query) && b.state === 'idle');
        const filingHeld = mine.some((b) => b.waiting === 'Lock' && b.state === 'active');
        return lookedUp && filingHeld ? true : undefined;
      });
      // Wrapped: returning the promise itself would wait for it here, with the lock still held.
      return { filing };
    });
    const res = await filing;
    expect(res.statusCode).toBe(201);
    const similar = (res.json() as { similar: { id: string }[] }).similar.map((s) => s.id);
    expect(similar).toEqual([earlier.id]);
  });
});
