import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterSql, visibilityBranches } from '../../src/modules/reports/report-list.repo.ts';
import {
  rankedSearchPage,
  SEARCH_SCAN,
  SEARCH_WINDOW,
} from '../../src/modules/reports/report-search.repo.ts';
import { CENTRAL_POINT, createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { listReports, loginStaff, rows, type Staff, type Who } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

type ListJson = {
  items: { id: string; number: number; text: string }[];
  total: number;
  totalIsExact: boolean;
  nextCursor: string | null;
};

/**
 * The text search over the stored vector (src/modules/reports/report-search.repo.ts): a word found
 * among the newest reports of a visibility branch, and a word whose matches are all older than the
 * newest SEARCH_SCAN reports (found through the GIN index) give the same answers: every match the
 * caller may see, once, best first, counted — and never what the visibility rule hides.
 */
describe('report search: newest reports first, then the GIN index', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let filler: Session;
  let stranger: Session;
  let subject: string;
  let otherTopic: string;
  const hidden: string[] = [];
  let rareNumbers: number[] = [];

  async function insert(
    who: Session,
    n: number,
    o: { text: string; at: string; status?: string; isPublic?: boolean },
  ): Promise<{ id: string; number: number }[]> {
    return rows<{ id: string; number: number }>(
      t,
      sql`INSERT INTO reports (kind, status, category_id, text, location, author_id, is_public, created_at, updated_at)
          SELECT 'report', ${o.status ?? 'accepted'}, ${subject}, ${o.text},
            ST_SetSRID(ST_MakePoint(${CENTRAL_POINT.lon}, ${CENTRAL_POINT.lat}), 4326), ${who.userId},
            ${o.isPublic ?? true}, ${o.at}::timestamptz + (g * interval '1 second'), now()
          FROM generate_series(1, ${n}) g RETURNING id, number`,
    );
  }

  const list = async (who: Who, query: string): Promise<ListJson> => {
    const res = await listReports(t, who, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ListJson;
  };
  const search = (who: Who, q: string, more = '') =>
    list(who, `q=${encodeURIComponent(q)}&pageSize=50${more}`);

  /** Every page of a search by cursor: the ids in order. */
  async function walk(who: Who, q: string, pageSize: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 300; i++) {
      const page: ListJson = await list(
        who,
        `q=${encodeURIComponent(q)}&pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('the cursor never ended');
  }

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    [author, filler, stranger] = await Promise.all([
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
    ]);
    const cats = await rows<{ id: string; parentId: string | null }>(
      t,
      sql`SELECT id, parent_id AS "parentId" FROM categories WHERE is_active ORDER BY code`,
    );
    subject = cats.find((c) => c.parentId)!.id;
    const parentOfSubject = cats.find((c) => c.id === subject)!.parentId;
    otherTopic = cats.find((c) => !c.parentId && c.id !== parentOfSubject)!.id;
    // Older than everything below: a rare word, public, private and unmoderated.
    const old = '2025-06-01T10:00:00Z';
    rareNumbers = [
      ...(await insert(author, 1, { text: 'Сугроб у подъезда, сугробы во дворе, кругом сугробы', at: old })),
      ...(await insert(author, 2, { text: 'Сугроб на тротуаре', at: old })),
    ].map((r) => Number(r.number));
    hidden.push(
      ...(await insert(author, 1, { text: 'Сугроб у моего гаража', at: old, isPublic: false })).map(
        (r) => r.id,
      ),
      ...(await insert(author, 1, { text: 'Сугроб непроверенный', at: old, status: 'submitted' })).map(
        (r) => r.id,
      ),
    );
    // A word both old and new: three matches old, two among the newest.
    await insert(author, 3, { text: 'Лужа на остановке', at: old });
    // More reports than one search reads newest first, none with those words.
    await insert(filler, SEARCH_SCAN + 100, {
      text: 'Обычное обращение о работе транспорта',
      at: '2026-01-10T10:00:00Z',
    });
    await insert(author, 2, { text: 'Лужа у школы', at: '2026-02-01T10:00:00Z' });
    // A common word: more matches among the newest than the search ranks.
    await insert(filler, SEARCH_WINDOW + 50, { text: 'Не горит фонарь', at: '2026-02-10T10:00:00Z' });
  }, scaled(180_000));

  afterAll(() => t.close());

  it('finds a word whose matches are all older than the newest reports it reads first', async () => {
    const found = await search(null, 'сугробы');
    expect(found.items.map((r) => r.number).sort()).toEqual([...rareNumbers].sort());
    // More mentions rank first.
    expect(found.items[0]!.text).toBe('Сугроб у подъезда, сугробы во дворе, кругом сугробы');
    expect(found).toMatchObject({ total: 3, totalIsExact: true, nextCursor: null });
  });

  it('counts each match once when some are among the newest reports and some older', async () => {
    const found = await search(null, 'лужи');
    expect(found).toMatchObject({ total: 5, totalIsExact: true });
    expect(new Set(found.items.map((r) => r.id)).size).toBe(5);
    const walked = await walk(null, 'лужа', 2);
    expect(walked).toEqual(found.items.map((r) => r.id));
  });

  it('ranks the newest SEARCH_WINDOW matches of a common word and says there are more', async () => {
    const found = await search(null, 'фонари');
    expect(found).toMatchObject({ total: SEARCH_WINDOW, totalIsExact: false });
    expect(found.items).toHaveLength(50);
    const walked = await walk(null, 'фонарь', 60);
    expect(walked).toHaveLength(SEARCH_WINDOW);
    expect(new Set(walked).size).toBe(SEARCH_WINDOW);
  });

  it('finds the report whose number is typed, first', async () => {
    const n = rareNumbers[1]!;
    const found = await search(null, String(n));
    expect(found.items[0]!.number).toBe(n);
  });

  it('applies the filters with the word, old or new', async () => {
    expect((await search(null, 'сугроб', `&category=${subject}`)).total).toBe(3);
    expect((await search(null, 'сугроб', `&category=${otherTopic}`)).total).toBe(0);
    expect((await search(null, 'фонарь', `&category=${otherTopic}`)).total).toBe(0);
    // A word and a filter that fill the window among the newest reports (step 1 through the filter).
    expect(await search(null, 'фонарь', `&category=${subject}`)).toMatchObject({
      total: SEARCH_WINDOW,
      totalIsExact: false,
    });
  });

  it('gives the same answers whatever times its steps start from', async () => {
    // Step 1 tests the reports from a cut-off on, step 2 intersects the GIN index with the reports from
    // a deeper one (searchCutoffs keeps them a few seconds): from any time the reports are a prefix of
    // the newest-first order, so an old, a recent or a future cut-off, or none, for either step, with
    // filters or without, must not change a single row.
    const branches = visibilityBranches(
      { kind: 'scoped', userId: author.userId, organisationId: null, territoryIds: null },
      {},
    );
    const page = (near: string | null, far: string | null, q: string, categoryIds?: string[]) =>
      rows(
        t,
        rankedSearchPage(
          branches,
          [
            { near, far },
            { near: null, far: null },
          ],
          filterSql({ categoryIds }),
          q,
          false,
          null,
          0,
          SEARCH_WINDOW + 1,
        ),
      );
    const cutoffs = [
      null,
      '2025-01-01T00:00:00.000000',
      '2026-02-10T10:01:00.000000',
      '2030-01-01T00:00:00.000000',
    ];
    for (const q of ['фонарь', 'лужа', 'сугроб', 'транспорт']) {
      const expected = await page(null, null, q);
      expect(expected.length).toBeGreaterThan(0);
      for (const near of cutoffs.slice(1))
        for (const far of cutoffs) {
          const from = `${q} from ${near}, then ${far}`;
          expect(await page(near, far, q), from).toEqual(expected);
          expect(await page(near, far, q, [subject]), `${from} in the subject`).toEqual(expected);
          expect(await page(near, far, q, [otherTopic]), `${from} in another topic`).toEqual([]);
        }
    }
  });

  it('shows private and unmoderated matches to their author and staff only', async () => {
    for (const who of [null, stranger]) {
      const ids = (await search(who, 'сугроб')).items.map((r) => r.id);
      expect(ids.filter((id) => hidden.includes(id))).toEqual([]);
    }
    const own = await search(author, 'сугроб');
    expect(own.total).toBe(5);
    expect(own.items.map((r) => r.id)).toEqual(expect.arrayContaining(hidden));
    const moderator = await search(staff.moderator, 'сугроб');
    expect(moderator.total).toBe(5);
    // The analyst sees private reports masked: the word is in their text as shown, so it is found.
    const analyst = await search(staff.analyst, 'сугроб');
    expect(analyst.items.map((r) => r.id)).toEqual(expect.arrayContaining(hidden));
  });
});
