import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Executor, queryRows } from '../../src/db/connection.ts';
import { listRequestRows } from '../../src/modules/open311/index.ts';
import {
  type ListFilters,
  type ListVisibility,
  listReportPage,
} from '../../src/modules/reports/report-list.repo.ts';
import { CENTRAL_POINT, categoryId, createTestApp, newResident, type TestApp } from '../support/app.ts';
import { rows } from '../support/reports.ts';

type Prepared = { name: string; generic: number; custom: number };

/**
 * The lists whose generic plan is their custom plan run as named statements, planned once per
 * connection (docs/performance.md, "Lists planned once"); a map box, a text search and the overdue
 * filter are planned per request; so is Open311's `requests` page, but for a box. On the embedded
 * database every statement runs unnamed.
 */
describe('lists: named statements planned once per connection', () => {
  let t: TestApp;
  const everyone: ListVisibility = { kind: 'scoped', userId: null, organisationId: null, territoryIds: null };
  const bbox = {
    minLon: CENTRAL_POINT.lon - 0.01,
    minLat: CENTRAL_POINT.lat - 0.01,
    maxLon: CENTRAL_POINT.lon + 0.01,
    maxLat: CENTRAL_POINT.lat + 0.01,
  };

  beforeAll(async () => {
    t = await createTestApp();
    const author = await newResident(t.app);
    const category = await categoryId(t.app, 'road-pothole');
    await rows(
      t,
      sql`INSERT INTO reports (kind, status, category_id, text, location, author_id, is_public, created_at, updated_at)
          SELECT 'report', 'accepted', ${category}, 'Яма на дороге ' || i,
            ST_SetSRID(ST_MakePoint(${CENTRAL_POINT.lon}, ${CENTRAL_POINT.lat}), 4326), ${author.userId},
            true, '2026-02-01T10:00:00Z'::timestamptz + i * interval '1 minute', now()
          FROM generate_series(1, 30) i RETURNING id`,
    );
  });
  afterAll(() => t.close());

  const listStatements = (tx: Executor) =>
    queryRows<Prepared>(
      tx,
      sql`SELECT name, generic_plans AS generic, custom_plans AS custom
          FROM pg_prepared_statements WHERE name LIKE 'list\\_%' OR name LIKE 'open311\\_%'`,
    );

  /** Runs a list `times` times on one connection; its pages (ids) and the list statements it prepared. */
  async function runOnOneConnection(list: (tx: Executor) => Promise<string[]>, times: number) {
    return t.database.db.transaction(async (tx) => {
      // The pool may hand this test a connection an earlier test prepared lists on.
      const before = new Set((await listStatements(tx as Executor)).map((s) => s.name));
      const pages: string[][] = [];
      for (let i = 0; i < times; i++) pages.push(await list(tx as Executor));
      const prepared = (await listStatements(tx as Executor)).filter((s) => !before.has(s.name));
      return { pages, prepared };
    });
  }

  const reportList = (filters: ListFilters) => async (tx: Executor) =>
    (await listReportPage(tx, everyone, filters, { offset: 0 }, 10)).rows.map((r) => r.id);
  const open311List = (filters: Parameters<typeof listRequestRows>[2]) => async (tx: Executor) =>
    (await listRequestRows(tx, null, filters, 10, 0)).map((r) => r.id);

  /** The statement was named from its second run on and PostgreSQL settled on its generic plan. */
  function expectPlannedOnce(prepared: Prepared[], runs: number) {
    if (t.database.engine === 'pglite') {
      // PGlite runs every statement unnamed: nothing is kept prepared between calls.
      expect(prepared).toEqual([]);
      return;
    }
    // The first sighting runs unnamed; the next runs the named statement: five custom plans, then
    // PostgreSQL's own choice settles on the generic plan, made once and reused.
    expect(prepared).toHaveLength(1);
    const [list] = prepared;
    expect(Number(list!.generic) + Number(list!.custom)).toBe(runs - 1);
    expect(Number(list!.generic)).toBeGreaterThanOrEqual(1);
  }

  it('plans a filtered list once and reuses its plan; the answers stay the same', async () => {
    const { pages, prepared } = await runOnOneConnection(reportList({ statuses: ['accepted'] }), 8);
    expect(pages[0]).toHaveLength(10);
    for (const page of pages) expect(page).toEqual(pages[0]);
    expectPlannedOnce(prepared, 8);
  });

  it('plans the Open311 requests page once, and a map box on every request', async () => {
    const from = new Date('2026-01-15T00:00:00Z');
    const to = new Date('2026-02-15T00:00:00Z');
    const { pages, prepared } = await runOnOneConnection(open311List({ from, to }), 8);
    expect(pages[0]).toHaveLength(10);
    for (const page of pages) expect(page).toEqual(pages[0]);
    expectPlannedOnce(prepared, 8);
    const boxed = await runOnOneConnection(open311List({ from, to, bbox }), 4);
    expect(boxed.pages[0]).toHaveLength(10);
    expect(boxed.prepared).toEqual([]);
  });

  it('plans a map box, a text search and the overdue filter on every request', async () => {
    for (const filters of [
      { bbox },
      { q: 'яма' },
      { overdue: { at: new Date('2026-03-02T09:00:00Z'), is: false } },
    ] satisfies ListFilters[]) {
      const { pages, prepared } = await runOnOneConnection(reportList(filters), 4);
      expect(pages[0], JSON.stringify(filters)).toHaveLength(10);
      expect(prepared, JSON.stringify(filters)).toEqual([]);
    }
  });
});
