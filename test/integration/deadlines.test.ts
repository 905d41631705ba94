import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_ESCALATION_QUEUE } from '../../src/jobs/deadline-escalation.job.ts';
import { CalendarStore } from '../../src/modules/calendar/calendar-store.ts';
import { runDeadlineEscalation } from '../../src/modules/calendar/escalation.service.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  act,
  driveTo,
  errorOf,
  fieldPaths,
  fileReport,
  getReport,
  loginStaff,
  must,
  rows,
  type Staff,
  snapshot,
} from '../support/reports.ts';

/** The instant at which a local (Moscow) day ends, and noon of it. */
const endOf = (d: string) => new Date(`${d}T23:59:59.999+03:00`).toISOString();
const noon = (d: string) => new Date(`${d}T12:00:00+03:00`);
const REASON = 'Нужна подрядная организация, заявка подана';

describe('deadlines: production calendar, extension, escalation', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;

  beforeAll(async () => {
    // The clock travels through 2026: sessions must outlive it.
    t = await createTestApp({ SESSION_TTL_DAYS: '365' });
    staff = await loginStaff(t);
    author = await newResident(t.app);
  });
  afterAll(() => t.close());

  /** A street-light report (SLA 5 working days) routed by rule to city-light at `day` noon. */
  async function routedReport(day: string, kind: 'report' | 'appeal' = 'report') {
    t.clock.set(noon(day));
    const filed = await fileReport(t, author, { kind });
    return must(t, staff.moderator, filed.id, 'accept');
  }

  const dueOf = async (id: string) =>
    (
      await rows<{ due: Date | string | null }>(t, sql`SELECT due_at AS due FROM reports WHERE id = ${id}`)
    )[0]!.due;
  const eventsOf = async (id: string, type: string) =>
    rows<{ payload: Record<string, unknown>; isPublic: boolean }>(
      t,
      sql`SELECT payload, is_public AS "isPublic" FROM report_events WHERE report_id = ${id} AND type = ${type} ORDER BY id`,
    );

  describe('the calendar', () => {
    it('ships 2026 (decree) and 2027 (Labour Code) and shows them to everyone', async () => {
      const years = await t.app.inject({ method: 'GET', url: '/api/v1/calendar' });
      expect(years.statusCode).toBe(200);
      expect(years.json().years.map((y: { year: number; source: string }) => [y.year, y.source])).toEqual([
        [2026, 'decree'],
        [2027, 'labour_code'],
      ]);
      const y2026 = (await t.app.inject({ method: 'GET', url: '/api/v1/calendar/2026' })).json();
      expect(y2026.workingDays).toBe(247);
      expect(y2026.days).toContainEqual(
        expect.objectContaining({ day: '2026-03-09', isWorking: false, isShortened: false }),
      );
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/1812' });
      expect(bad.statusCode).toBe(400);
      expect(fieldPaths(bad)).toEqual(['params.year']);
    });

    it('lets the admin edit a date, and only the admin; bad input changes nothing', async () => {
      const put = (who: Session, day: string, payload: object) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1/admin/calendar/days/${day}`,
          headers: who.headers,
          payload,
        });
      const count = async () =>
        Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM calendar_days`))[0]!.n);
      const before = await count();

      expect((await put(staff.curator, '2026-03-20', { isWorking: false })).statusCode).toBe(403);
      const contradictory = await put(staff.admin, '2026-03-20', { isWorking: false, isShortened: true });
      expect(contradictory.statusCode).toBe(400);
      expect(fieldPaths(contradictory)).toEqual(['isShortened']);
      const badDate = await put(staff.admin, '2026-02-30', { isWorking: false });
      expect(badDate.statusCode).toBe(400);
      expect(errorOf(badDate).details.map((d) => d.path)).toEqual(['params.day']);
      const badBody = await put(staff.admin, '2026-03-20', { isWorking: 'no', extra: 1 });
      expect(badBody.statusCode).toBe(400);
      expect(fieldPaths(badBody).sort()).toEqual(['', 'isWorking']);
      const missing = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/admin/calendar/days/2026-03-20',
        headers: staff.admin.headers,
      });
      expect(missing.statusCode).toBe(404);
      expect(errorOf(missing).code).toBe('calendar_day_not_found');
      expect(await count()).toBe(before);

      // A day off on Friday 20 March: a report routed on Thursday 19 March is due on Monday 23, not Friday.
      const res = await put(staff.admin, '2026-03-20', { isWorking: false, note: 'Региональный праздник' });
      expect(res.statusCode, res.body).toBe(200);
      const r = await routedReport('2026-03-18');
      expect(r.dueAt).toBe(endOf('2026-03-26')); // 19, 23, 24, 25, 26 March
      const y = (await t.app.inject({ method: 'GET', url: '/api/v1/calendar/2026' })).json();
      expect(y.source).toBe('admin');
      expect(y.workingDays).toBe(246);
      expect(
        (
          await rows<{ action: string }>(
            t,
            sql`SELECT action FROM audit_log WHERE entity_id = '2026-03-20' ORDER BY id`,
          )
        ).map((a) => a.action),
      ).toEqual(['calendar.set_day']);

      const reset = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/admin/calendar/days/2026-03-20',
        headers: staff.admin.headers,
      });
      expect(reset.statusCode).toBe(204);
      expect((await routedReport('2026-03-18')).dueAt).toBe(endOf('2026-03-25'));
    });
  });

  describe('deadlines at routing', () => {
    it('sets a report due in its SLA working days, across the 9 March holiday, for everyone to see', async () => {
      // Friday 6 March + 5 working days: 7–9 March rest, so 10, 11, 12, 13, 16 March.
      const r = await routedReport('2026-03-06');
      expect(r.dueAt).toBe(endOf('2026-03-16'));
      expect(r.overdue).toBe(false);
      const seen = (await getReport(t, author, r.id)).json();
      expect(seen.dueAt).toBe(endOf('2026-03-16'));
      expect(seen.deadlineExtension).toBeNull();
      expect(seen.appealDeadlines).toBeNull();
      expect((await getReport(t, null, r.id)).json().dueAt).toBe(endOf('2026-03-16'));
    });

    it('gives an appeal 30 calendar days from registration and its 59-ФЗ milestones', async () => {
      t.clock.set(noon('2026-04-02'));
      const filed = await fileReport(t, author, { kind: 'appeal' });
      t.clock.set(noon('2026-04-06'));
      const routed = await must(t, staff.moderator, filed.id, 'accept');
      // 2 April + 30 = Saturday 2 May (after the 1 May holiday) → Monday 4 May.
      expect(routed.dueAt).toBe(endOf('2026-05-04'));
      expect(routed.appealDeadlines).toEqual({
        registrationDueAt: endOf('2026-04-06'), // 5 April is a Sunday
        redirectDueAt: endOf('2026-04-09'),
      });
    });
  });

  it('gives a reopened appeal 30 calendar days from the reopening', async () => {
    t.clock.set(noon('2026-03-02'));
    const disputed = await driveTo(t, staff, author, 'disputed', { kind: 'appeal' });
    t.clock.set(noon('2026-03-20'));
    const reopened = await must(t, staff.curator, disputed.id, 'reopen');
    // 20 March + 30 = Sunday 19 April → Monday 20 April.
    expect(reopened.dueAt).toBe(endOf('2026-04-20'));
  });

  describe('extend-deadline', () => {
    it('extends once, with a reason, in working days, and tells the author', async () => {
      const r = await routedReport('2026-04-24'); // Friday + 5: 27–30 April, then 4 May (1 May rests)
      expect(r.dueAt).toBe(endOf('2026-05-04'));
      await must(t, staff.opLight, r.id, 'start');
      expect((await getReport(t, staff.opLight, r.id)).json().allowedActions).toContain('extend-deadline');

      t.clock.set(noon('2026-04-29'));
      const extended = await must(t, staff.opLight, r.id, 'extend-deadline', { days: 5, reason: REASON });
      // 5 working days after 4 May: 5, 6, 7, 8, 12 May (9–11 May rest).
      expect(extended.dueAt).toBe(endOf('2026-05-12'));
      expect(extended.status).toBe('in_progress');
      expect(extended.deadlineExtension).toEqual({ at: noon('2026-04-29').toISOString(), days: 5 });
      expect(extended.allowedActions).not.toContain('extend-deadline');
      const events = (
        await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}/events`, headers: author.headers })
      ).json().items as { type: string; payload: Record<string, unknown> }[];
      expect(events.find((e) => e.type === 'deadline_extended')?.payload).toEqual({
        days: 5,
        unit: 'working_days',
        reason: REASON,
        previousDueAt: endOf('2026-05-04'),
        dueAt: endOf('2026-05-12'),
      });
      expect((await eventsOf(r.id, 'deadline_extended'))[0]?.isPublic).toBe(true);

      // Twice: refused, nothing changed.
      const before = await snapshot(t, r.id);
      const again = await act(t, staff.opLight, r.id, 'extend-deadline', { days: 2, reason: REASON });
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).code).toBe('deadline_already_extended');
      expect(await snapshot(t, r.id)).toEqual(before);
      expect(new Date((await dueOf(r.id))!).toISOString()).toBe(endOf('2026-05-12'));
    });

    it('refuses without a reason, by 0, negative or too many days, and another organisation', async () => {
      const r = await routedReport('2026-03-02');
      const before = await snapshot(t, r.id);
      const cases: [object, string[]][] = [
        [{ days: 3 }, ['reason']],
        [{ days: 0, reason: REASON }, ['days']],
        [{ days: -5, reason: REASON }, ['days']],
        [{ days: 31, reason: REASON }, ['days']],
        [{ days: 'three', reason: 'ok' }, ['days', 'reason']],
      ];
      for (const [payload, fields] of cases) {
        const res = await act(t, staff.opLight, r.id, 'extend-deadline', payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(fieldPaths(res).sort()).toEqual(fields.sort());
      }
      expect(
        errorOf(await act(t, staff.opLight, r.id, 'extend-deadline', { days: 0, reason: REASON })).details[0]
          ?.message,
      ).toBe('Продлить можно на 1–30 дней');
      const stranger = await act(t, staff.opRoads, r.id, 'extend-deadline', { days: 3, reason: REASON });
      expect(stranger.statusCode).toBe(403);
      expect(await snapshot(t, r.id)).toEqual(before);
      expect(new Date((await dueOf(r.id))!).toISOString()).toBe(r.dueAt);
    });

    it('refuses a report whose deadline is not running', async () => {
      const r = await routedReport('2026-03-02');
      await rows(t, sql`UPDATE reports SET due_at = NULL WHERE id = ${r.id}`);
      const before = await snapshot(t, r.id);
      const res = await act(t, staff.opLight, r.id, 'extend-deadline', { days: 3, reason: REASON });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe('deadline_not_running');
      expect(await snapshot(t, r.id)).toEqual(before);
      expect(await dueOf(r.id)).toBeNull();
    });

    it('extends an appeal by up to 30 calendar days', async () => {
      const r = await routedReport('2026-03-02', 'appeal');
      expect(r.dueAt).toBe(endOf('2026-04-01'));
      const extended = await must(t, staff.opLight, r.id, 'extend-deadline', { days: 30, reason: REASON });
      expect(extended.dueAt).toBe(endOf('2026-05-04')); // 1 May + weekend → Monday 4 May
      expect((await eventsOf(r.id, 'deadline_extended'))[0]?.payload.unit).toBe('calendar_days');
    });
  });

  describe('escalation', () => {
    const escalate = (calendar = t.app.ctx.calendar) =>
      runDeadlineEscalation({ db: t.app.ctx.db, clock: t.clock, calendar, escalateAfterWorkingDays: 2 });
    const marks = async (id: string) =>
      (
        await rows<{ nearly: unknown; overdue: unknown; escalated: unknown }>(
          t,
          sql`SELECT nearly_due_at AS nearly, overdue_at AS overdue, escalated_at AS escalated FROM reports WHERE id = ${id}`,
        )
      )[0]!;

    it('marks nearly due, then overdue, then escalates to the curator — each once, surviving a restart', async () => {
      // Routed Wednesday 10 June + 5: 11, 15, 16, 17, 18 June (12 June is Russia Day).
      const r = await routedReport('2026-06-10');
      expect(r.dueAt).toBe(endOf('2026-06-18'));
      // Clear whatever earlier tests left due before this one.
      t.clock.set(noon('2026-06-10'));
      await escalate();

      t.clock.set(noon('2026-06-16')); // two working days left: nothing yet
      await escalate();
      expect(await eventsOf(r.id, 'deadline_nearly_due')).toEqual([]);

      t.clock.set(noon('2026-06-17')); // one working day left
      const first = await escalate();
      expect(first.nearlyDue).toBeGreaterThanOrEqual(1);
      expect(await eventsOf(r.id, 'deadline_nearly_due')).toEqual([
        {
          payload: { dueAt: endOf('2026-06-18'), organisationId: r.organisation!.id, notify: 'operator' },
          isPublic: false,
        },
      ]);
      expect(await escalate()).toEqual({ nearlyDue: 0, overdue: 0, escalated: 0 });

      t.clock.set(noon('2026-06-19')); // one working day overdue
      await escalate();
      expect((await eventsOf(r.id, 'deadline_overdue')).length).toBe(1);
      expect(await eventsOf(r.id, 'escalated')).toEqual([]);
      const seen = (await getReport(t, staff.opLight, r.id)).json();
      expect(seen.overdue).toBe(true);

      // A restart: a new node with a fresh calendar cache finds nothing new to do.
      expect(await escalate(new CalendarStore())).toEqual({ nearlyDue: 0, overdue: 0, escalated: 0 });

      t.clock.set(noon('2026-06-22')); // Monday: two working days overdue (19, 22 June)
      await escalate();
      const escalated = await eventsOf(r.id, 'escalated');
      expect(escalated).toHaveLength(1);
      expect(escalated[0]?.payload).toMatchObject({ level: 'curator', overdueWorkingDays: 2 });
      expect(await escalate(new CalendarStore())).toEqual({ nearlyDue: 0, overdue: 0, escalated: 0 });
      expect((await eventsOf(r.id, 'deadline_overdue')).length).toBe(1);
      expect(await marks(r.id)).toEqual({
        nearly: expect.anything(),
        overdue: expect.anything(),
        escalated: expect.anything(),
      });
    });

    it('starts afresh after an extension, and leaves answered reports alone', async () => {
      const r = await routedReport('2026-07-01'); // due 8 July
      await must(t, staff.opLight, r.id, 'start');
      t.clock.set(noon('2026-07-09'));
      await escalate();
      expect((await eventsOf(r.id, 'deadline_overdue')).length).toBe(1);
      await must(t, staff.opLight, r.id, 'extend-deadline', { days: 5, reason: REASON });
      expect(await marks(r.id)).toEqual({ nearly: null, overdue: null, escalated: null });
      await escalate();
      expect((await eventsOf(r.id, 'deadline_overdue')).length).toBe(1);

      const answered = await routedReport('2026-07-01');
      await rows(t, sql`UPDATE reports SET status = 'answered' WHERE id = ${answered.id}`);
      t.clock.set(noon('2026-07-20'));
      await escalate();
      expect(await eventsOf(answered.id, 'deadline_overdue')).toEqual([]);
      expect((await eventsOf(r.id, 'deadline_overdue')).length).toBe(2);
    });

    it('counts overdue reports per organisation, scoped to what each staff member handles', async () => {
      t.clock.set(noon('2026-07-20'));
      await escalate();
      const summary = async (who: Session | null) =>
        t.app.inject({ method: 'GET', url: '/api/v1/deadlines/summary', headers: who ? who.headers : {} });
      const light = (await summary(staff.opLight)).json().items;
      expect(light).toHaveLength(1);
      expect(light[0].organisation.name.ru).toBeTruthy();
      const [{ n }] = (await rows<{ n: number }>(
        t,
        sql`SELECT count(*)::int AS n FROM reports r JOIN organisations o ON o.id = r.organisation_id
            WHERE o.code = 'city-light' AND r.due_at < ${noon('2026-07-20').toISOString()}
              AND r.status IN ('assigned', 'in_progress', 'answer_drafted', 'answer_review', 'reopened')`,
      )) as [{ n: number }];
      expect(light[0].overdue).toBe(Number(n));
      expect(light[0].overdue).toBeGreaterThan(0);
      expect(light[0].escalated).toBeGreaterThan(0);

      expect(
        (await summary(staff.curator))
          .json()
          .items.map((i: { organisation: { id: string } }) => i.organisation.id),
      ).toContain(light[0].organisation.id);
      // The Nevsky curator's district has none of these Central reports.
      expect((await summary(staff.curatorNevsky)).json().items).toEqual([]);
      expect((await summary(author)).statusCode).toBe(403);
      expect((await summary(null)).statusCode).toBe(401);
    });
  });
});

describe('the escalation job', () => {
  it('is scheduled in pg-boss on start', async () => {
    const t = await createTestApp({}, { jobs: true });
    try {
      const schedules = await t.app.ctx.queue!.getSchedules();
      expect(schedules.find((s) => s.name === DEADLINE_ESCALATION_QUEUE)).toMatchObject({
        cron: '*/10 * * * *',
        options: expect.objectContaining({ tz: 'Europe/Moscow' }),
      });
    } finally {
      await t.close();
    }
  });
});
