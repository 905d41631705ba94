import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeadlineEscalation } from '../../src/modules/calendar/escalation.service.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { LIGHT_TEXT, spot, timeline } from '../support/duplicates.ts';
import { dispatch, myNotifications } from '../support/notifications.ts';
import {
  driveTo,
  fileReport,
  getReport,
  listedIds,
  loginStaff,
  must,
  type ReportJson,
  rows,
  type Staff,
} from '../support/reports.ts';

/**
 * Processing defects found by hand (issue 11, item 5), each reproduced here before its fix: merges
 * that bypassed moderation, internal review comments in the author's timeline, notifications naming
 * the wrong role or a change that did not happen, stale Open311 notes, and review time counted
 * against the organisation.
 */
let t: TestApp;
let staff: Staff;
let anna: Session;
let boris: Session;
let spotNo = 0;
const SECRET = 'Неуникальный текст дубля, который модератор ещё не видел: Литейный 5';
const open311 = (path: string) => t.app.inject({ method: 'GET', url: `/open311/v2/${path}` });

beforeAll(async () => {
  t = await createTestApp({ SESSION_TTL_DAYS: '365' });
  staff = await loginStaff(t);
  [anna, boris] = await Promise.all([newResident(t.app), newResident(t.app)]);
});
afterAll(() => t?.close());

describe('a merge does not bypass moderation', () => {
  it('keeps a duplicate that was never moderated out of the public API, lists and Open311', async () => {
    const at = spot(spotNo++);
    const primary = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
    const duplicate = await fileReport(t, boris, { ...at, text: SECRET });
    expect(duplicate.status).toBe('submitted');
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });

    expect((await getReport(t, null, duplicate.id)).statusCode).toBe(404);
    expect(await listedIds(t, null)).not.toContain(duplicate.id);
    const one = await open311(`requests/${duplicate.number}.json`);
    expect(one.body).not.toContain('Литейный 5');
    const all = await open311('requests.json?page_size=1000');
    expect(all.body).not.toContain('Литейный 5');
    // The author still sees their own report, merged.
    const own = (await getReport(t, boris, duplicate.id)).json() as ReportJson;
    expect(own.status).toBe('merged');

    // Split off again, it waits for moderation as before, still hidden, and a moderator can accept it.
    const back = await must(t, staff.moderator, duplicate.id, 'unmerge', {});
    expect(back.status).toBe('submitted');
    expect((await getReport(t, null, duplicate.id)).statusCode).toBe(404);
    const accepted = await must(t, staff.moderator, duplicate.id, 'accept');
    expect(accepted.status).toBe('assigned');
    expect((await getReport(t, null, duplicate.id)).statusCode).toBe(200);
  });

  it('still shows a moderated duplicate publicly once merged', async () => {
    const at = spot(spotNo++);
    const primary = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
    const duplicate = await driveTo(t, staff, boris, 'assigned', { ...at, text: SECRET });
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
    expect((await getReport(t, null, duplicate.id)).statusCode).toBe(200);
  });
});

describe('internal review stays with the staff', () => {
  it("never shows the reviewer's comment on a returned answer in the author's timeline", async () => {
    const r = await driveTo(t, staff, anna, 'answer_review', spot(spotNo++));
    const comment = 'Внутреннее замечание: приложите акт выполненных работ';
    await must(t, staff.moderator, r.id, 'return-answer', { comment });
    const own = await timeline(t, anna, r.id);
    expect(JSON.stringify(own)).not.toContain('акт выполненных работ');
    expect(own.map((e) => e.type)).not.toContain('answer_returned');
    expect(own.map((e) => e.type)).not.toContain('answer_submitted');
    // Staff who handle it still see the whole trail.
    const staffView = await timeline(t, staff.opLight, r.id);
    expect(staffView.map((e) => e.type)).toContain('answer_returned');
    // A question addressed to the author stays in the author's timeline.
    const asked = await driveTo(t, staff, anna, 'assigned', spot(spotNo++));
    await must(t, staff.opLight, asked.id, 'request-clarification', { question: 'Какой подъезд?' });
    expect((await timeline(t, anna, asked.id)).map((e) => e.type)).toContain('clarification_requested');
  });
});

describe('notifications tell what happened, and who did it', () => {
  it('says the organisation asks for a clarification when its operator asked', async () => {
    const r = await driveTo(t, staff, anna, 'assigned', spot(spotNo++));
    await must(t, staff.opLight, r.id, 'request-clarification', { question: 'Какой подъезд?' });
    const m = await driveTo(t, staff, anna, 'submitted', spot(spotNo++));
    await must(t, staff.moderator, m.id, 'request-clarification', { question: 'Уточните адрес' });
    await dispatch(t);
    const mine = (await myNotifications(t, anna)).items;
    const about = (id: string) =>
      mine.filter((n) => n.report.id === id && n.type === 'clarification_requested').map((n) => n.message);
    expect(about(r.id).join(' ')).toContain('исполнитель просит уточнить');
    expect(about(r.id).join(' ')).not.toContain('модератор');
    expect(about(m.id).join(' ')).toContain('модератор просит уточнить');
  });

  it("does not tell the primary's author of a status change when a duplicate is split off", async () => {
    const at = spot(spotNo++);
    const primary = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
    const duplicate = await driveTo(t, staff, boris, 'assigned', at);
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
    await dispatch(t);
    const before = (await myNotifications(t, anna)).items.filter((n) => n.report.id === primary.id);
    await must(t, staff.moderator, duplicate.id, 'unmerge', {});
    await dispatch(t);
    const after = (await myNotifications(t, anna)).items.filter((n) => n.report.id === primary.id);
    expect(after).toHaveLength(before.length);
  });
});

describe('Open311 status notes', () => {
  it('drops an old unmerge comment once the report is merged again', async () => {
    const at = spot(spotNo++);
    const primary = await driveTo(t, staff, anna, 'assigned', { ...at, text: LIGHT_TEXT });
    const duplicate = await driveTo(t, staff, boris, 'assigned', at);
    // A minute between the steps, as people work (one action's events share their time).
    t.clock.advance(60_000);
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
    t.clock.advance(60_000);
    await must(t, staff.moderator, duplicate.id, 'unmerge', { comment: 'Это разные фонари' });
    t.clock.advance(60_000);
    const split = (await open311(`requests/${duplicate.number}.json`)).json() as { status_notes: string }[];
    expect(split[0]?.status_notes).toBe('Это разные фонари');
    await must(t, staff.moderator, duplicate.id, 'merge', { primaryId: primary.id });
    const [r] = (await open311(`requests/${duplicate.number}.json`)).json() as {
      status_notes: string | null;
    }[];
    expect(r?.status_notes ?? '').not.toContain('разные фонари');
  });
});

describe('time in review is counted apart from the organisation', () => {
  const noon = (d: string) => new Date(`${d}T12:00:00+03:00`);
  const marks = async (id: string) =>
    (
      await rows<{ overdue: unknown; escalated: unknown }>(
        t,
        sql`SELECT overdue_at AS overdue, escalated_at AS escalated FROM reports WHERE id = ${id}`,
      )
    )[0]!;

  it('stops the organisation clock at submission, gives the review its own deadline, and resumes on return', async () => {
    // Routed Monday 2 March 2026 (5 working days: due Friday 6 March); submitted for review on Thursday.
    t.clock.set(noon('2026-03-02'));
    const r = await driveTo(t, staff, anna, 'in_progress', spot(spotNo++));
    const dueAt = r.dueAt as string;
    await must(t, staff.opLight, r.id, 'draft-answer', {
      text: 'Светильник заменён 5 марта.',
      result: 'solved',
    });
    t.clock.set(noon('2026-03-05'));
    const inReview = await must(t, staff.opLight, r.id, 'submit-answer');
    expect(inReview.reviewDueAt).toBeTruthy();

    // A week later, still waiting for review: not overdue for the organisation, and not escalated.
    t.clock.set(noon('2026-03-16'));
    const later = (await getReport(t, staff.opLight, r.id)).json() as ReportJson;
    expect(later.overdue).toBe(false);
    expect(later.reviewOverdue).toBe(true);
    await runDeadlineEscalation({
      db: t.app.ctx.db,
      clock: t.clock,
      calendar: t.app.ctx.calendar,
      escalateAfterWorkingDays: 2,
    });
    expect(await marks(r.id)).toEqual({ overdue: null, escalated: null });

    // The figures show both: nothing overdue for city-light from this report, one review overdue.
    const summary = await t.app.inject({
      method: 'GET',
      url: '/api/v1/deadlines/summary',
      headers: staff.curator.headers,
    });
    expect(summary.statusCode).toBe(200);
    const light = (
      summary.json() as { items: { organisation: { id: string }; inReview: number; reviewOverdue: number }[] }
    ).items.find((i) => i.organisation.id === (r.organisation as { id: string } | null)?.id);
    expect(light?.inReview).toBeGreaterThanOrEqual(1);
    expect(light?.reviewOverdue).toBeGreaterThanOrEqual(1);

    // Returned for rework on Monday 16 March: the day and a half left before the submission resumes.
    const returned = await must(t, staff.moderator, r.id, 'return-answer', { comment: 'Добавьте фото' });
    expect(new Date(returned.dueAt as string).getTime()).toBeGreaterThan(new Date(dueAt).getTime());
    expect(returned.overdue).toBe(false);
    expect(returned.reviewDueAt).toBeNull();
  });
});
