import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  newResident,
  organisationId as organisationIdOf,
  type Session,
  type TestApp,
} from '../support/app.ts';
import {
  driveTo,
  errorOf,
  fileReport,
  headersOf,
  listReports,
  loginStaff,
  rows,
  type Staff,
  type Who,
} from '../support/reports.ts';

type Work = {
  workingDaysLeft: number | null;
  moderationDueAt: string | null;
  moderationOverdue: boolean;
  supportCount: number;
  priority: number;
};
type Item = {
  id: string;
  number: number;
  status: string;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  work?: Work;
};
type ListJson = { items: Item[]; total: number; totalIsExact: boolean; nextCursor: string | null };
type BulkJson = {
  results: {
    reportId: string;
    ok: boolean;
    status: string | null;
    error: { code: string; message: string } | null;
  }[];
  succeeded: number;
  failed: number;
};

/**
 * The staff workspace (docs/staff-workspace.md): work lists ordered by deadline, age, support and
 * priority page by their own keyset cursor; overdue and assignee filters; the figures beside each
 * report; saved views per person; bulk actions run report by report through the action command.
 */
describe('staff workspace: orders, filters, figures, saved views, bulk actions', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  /** Three reports in city-light's queue with known deadlines: overdue, in 3 working days, in 6 days. */
  let overdue: Item;
  let soon: Item;
  let later: Item;

  const list = async (who: Who, query: string): Promise<ListJson> => {
    const res = await listReports(t, who, query);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ListJson;
  };

  /** Every page by cursor (a small page size, so the cursor is what orders the whole list). */
  async function walk(who: Who, query: string): Promise<Item[]> {
    const seen: Item[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 200; i++) {
      const page: ListJson = await list(who, `${query}&pageSize=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('the cursor never ended');
  }

  const bulk = (who: Who, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/reports/bulk-actions', headers: headersOf(who), payload });

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    const assigned = await Promise.all([0, 1, 2].map(() => driveTo(t, staff, author, 'assigned')));
    const due = ['2026-02-25T20:59:59Z', '2026-03-05T20:59:59Z', '2026-03-10T20:59:59Z'];
    for (const [i, r] of assigned.entries())
      await rows(t, sql`UPDATE reports SET due_at = ${due[i]}::timestamptz WHERE id = ${r.id}`);
    const mine = (await list(staff.opLight, 'queue=organisation&pageSize=500')).items;
    const find = (id: string) => mine.find((x) => x.id === id) as Item;
    [overdue, soon, later] = assigned.map((r) => find(r.id)) as [Item, Item, Item];
  });
  afterAll(() => t.close());

  it('shows each report its deadline, working days left and the overdue marker', () => {
    expect(overdue.overdue).toBe(true);
    expect(overdue.work?.workingDaysLeft).toBeLessThan(0);
    expect(soon.overdue).toBe(false);
    // Monday 2 March → Thursday 5 March: Tuesday, Wednesday, Thursday.
    expect(soon.work?.workingDaysLeft).toBe(3);
    expect(later.work?.workingDaysLeft).toBeGreaterThan(3);
  });

  it('orders by due date across pages, nearest first and no deadline last', async () => {
    const items = await walk(staff.opLight, 'queue=organisation&sort=due');
    const total = (await list(staff.opLight, 'queue=organisation&sort=due')).total;
    expect(items.length).toBe(total);
    expect(new Set(items.map((x) => x.id)).size).toBe(items.length);
    const dues = items.map((x) => (x.dueAt ? Date.parse(x.dueAt) : Number.POSITIVE_INFINITY));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const ours = items.map((x) => x.id).filter((id) => [overdue.id, soon.id, later.id].includes(id));
    expect(ours).toEqual([overdue.id, soon.id, later.id]);
  });

  it('orders by age, support and priority, each across pages', async () => {
    await rows(t, sql`UPDATE reports SET priority = 5 WHERE id = ${later.id}`);
    const [a, b] = await Promise.all([newResident(t.app), newResident(t.app)]);
    await rows(
      t,
      // VALUES, not INSERT … SELECT: Citus 13.2 mis-deparses the latter's shape (docs/scale-out.md).
      sql`INSERT INTO report_followers (report_id, user_id, reason, created_at)
          VALUES (${soon.id}, ${a.userId}, 'supporter', now()), (${soon.id}, ${b.userId}, 'supporter', now())
          ON CONFLICT DO NOTHING`,
    );
    const byAge = await walk(staff.opLight, 'queue=organisation&sort=age');
    const ages = byAge.map((x) => Date.parse(x.createdAt));
    expect(ages).toEqual([...ages].sort((x, y) => x - y));

    const bySupport = await walk(staff.opLight, 'queue=organisation&sort=supporters');
    const counts = bySupport.map((x) => x.work?.supportCount ?? -1);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    expect(bySupport[0]?.id).toBe(soon.id);
    expect(bySupport[0]?.work?.supportCount).toBe(2);

    const byPriority = await walk(staff.opLight, 'queue=organisation&sort=priority');
    const priorities = byPriority.map((x) => x.work?.priority ?? -1);
    expect(priorities).toEqual([...priorities].sort((x, y) => y - x));
    expect(byPriority[0]?.id).toBe(later.id);
    expect(new Set(byPriority.map((x) => x.id)).size).toBe(byPriority.length);
  });

  it('refuses a cursor made for another order', async () => {
    const page = await list(staff.opLight, 'queue=organisation&sort=due&pageSize=1');
    expect(page.nextCursor).not.toBeNull();
    const res = await listReports(t, staff.opLight, `queue=organisation&sort=age&cursor=${page.nextCursor}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.map((d) => d.path)).toContain('cursor');
  });

  it('filters overdue and not overdue', async () => {
    const yes = (await list(staff.opLight, 'queue=organisation&overdue=true&pageSize=500')).items;
    expect(yes.map((x) => x.id)).toContain(overdue.id);
    expect(yes.every((x) => x.overdue)).toBe(true);
    const no = (await list(staff.opLight, 'queue=organisation&overdue=false&pageSize=500')).items;
    expect(no.map((x) => x.id)).toEqual(expect.arrayContaining([soon.id, later.id]));
    expect(no.some((x) => x.overdue)).toBe(false);
  });

  it('takes reports into work in bulk and filters by who took them', async () => {
    const res = await bulk(staff.opLight, { action: 'start', reportIds: [overdue.id, soon.id] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as BulkJson;
    expect(body.succeeded).toBe(2);
    expect(body.results.map((r) => r.status)).toEqual(['in_progress', 'in_progress']);

    const mine = (await list(staff.opLight, 'queue=organisation&assignee=me&pageSize=500')).items;
    expect(mine.map((x) => x.id).sort()).toEqual([overdue.id, soon.id].sort());
    const byId = (await list(staff.admin, `assignee=${staff.opLight.userId}&pageSize=500`)).items;
    expect(byId.map((x) => x.id).sort()).toEqual([overdue.id, soon.id].sort());
    const nobody = (await list(staff.opLight, 'queue=organisation&assignee=none&pageSize=500')).items;
    expect(nobody.map((x) => x.id)).toContain(later.id);
    expect(nobody.map((x) => x.id)).not.toContain(overdue.id);
    // Residents never learn who works on what.
    const refused = await listReports(t, author, 'assignee=none');
    expect(refused.statusCode).toBe(403);
  });

  it('accepts in bulk and says which reports were refused and why', async () => {
    const [a, b, rejected] = await Promise.all([
      fileReport(t, author),
      fileReport(t, author),
      driveTo(t, staff, author, 'rejected'),
    ]);
    const queue = (await list(staff.moderator, 'queue=moderation&pageSize=500')).items;
    const waiting = queue.find((x) => x.id === a.id);
    expect(waiting?.work?.moderationDueAt).toEqual(expect.any(String));
    expect(waiting?.work?.moderationOverdue).toBe(false);

    const res = await bulk(staff.moderator, { action: 'accept', reportIds: [a.id, rejected.id, b.id] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as BulkJson;
    expect(body).toMatchObject({ succeeded: 2, failed: 1 });
    expect(body.results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(body.results[1]?.error?.code).toBe('invalid_transition');
    expect(body.results[1]?.error?.message).toMatch(/[а-я]/);
    const statuses = await rows<{ id: string; status: string }>(
      t,
      sql`SELECT id, status FROM reports WHERE id IN (${a.id}, ${b.id}, ${rejected.id})`,
    );
    expect(new Map(statuses.map((s) => [s.id, s.status]))).toEqual(
      new Map([
        [a.id, 'assigned'],
        [b.id, 'assigned'],
        [rejected.id, 'rejected'],
      ]),
    );
  });

  it('checks authorisation per report: an operator cannot accept, a resident cannot bulk at all', async () => {
    const r = await fileReport(t, author);
    const res = await bulk(staff.opLight, { action: 'accept', reportIds: [r.id] });
    expect(res.statusCode).toBe(200);
    const body = res.json() as BulkJson;
    expect(body.failed).toBe(1);
    expect(['forbidden', 'report_not_found']).toContain(body.results[0]?.error?.code);
    expect((await bulk(author, { action: 'accept', reportIds: [r.id] })).statusCode).toBe(403);
    expect((await bulk(null, { action: 'accept', reportIds: [r.id] })).statusCode).toBe(401);
    const twice = await bulk(staff.moderator, { action: 'accept', reportIds: [r.id, r.id] });
    expect(twice.statusCode).toBe(400);
    const wrong = await bulk(staff.moderator, { action: 'close', reportIds: [r.id] });
    expect(wrong.statusCode).toBe(400);
  });

  it('assigns in bulk from the curator queue, with the organisation chosen once', async () => {
    const waiting = await driveTo(t, staff, author, 'accepted');
    const notWaiting = await fileReport(t, author);
    const organisationId = await organisationIdOf(t.app, 'city-light');
    const res = await bulk(staff.curator, {
      action: 'assign',
      reportIds: [waiting.id, notWaiting.id],
      body: { organisationId },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as BulkJson;
    expect(body.results[0]).toMatchObject({ ok: true, status: 'assigned' });
    expect(body.results[1]).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    const missingBody = await bulk(staff.curator, { action: 'assign', reportIds: [waiting.id] });
    expect(missingBody.statusCode).toBe(400);
  });

  describe('saved views', () => {
    const views = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', id = '', payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1/workspace/views${id ? `/${id}` : ''}`,
        headers: headersOf(who),
        ...(payload ? { payload } : {}),
      });

    it('are created, listed, renamed and deleted by their owner only', async () => {
      const query = { queue: 'organisation', sort: 'due', overdue: 'true' };
      const created = await views(staff.opLight, 'POST', '', { name: 'Просроченные', query });
      expect(created.statusCode, created.body).toBe(201);
      const view = created.json() as { id: string; name: string; query: object };
      expect(view.query).toEqual(query);

      const again = await views(staff.opLight, 'POST', '', { name: 'Просроченные', query: {} });
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).code).toBe('saved_view_name_taken');

      const listed = (await views(staff.opLight, 'GET')).json() as { items: { id: string }[] };
      expect(listed.items.map((v) => v.id)).toEqual([view.id]);
      // Another person neither sees nor touches it.
      expect(((await views(staff.opRoads, 'GET')).json() as { items: unknown[] }).items).toEqual([]);
      expect((await views(staff.opRoads, 'PATCH', view.id, { name: 'Чужой' })).statusCode).toBe(404);
      expect((await views(staff.opRoads, 'DELETE', view.id)).statusCode).toBe(404);

      const renamed = await views(staff.opLight, 'PATCH', view.id, { name: 'Горит' });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect((renamed.json() as { name: string }).name).toBe('Горит');
      expect((await views(staff.opLight, 'PATCH', view.id, {})).statusCode).toBe(400);

      // The saved query is what the list takes.
      const applied = await list(staff.opLight, new URLSearchParams(query).toString());
      expect(applied.items.every((x) => x.overdue)).toBe(true);

      expect((await views(staff.opLight, 'DELETE', view.id)).statusCode).toBe(204);
      expect((await views(staff.opLight, 'DELETE', view.id)).statusCode).toBe(404);
    });

    it('refuse residents and a query with unknown or bad fields, listing every problem', async () => {
      expect((await views(author, 'GET')).statusCode).toBe(403);
      expect((await views(author, 'POST', '', { name: 'x', query: {} })).statusCode).toBe(403);
      const bad = await views(staff.opLight, 'POST', '', {
        name: '',
        query: { sort: 'loudest', page: 3 },
      });
      expect(bad.statusCode).toBe(400);
      const paths = errorOf(bad).details.map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'query.sort']));
    });
  });
});
