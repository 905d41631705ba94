import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClarificationTimeout } from '../../src/jobs/clarification-timeout.job.ts';
import { DAY_MS } from '../../src/lib/clock.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  act,
  driveTo,
  errorOf,
  getReport,
  loginStaff,
  must,
  type Staff,
  snapshot,
} from '../support/reports.ts';

const QUESTION = 'Уточните, пожалуйста, номер опоры';
const START = new Date('2026-03-02T09:00:00Z'); // Monday

describe('clarification loop', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
  });
  afterAll(() => t.close());

  const timeout = () => runClarificationTimeout({ db: t.app.ctx.db, clock: t.clock, timeoutDays: 14 });

  it('lets the operator ask while working; the clock stops until the author answers', async () => {
    t.clock.set(START);
    const r = await driveTo(t, staff, author, 'in_progress');
    // 5 working days: 3–6 March and 10 March (9 March 2026 is a public holiday).
    expect(r.dueAt).toBe('2026-03-10T20:59:59.999Z');
    const asked = await must(t, staff.opLight, r.id, 'request-clarification', { question: QUESTION });
    expect(asked.status).toBe('clarification_requested');
    expect(asked.allowedActions).not.toContain('start');
    // The author is told by when an answer keeps the report open (the region's 14 days by default),
    // on the page read afresh too.
    const closesAt = new Date(START.getTime() + 14 * DAY_MS).toISOString();
    expect(asked.clarifyUntil).toBe(closesAt);
    expect((await getReport(t, author, r.id)).json().clarifyUntil).toBe(closesAt);

    // The author answers on Thursday: Tue, Wed, Thu → three working days of waiting.
    t.clock.set(new Date('2026-03-05T10:00:00Z'));
    const answered = await must(t, author, r.id, 'clarify', { answer: 'Опора № 17, у второго подъезда' });
    expect(answered.status).toBe('in_progress');
    expect(answered.dueAt).toBe('2026-03-13T20:59:59.999Z');
    expect(answered.clarifyUntil).toBeNull();
  });

  it('keeps a 59-ФЗ appeal’s deadline running while the author is asked', async () => {
    t.clock.set(START);
    const r = await driveTo(t, staff, author, 'in_progress', { kind: 'appeal', isPublic: false });
    await must(t, staff.opLight, r.id, 'request-clarification', { question: QUESTION });
    t.clock.set(new Date('2026-03-05T10:00:00Z'));
    const answered = await must(t, author, r.id, 'clarify', { answer: 'Опора № 17, у второго подъезда' });
    expect(answered.dueAt).toBe(r.dueAt);
  });

  it('returns a report asked at moderation to moderation', async () => {
    const r = await driveTo(t, staff, author, 'clarification_requested');
    const back = await must(t, author, r.id, 'clarify', { answer: 'Дом 5, второй подъезд' });
    expect(back.status).toBe('submitted');
  });

  it('refuses a question from someone who does not handle the report', async () => {
    const r = await driveTo(t, staff, author, 'in_progress');
    const before = await snapshot(t, r.id);
    const res = await act(t, staff.opRoads, r.id, 'request-clarification', { question: QUESTION });
    expect(res.statusCode).toBe(403);
    expect((await act(t, staff.opLight, r.id, 'request-clarification', { question: 'да' })).statusCode).toBe(
      400,
    );
    expect(await snapshot(t, r.id)).toEqual(before);
  });

  it('closes a report whose question went unanswered, with a clear reason, once', async () => {
    t.clock.set(START);
    const silent = await driveTo(t, staff, author, 'in_progress');
    await must(t, staff.opLight, silent.id, 'request-clarification', { question: QUESTION });
    const replied = await driveTo(t, staff, author, 'clarification_requested');
    t.clock.advance(13 * DAY_MS);
    await must(t, author, replied.id, 'clarify', { answer: 'Дом 5, второй подъезд' });
    expect((await timeout()).closed).toBe(0);

    t.clock.advance(2 * DAY_MS);
    expect((await timeout()).closed).toBeGreaterThanOrEqual(1);
    expect((await timeout()).closed).toBe(0);
    const events = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/${silent.id}/events`,
        headers: author.headers,
      })
    ).json().items as { type: string; actorRole: string; payload: Record<string, unknown> }[];
    expect(events.at(-1)).toMatchObject({
      type: 'closed',
      actorRole: 'system',
      payload: { reason: 'clarification_timeout', days: 14 },
    });
    const late = await act(t, author, silent.id, 'clarify', { answer: 'Опора № 17' });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('invalid_transition');
    expect((await snapshot(t, replied.id)).status).toBe('submitted');
  });
});
