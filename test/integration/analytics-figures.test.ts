import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, rebuildAll, refreshAnalytics } from '../../src/modules/analytics/index.ts';
import type { ProductionCalendar } from '../../src/modules/calendar/production-calendar.ts';
import { directSummary, sameFigures } from '../support/analytics.ts';
import { categoryId, createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { driveTo, loginStaff, rows, type Staff } from '../support/reports.ts';

/**
 * Every dashboard figure against a direct count over the raw rows (test/support/analytics.ts), on a
 * generated data set across holidays, month edges and clarification pauses; then again after new
 * events are folded in incrementally by the refresh job.
 */
describe('analytics: figures equal direct counts', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let calendar: ProductionCalendar;
  const deps = () => ({ db: t.database.db, clock: t.clock, calendar: t.app.ctx.calendar });

  beforeAll(async () => {
    t = await createTestApp({ SESSION_TTL_DAYS: '365' });
    staff = await loginStaff(t);
    author = await newResident(t.app);
    const now = t.clock.now();
    await generateDataset(t.database.db, {
      count: 2500,
      from: new Date('2025-01-01T00:00:00Z'),
      to: now,
      now,
      seed: 7,
    });
    await rebuildAll(deps());
    calendar = await t.app.ctx.calendar.get(t.database.db);
  });
  afterAll(() => t.close());

  async function summary(query: string) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/summary?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function firstIds() {
    const [r] = await rows<{
      territory_id: string;
      topic_id: string;
      category_id: string;
      organisation_id: string;
    }>(
      t,
      // A district and a topic with the most reports in the combined case's period (the first report
      // by number was used, and on Citus, where the numbers fall in another order, its pair once had
      // none there), then a report of that pair for its subject and organisation.
      sql`WITH pair AS (
            SELECT r.territory_id, c.parent_id AS topic_id FROM reports r JOIN categories c ON c.id = r.category_id
            WHERE r.organisation_id IS NOT NULL AND r.created_at >= '2025-04-10' AND r.created_at < '2025-10-22'
            GROUP BY r.territory_id, c.parent_id ORDER BY count(*) DESC, r.territory_id, c.parent_id LIMIT 1)
          SELECT r.territory_id, p.topic_id, r.category_id, r.organisation_id
          FROM reports r JOIN categories c ON c.id = r.category_id
          JOIN pair p ON p.territory_id = r.territory_id AND p.topic_id = c.parent_id
          WHERE r.organisation_id IS NOT NULL ORDER BY r.number LIMIT 1`,
    );
    return r!;
  }

  it('the generated set is large and varied enough to test on', async () => {
    const [stats] = await rows<{ n: number; statuses: number; districts: number; paused: number }>(
      t,
      sql`SELECT count(*)::int AS n, count(DISTINCT status)::int AS statuses, count(DISTINCT territory_id)::int AS districts,
                 (SELECT count(DISTINCT report_id)::int FROM report_events WHERE to_status = 'clarification_requested') AS paused
          FROM reports`,
    );
    expect(stats!.n).toBe(2500);
    expect(stats!.statuses).toBeGreaterThanOrEqual(7);
    expect(stats!.districts).toBe(18);
    expect(stats!.paused).toBeGreaterThan(20);
  });

  it('over whole months, month edges, a whole year and with each filter', async () => {
    const ids = await firstIds();
    const cases: [string, { from: string; to: string }, Record<string, string>][] = [
      ['2025', { from: '2025-01-01', to: '2025-12-31' }, {}],
      ['edges', { from: '2025-03-17', to: '2025-11-05' }, {}],
      ['holidays', { from: '2025-12-20', to: '2026-01-20' }, {}],
      ['territory', { from: '2025-02-10', to: '2026-02-20' }, { territoryId: ids.territory_id }],
      ['topic', { from: '2025-01-01', to: '2026-03-02' }, { categoryId: ids.topic_id }],
      ['organisation', { from: '2025-06-01', to: '2026-01-31' }, { organisationId: ids.organisation_id }],
      // A subject reads the facts at the edges; a topic and a territory the daily roll-up.
      ['subject', { from: '2025-02-11', to: '2026-01-19' }, { categoryId: ids.category_id }],
      [
        'territory and topic',
        { from: '2025-04-09', to: '2025-10-22' },
        { territoryId: ids.territory_id, categoryId: ids.topic_id },
      ],
      ['days within one month', { from: '2025-07-03', to: '2025-07-27' }, { categoryId: ids.topic_id }],
    ];
    for (const [name, period, filters] of cases) {
      const got = await summary(new URLSearchParams({ ...period, ...filters }).toString());
      const want = await directSummary(t, period, filters, t.clock.now(), calendar);
      expect(want.received, name).toBeGreaterThan(0);
      expect(sameFigures(got, want), name).toEqual({});
    }
  });

  it('counts answer time in working days across holidays, less a clarification pause', async () => {
    // Filed Wed 29 April 2026, asked to clarify Thu 30 April, clarified Wed 6 May, answered Wed 13 May.
    // Working days 29, 30 Apr, 4–8, 12 May = 8 (1 and 11 May are holidays); the pause took 30 Apr, 4, 5 May = 3.
    t.clock.set(new Date('2026-05-20T09:00:00Z'));
    const subject = await categoryId(t.app, 'street-light');
    const [r] = await rows<{ id: string }>(
      t,
      sql`INSERT INTO reports (kind, status, category_id, text, location, territory_id, author_id, is_public, due_at, answered_at, created_at, updated_at)
          SELECT 'report', 'answered', ${subject}, 'Проверка рабочих дней', ST_SetSRID(ST_MakePoint(30.33, 59.93), 4326),
                 (SELECT id FROM territories WHERE kind = 'district' ORDER BY code LIMIT 1), ${author.userId}, true,
                 '2026-05-12T20:59:59Z', '2026-05-13T12:00:00Z', '2026-04-29T07:00:00Z', '2026-04-29T07:00:00Z'
          RETURNING id`,
    );
    await t.database.db.execute(
      sql`INSERT INTO report_events (report_id, type, from_status, to_status, actor_role, payload, created_at) VALUES
          (${r!.id}, 'submitted', NULL, 'submitted', 'resident', '{}', '2026-04-29T07:00:00Z'),
          (${r!.id}, 'clarification_requested', 'in_progress', 'clarification_requested', 'operator', '{}', '2026-04-30T06:00:00Z'),
          (${r!.id}, 'clarified', 'clarification_requested', 'in_progress', 'resident', '{}', '2026-05-06T09:00:00Z'),
          (${r!.id}, 'answer_published', 'answer_review', 'answered', 'moderator', '{}', '2026-05-13T12:00:00Z')`,
    );
    await refreshAnalytics(deps());
    const got = await summary(`from=2026-04-29&to=2026-04-29&categoryId=${subject}`);
    expect(got.medianAnswerWorkingDays).toBe(5);
    expect(got.p90AnswerWorkingDays).toBe(5);
    expect(got.answeredOnTimeShare).toBe(0);
  });

  it('folds new events in incrementally (the refresh job) and stays equal to direct counts', async () => {
    t.clock.set(new Date('2026-05-21T09:00:00Z'));
    await driveTo(t, staff, author, 'resolved');
    await driveTo(t, staff, author, 'disputed');
    await driveTo(t, staff, author, 'in_progress');
    // A generated report moves to another subject and organisation: its old cell must lose it.
    const [moved] = await rows<{ id: string }>(
      t,
      sql`SELECT id FROM reports WHERE status = 'resolved' AND created_at < '2025-09-01' ORDER BY number LIMIT 1`,
    );
    const other = await categoryId(t.app, 'road-pothole');
    await t.database.db.execute(
      sql`UPDATE reports SET category_id = ${other}, redirect_count = 1 WHERE id = ${moved!.id}`,
    );
    await t.database.db.execute(
      sql`INSERT INTO report_events (report_id, type, actor_role, payload) VALUES (${moved!.id}, 'recategorised', 'curator', '{}')`,
    );
    const refreshed = await refreshAnalytics(deps());
    expect(refreshed).toBeGreaterThanOrEqual(4);
    for (const period of [
      { from: '2025-01-01', to: '2026-05-21' },
      { from: '2026-05-01', to: '2026-05-21' },
      { from: '2025-08-01', to: '2025-08-31' },
    ]) {
      const got = await summary(new URLSearchParams(period).toString());
      const want = await directSummary(t, period, {}, t.clock.now(), calendar);
      expect(sameFigures(got, want), period.from).toEqual({});
    }
    // A second pass changes nothing.
    await refreshAnalytics(deps());
    const again = await summary('from=2025-01-01&to=2026-05-21');
    const want = await directSummary(
      t,
      { from: '2025-01-01', to: '2026-05-21' },
      {},
      t.clock.now(),
      calendar,
    );
    expect(sameFigures(again, want)).toEqual({});
  });

  it('the choropleth gives each district its direct counts, overdue now included', async () => {
    const period = { from: '2025-05-14', to: '2026-02-03' };
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/choropleth?${new URLSearchParams(period)}&metric=overdue`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items: { territoryId: string; value: number; received: number }[] = res.json().items;
    expect(items.length).toBe(18);
    let overdue = 0;
    for (const item of items) {
      const want = await directSummary(t, period, { territoryId: item.territoryId }, t.clock.now(), calendar);
      expect([item.received, item.value], item.territoryId).toEqual([want.received, want.overdue]);
      overdue += item.value;
    }
    expect(overdue).toBeGreaterThan(0);
  });

  it('weekly trends add up to the direct count with a topic (daily roll-up) and a subject (facts)', async () => {
    const ids = await firstIds();
    const period = { from: '2025-09-10', to: '2025-11-30' };
    for (const categoryId of [ids.topic_id, ids.category_id]) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/analytics/dashboard?${new URLSearchParams({ ...period, categoryId })}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const d = res.json();
      const want = await directSummary(t, period, { categoryId }, t.clock.now(), calendar);
      expect(sameFigures(d.summary, want)).toEqual({});
      const sum = (xs: { received: number }[]) => xs.reduce((s, p) => s + p.received, 0);
      expect([sum(d.byWeek), sum(d.byMonth)]).toEqual([want.received, want.received]);
    }
  });

  it('the dashboard compares with the previous period of equal length and trends by month and week', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/dashboard?from=2026-01-01&to=2026-03-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.previous).toMatchObject({ from: '2025-10-03', to: '2025-12-31' });
    const want = await directSummary(
      t,
      { from: '2025-10-03', to: '2025-12-31' },
      {},
      t.clock.now(),
      calendar,
    );
    expect(sameFigures(d.previous.summary, want)).toEqual({});
    expect(d.byMonth.map((p: { period: string }) => p.period)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    const monthSum = d.byMonth.reduce((s: number, p: { received: number }) => s + p.received, 0);
    const weekSum = d.byWeek.reduce((s: number, p: { received: number }) => s + p.received, 0);
    expect(monthSum).toBe(d.summary.received);
    expect(weekSum).toBe(d.summary.received);
  });

  it('"overdue now" follows the clock without a refresh (the roll-ups less the not yet due)', async () => {
    const period = { from: '2025-12-01', to: '2026-03-02' };
    const overdueAt = async (at: string) => {
      t.clock.set(new Date(at));
      const got = await summary(new URLSearchParams(period).toString());
      const want = await directSummary(t, period, {}, t.clock.now(), calendar);
      expect(sameFigures(got, want), at).toEqual({});
      return got.overdue as number;
    };
    const early = await overdueAt('2026-02-10T09:00:00Z');
    const late = await overdueAt('2026-03-20T09:00:00Z');
    expect(late).toBeGreaterThan(early);
  });
});
