import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Executor, queryRows } from '../../src/db/connection.ts';
import { findSimilarMany, type SimilarSearch } from '../../src/modules/duplicates/similar.repo.ts';
import { type IntakeInput, insertSubmittedReports } from '../../src/modules/reports/intake.repo.ts';
import { CENTRAL_POINT, categoryId, createTestApp, newResident, type TestApp } from '../support/app.ts';
import { citusTestMode } from '../support/citus.ts';

type Prepared = { name: string; generic: number; custom: number };

/**
 * The intake's batch statement and the similar-report look-up beside it run as named statements
 * with a fixed row estimate (`planOnceRows`, src/db/unnest.ts): PostgreSQL settles on their generic
 * plans after five custom ones, whatever the batches' sizes. Before, a batch of fewer than ten rows
 * made each custom plan look cheaper than the generic one and both statements were planned at every
 * call (docs/performance.md, "Eighteenth session"). On the embedded database every statement runs
 * unnamed.
 */
describe('the intake and the similar-report look-up are planned once per connection', () => {
  let t: TestApp;
  let category: string;
  let resident: { userId: string };
  const CALLS = 9;

  beforeAll(async () => {
    t = await createTestApp();
    category = await categoryId(t.app, 'road-pothole');
    resident = await newResident(t.app);
    // Reports for the look-up to find (filed as the intake files them, on every engine).
    const seeded = Array.from({ length: 3 }, (_, k) => intakeInput(0, k));
    const outcomes = await insertSubmittedReports(t.database.db, seeded, 100);
    expect(seeded.every((input) => outcomes.get(input.id)?.inserted)).toBe(true);
  });
  afterAll(() => t.close());

  const statements = (tx: Executor, name: string) =>
    queryRows<Prepared>(
      tx,
      sql`SELECT name, generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements
          WHERE name = ${name}`,
    );

  /** Runs `call` CALLS times on one connection, in batches of 1 to 3 rows; the statement's plan counts. */
  async function onOneConnection(
    name: string,
    call: (tx: Executor, rows: number, i: number) => Promise<void>,
  ) {
    return t.database.db.transaction(async (tx) => {
      const [before] = await statements(tx as Executor, name);
      for (let i = 0; i < CALLS; i++) await call(tx as Executor, 1 + (i % 3), i);
      const [after] = await statements(tx as Executor, name);
      return {
        custom: Number(after?.custom ?? 0),
        generic: Number(after?.generic ?? 0) - Number(before?.generic ?? 0),
      };
    });
  }

  function expectPlannedOnce(plans: { custom: number; generic: number }) {
    if (t.database.engine === 'pglite') {
      expect(plans).toEqual({ custom: 0, generic: 0 });
      return;
    }
    // Five custom plans at most on the connection ever, then the generic plan at every call.
    expect(plans.custom).toBeLessThanOrEqual(5);
    expect(plans.generic).toBeGreaterThanOrEqual(CALLS - 5);
  }

  const intakeInput = (i: number, k: number): IntakeInput => ({
    id: randomUUID(),
    kind: 'report',
    isPublic: true,
    categoryId: category,
    text: `Яма на дороге у дома ${i}-${k}`,
    address: null,
    authorId: resident.userId,
    authorRole: 'resident',
    idempotencyKey: null,
    requestHash: `plan-${i}-${k}`,
    now: t.clock.now(),
    lat: CENTRAL_POINT.lat + i * 0.0005,
    lon: CENTRAL_POINT.lon + k * 0.0005,
  });

  // On Citus the intake is one call of a function in the region's schema (intake-citus.repo.ts).
  it.skipIf(citusTestMode())('files batches through one generic plan, each report filed', async () => {
    let filed = 0;
    const plans = await onOneConnection('vmeste_report_intake', async (tx, n, i) => {
      const inputs = Array.from({ length: n }, (_, k) => intakeInput(i, k));
      const outcomes = await insertSubmittedReports(tx, inputs, 100);
      for (const input of inputs) if (outcomes.get(input.id)?.inserted) filed++;
    });
    expect(filed).toBe(Array.from({ length: CALLS }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b));
    expectPlannedOnce(plans);
  });

  it('looks up similar reports through one generic plan, finding the same reports', async () => {
    const search = (i: number): SimilarSearch => ({
      categoryId: category,
      lat: CENTRAL_POINT.lat,
      lon: CENTRAL_POINT.lon,
      text: `Яма на дороге у дома ${i}`,
      radiusMeters: 500,
      minSimilarity: 0.1,
      excludeId: null,
      actorId: null,
      visibility: { kind: 'all' },
      limit: 5,
    });
    const batches: string[][][] = [];
    const plans = await onOneConnection('vmeste_similar_reports', async (tx, n) => {
      const rows = await findSimilarMany(
        tx,
        Array.from({ length: n }, (_, k) => search(k)),
      );
      batches.push(rows.map((r) => r.map((x) => x.id)));
    });
    // Every search is answered, and the same search finds the same reports in every batch.
    expect(batches.map((b) => b.length)).toEqual(Array.from({ length: CALLS }, (_, i) => 1 + (i % 3)));
    expect(batches[0]![0]!.length).toBeGreaterThan(0);
    for (const batch of batches) expect(batch[0]).toEqual(batches[0]![0]);
    expectPlannedOnce(plans);
  });
});
