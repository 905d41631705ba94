import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutoClose } from '../../src/jobs/auto-close.job.ts';
import {
  generateDataset,
  rebuildAll,
  refreshAnalytics,
  runSpikeDetection,
} from '../../src/modules/analytics/index.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { act, driveTo, errorOf, getReport, loginStaff, must, rows, type Staff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/** Auto-closing with the clock injected, the systemic-problem matrix with its drill-down, spike alerts. */
describe('analytics jobs: auto-closing, matrix, spikes', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  const deps = () => ({ db: t.database.db, clock: t.clock, calendar: t.app.ctx.calendar });

  beforeAll(async () => {
    t = await createTestApp({ SESSION_TTL_DAYS: '365' });
    staff = await loginStaff(t);
    author = await newResident(t.app);
    const now = t.clock.now();
    await generateDataset(t.database.db, {
      count: 2000,
      from: new Date('2024-09-01T00:00:00Z'),
      to: now,
      now,
      seed: 11,
    });
    await rebuildAll(deps());
  });
  afterAll(() => t.close());

  it(
    'closes an answer left unrated and undisputed for the dispute window, once, and counts it',
    async () => {
      t.clock.set(new Date('2026-03-02T09:00:00Z'));
      const unrated = await driveTo(t, staff, author, 'answered');
      const ratedUnsolved = await driveTo(t, staff, author, 'answered');
      await must(t, author, ratedUnsolved.id, 'rate', { score: 2, solved: false });
      const disputed = await driveTo(t, staff, author, 'disputed');
      const autoClose = () => runAutoClose({ db: t.database.db, clock: t.clock, disputeWindowDays: 7 });
      /** Answered, unrated reports whose window has run out at the clock's time (the generated ones too). */
      const due = async () => {
        const [r] = await rows<{ n: number }>(
          t,
          sql`SELECT count(*)::int AS n FROM reports r WHERE r.status = 'answered'
            AND r.answered_at < ${new Date(t.clock.now().getTime() - 7 * 86_400_000)}
            AND NOT EXISTS (SELECT 1 FROM ratings ra WHERE ra.report_id = r.id)`,
        );
        return r!.n;
      };
      // Six days later: ours are still within the window (7 days).
      t.clock.set(new Date('2026-03-08T09:00:00Z'));
      const backlog = await due();
      expect((await autoClose()).closed).toBe(backlog);
      expect((await getReport(t, author, unrated.id)).json().status).toBe('answered');
      t.clock.set(new Date('2026-03-09T10:00:00Z'));
      const expected = await due();
      expect(expected).toBeGreaterThanOrEqual(1);
      expect((await autoClose()).closed).toBe(expected);
      expect(await autoClose()).toEqual({ closed: 0 });

      const closed = (await getReport(t, author, unrated.id)).json();
      expect(closed.status).toBe('closed');
      const [event] = await rows<{
        type: string;
        is_public: boolean;
        payload: { reason: string };
        actor_role: string;
      }>(
        t,
        sql`SELECT type, is_public, payload, actor_role FROM report_events WHERE report_id = ${unrated.id} ORDER BY id DESC LIMIT 1`,
      );
      expect(event).toMatchObject({
        type: 'closed',
        is_public: true,
        payload: { reason: 'no_rating' },
        actor_role: 'system',
      });
      expect((await getReport(t, author, ratedUnsolved.id)).json().status).toBe('answered');
      expect((await getReport(t, author, disputed.id)).json().status).toBe('disputed');
      // The resident can no longer dispute it.
      expect(
        errorOf(await act(t, author, unrated.id, 'dispute', { comment: 'Ничего не сделано' })).code,
      ).toBe('invalid_transition');

      await refreshAnalytics(deps());
      const s = (
        await t.app.inject({ method: 'GET', url: '/api/v1/analytics/summary?from=2026-03-02&to=2026-03-02' })
      ).json();
      expect(s.closedWithoutRating).toBe(1);
    },
    scaled(120_000),
  ); // several reports driven to "answered", then a full refresh: slow when CI lanes share the cores

  it('ranks subject × district cells by recurrence and drills down to the reports behind a cell', async () => {
    const q = 'from=2024-09-01&to=2026-03-09&limit=20';
    expect(errorOf(await t.app.inject({ method: 'GET', url: `/api/v1/analytics/matrix?${q}` })).code).toBe(
      'unauthenticated',
    );
    expect(
      errorOf(
        await t.app.inject({ method: 'GET', url: `/api/v1/analytics/matrix?${q}`, headers: author.headers }),
      ).code,
    ).toBe('forbidden');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/matrix?${q}`,
      headers: staff.analyst.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { cells } = res.json();
    expect(cells.length).toBe(20);
    for (let i = 1; i < cells.length; i++) expect(cells[i - 1].score).toBeGreaterThanOrEqual(cells[i].score);
    const top = cells[0];
    expect(top.score).toBe(
      top.reports + 2 * top.merged + 3 * top.disputed + 2 * top.redirected + 2 * top.samePlace,
    );
    const [direct] = await rows<{ n: number; merged: number }>(
      t,
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'merged')::int AS merged FROM reports
          WHERE category_id = ${top.categoryId} AND territory_id = ${top.territoryId}
            AND created_at >= '2024-08-31T21:00:00Z' AND created_at < '2026-03-09T21:00:00Z'`,
    );
    expect(top.reports).toBe(direct!.n);
    expect(top.merged).toBe(direct!.merged);
    const drill = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/matrix/reports?${q}&categoryId=${top.categoryId}&territoryId=${top.territoryId}`,
      headers: staff.curator.headers,
    });
    expect(drill.statusCode, drill.body).toBe(200);
    expect(drill.json().items.length).toBe(Math.min(500, top.reports));
  });

  it('raises a spike alert once for a burst, and closes it when the rate returns', async () => {
    t.clock.set(new Date('2026-03-20T09:00:00Z'));
    // A burst: 25 reports of one topic in one district over the last three days.
    const [cell] = await rows<{ category_id: string; topic_id: string; territory_id: string }>(
      t,
      sql`SELECT r.category_id, c.parent_id AS topic_id, r.territory_id FROM reports r JOIN categories c ON c.id = r.category_id
          WHERE r.idempotency_key LIKE 'gen:11:%' GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT 1`,
    );
    await t.database.db.execute(
      sql`INSERT INTO reports (kind, status, category_id, text, location, territory_id, author_id, is_public, created_at, updated_at)
          SELECT 'report', 'in_progress', ${cell!.category_id}, 'Всплеск', ST_SetSRID(ST_MakePoint(30.3, 59.9), 4326),
                 ${cell!.territory_id}, ${author.userId}, true, ts, ts
          FROM (SELECT '2026-03-17T08:00:00Z'::timestamptz + (i % 3) * interval '1 day' AS ts FROM generate_series(1, 25) i) g`,
    );
    await rebuildAll(deps());
    const first = await runSpikeDetection(deps(), true);
    expect(first.raised).toBeGreaterThanOrEqual(1);
    const again = await runSpikeDetection(deps(), true);
    expect(again.raised).toBe(0);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/alerts',
      headers: staff.analyst.headers,
    });
    expect(list.statusCode, list.body).toBe(200);
    const alerts = list
      .json()
      .items.filter(
        (a: { categoryId: string; territoryId: string }) =>
          a.categoryId === cell!.topic_id && a.territoryId === cell!.territory_id,
      );
    expect(alerts).toHaveLength(1);
    expect(alerts[0].observed).toBeGreaterThan(3 * alerts[0].expected);
    const behind = await t.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/matrix/reports?from=${alerts[0].window.from}&to=${alerts[0].window.to}&categoryId=${cell!.topic_id}&territoryId=${cell!.territory_id}`,
      headers: staff.analyst.headers,
    });
    expect(
      behind.json().items.filter((r: { status: string }) => r.status === 'in_progress').length,
    ).toBeGreaterThanOrEqual(25);
    // Two weeks later nothing unusual was filed: the alert closes, and no other one is open for the cell.
    t.clock.set(new Date('2026-04-05T09:00:00Z'));
    await runSpikeDetection(deps(), true);
    const [state] = await rows<{ open: number; closed: number }>(
      t,
      sql`SELECT count(*) FILTER (WHERE closed_day IS NULL)::int AS open, count(*) FILTER (WHERE closed_day IS NOT NULL)::int AS closed
          FROM analytics_alerts WHERE category_id = ${cell!.topic_id} AND territory_id = ${cell!.territory_id}`,
    );
    expect(state).toEqual({ open: 0, closed: 1 });
  });
});
