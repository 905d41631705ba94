import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import { upload } from '../support/media.ts';
import {
  ANSWER_TEXT,
  act,
  districtPoint,
  driveTo,
  errorOf,
  fileReport,
  getReport,
  listedIds,
  listReports,
  loginStaff,
  must,
  rows,
  type Staff,
  snapshot,
  type Who,
} from '../support/reports.ts';

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-03-02T09:00:00Z'); // Monday, 12:00 in Saint Petersburg

describe('report workflows', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let other: Session;

  const eventTypes = async (who: Who, id: string) =>
    (
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/reports/${id}/events`,
          headers: who?.headers ?? {},
        })
      ).json().items as { type: string }[]
    ).map((e) => e.type);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    other = await newResident(t.app);
  });
  afterAll(() => t.close());

  describe('routing', () => {
    it('assigns by the rule table on accept, with a deadline of the subject’s SLA in working days', async () => {
      const r = await driveTo(t, staff, author, 'assigned');
      expect(r.organisation!.id).toBe(await organisationId(t.app, 'city-light'));
      // Street lights: 5 working days from Monday 2 March (9 March is a public holiday) → end of
      // Tuesday 10 March, Moscow time.
      expect(r.dueAt).toBe('2026-03-10T20:59:59.999Z');
      expect(await eventTypes(author, r.id)).toEqual(['submitted', 'accepted', 'routed']);
    });

    it('sends a report without a rule to the curator’s queue on accept', async () => {
      const r = await driveTo(t, staff, author, 'accepted'); // other-issue: no rule anywhere
      expect(r).toMatchObject({ status: 'accepted', organisation: null, dueAt: null });
      expect(await listedIds(t, staff.curator, 'queue=curator')).toContain(r.id);
      expect(await eventTypes(author, r.id)).toEqual(['submitted', 'accepted', 'sent_to_curator']);
      expect(await eventTypes(null, r.id)).toEqual(['submitted', 'accepted']);
      expect((await getReport(t, staff.curator, r.id)).json().allowedActions).toEqual([
        'assign',
        'close',
        'recategorise',
        'merge',
      ]);
    });

    it('also for a gap in one district only (abandoned cars in the centre)', async () => {
      const r = await fileReport(t, author, {
        category: 'abandoned-car',
        text: 'Брошенный автомобиль без колёс во дворе',
      });
      expect((await must(t, staff.moderator, r.id, 'accept')).status).toBe('accepted');
      const nevsky = await fileReport(t, author, {
        category: 'abandoned-car',
        ...(await districtPoint(t, 'nevsky')),
        text: 'Брошенный автомобиль без колёс у дома',
      });
      expect((await must(t, staff.moderator, nevsky.id, 'accept')).status).toBe('assigned');
    });

    it('lets the curator assign it, with the SLA deadline counted from the assignment', async () => {
      const r = await driveTo(t, staff, author, 'accepted');
      t.clock.set(new Date(START.getTime() + 2 * DAY)); // Wednesday
      try {
        const adm = await organisationId(t.app, 'adm-tsentralny');
        const assigned = await must(t, staff.curator, r.id, 'assign', {
          organisationId: adm,
          comment: 'Территория администрации',
        });
        expect(assigned).toMatchObject({ status: 'assigned', organisation: { id: adm } });
        // Other problems: 20 working days from Wednesday 4 March (9 March is a holiday) → Thursday 2 April.
        expect(assigned.dueAt).toBe('2026-04-02T20:59:59.999Z');
        expect(await listedIds(t, staff.curator, 'queue=curator')).not.toContain(r.id);
      } finally {
        t.clock.set(START);
      }
    });

    it('refuses an unknown or inactive organisation with 422 unknown_organisation, changing nothing', async () => {
      const r = await driveTo(t, staff, author, 'accepted');
      await t.database.db.execute(
        sql`UPDATE organisations SET is_active = FALSE WHERE code = 'hoa-kronshtadtskaya-gavan'`,
      );
      const inactive = (
        await rows<{ id: string }>(
          t,
          sql`SELECT id FROM organisations WHERE code = 'hoa-kronshtadtskaya-gavan'`,
        )
      )[0]!.id;
      for (const organisationId of [randomUUID(), inactive]) {
        const before = await snapshot(t, r.id);
        const res = await act(t, staff.curator, r.id, 'assign', { organisationId });
        expect(res.statusCode).toBe(422);
        expect(errorOf(res)).toMatchObject({
          code: 'unknown_organisation',
          details: [{ path: 'organisationId' }],
        });
        expect(await snapshot(t, r.id)).toEqual(before);
      }
    });

    it('leaves another district’s report to that district’s curator', async () => {
      const central = await driveTo(t, staff, author, 'accepted');
      const res = await act(t, staff.curatorNevsky, central.id, 'assign', {
        organisationId: await organisationId(t.app, 'adm-nevsky'),
      });
      expect(res.statusCode).toBe(403);
      expect((await getReport(t, staff.curatorNevsky, central.id)).json().allowedActions).toEqual([]);
      const hidden = await driveTo(t, staff, author, 'accepted', { isPublic: false });
      expect(
        (
          await act(t, staff.curatorNevsky, hidden.id, 'assign', {
            organisationId: await organisationId(t.app, 'adm-nevsky'),
          })
        ).statusCode,
      ).toBe(404);

      const nevsky = await driveTo(t, staff, author, 'accepted', await districtPoint(t, 'nevsky'));
      const adm = await organisationId(t.app, 'adm-nevsky');
      expect(
        (await must(t, staff.curatorNevsky, nevsky.id, 'assign', { organisationId: adm })).organisation!.id,
      ).toBe(adm);
      expect(await listedIds(t, staff.opNevsky, 'queue=organisation')).toContain(nevsky.id);
      expect((await getReport(t, staff.opNevsky, nevsky.id)).json().allowedActions).toEqual([
        'request-clarification',
        'start',
        'recategorise',
        'redirect',
        'extend-deadline',
        'merge',
      ]);
    });
  });

  it('runs a command that needs no fields without any request body', async () => {
    const r = await driveTo(t, staff, author, 'assigned');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${r.id}/actions/start`,
      headers: staff.opLight.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${r.id}/actions/close`,
      headers: staff.curator.headers,
    });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details.map((d) => d.path)).toEqual([expect.stringMatching(/reason$/)]);
  });

  describe('clarification loop', () => {
    it('goes back to the author and then back to moderation', async () => {
      const r = await fileReport(t, author);
      await must(t, staff.moderator, r.id, 'request-clarification', {
        question: 'Уточните номер дома и подъезда',
      });
      const mine = (await getReport(t, author, r.id)).json();
      expect(mine).toMatchObject({ status: 'clarification_requested', allowedActions: ['clarify'] });
      expect(await listedIds(t, staff.moderator, 'queue=moderation')).not.toContain(r.id);
      expect((await act(t, other, r.id, 'clarify', { answer: 'Дом 5' })).statusCode).toBe(404);

      expect((await must(t, author, r.id, 'clarify', { answer: 'Дом 12, подъезд 2' })).status).toBe(
        'submitted',
      );
      expect(await listedIds(t, staff.moderator, 'queue=moderation')).toContain(r.id);
      expect((await act(t, author, r.id, 'clarify', { answer: 'Ещё раз' })).statusCode).toBe(409);
      expect((await must(t, staff.moderator, r.id, 'accept')).status).toBe('assigned');
      const events = (
        await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}/events`, headers: author.headers })
      ).json().items;
      expect(events.find((e: { type: string }) => e.type === 'clarified').payload).toEqual({
        answer: 'Дом 12, подъезд 2',
      });
    });

    it('may end in a rejection, after which nobody can do anything', async () => {
      const r = await driveTo(t, staff, author, 'clarification_requested');
      expect(
        (await must(t, staff.moderator, r.id, 'reject', { reason: 'Автор не ответил на вопрос' })).status,
      ).toBe('rejected');
      for (const s of [author, staff.moderator, staff.admin, staff.curator])
        expect((await getReport(t, s, r.id)).json().allowedActions).toEqual([]);
      expect((await act(t, author, r.id, 'clarify', { answer: 'Дом 12' })).statusCode).toBe(409);
    });
  });

  describe('appeals (59-ФЗ)', () => {
    it('are never public, at any step', async () => {
      const r = await fileReport(t, author, {
        kind: 'appeal',
        isPublic: true,
        text: 'Обращение: прошу восстановить освещение',
      });
      const steps: [Session, string, object][] = [
        [staff.moderator, 'accept', {}],
        [staff.opLight, 'start', {}],
        [staff.opLight, 'draft-answer', { text: ANSWER_TEXT, result: 'solved' }],
        [staff.opLight, 'submit-answer', {}],
        [staff.moderator, 'publish-answer', {}],
        [author, 'rate', { score: 5, solved: true }],
      ];
      const hidden = async () => {
        for (const who of [null, other] as Who[]) {
          expect((await getReport(t, who, r.id)).statusCode).toBe(404);
          expect(await listedIds(t, who)).not.toContain(r.id);
        }
      };
      await hidden();
      for (const [who, action, body] of steps) {
        await must(t, who, r.id, action, body);
        await hidden();
      }
      expect((await getReport(t, author, r.id)).json()).toMatchObject({
        kind: 'appeal',
        isPublic: false,
        status: 'resolved',
      });
      expect((await getReport(t, staff.opLight, r.id)).statusCode).toBe(200);
      expect((await getReport(t, staff.opRoads, r.id)).statusCode).toBe(404);
    });
  });

  describe('answers', () => {
    it('keeps one working draft, hidden from the author and the public until published', async () => {
      const r = await driveTo(t, staff, author, 'answer_drafted');
      await must(t, staff.opLight, r.id, 'draft-answer', {
        text: 'Работы запланированы на следующую неделю.',
        result: 'planned',
        plannedDate: '2026-03-20',
      });
      expect((await snapshot(t, r.id)).answers).toBe(1);
      for (const who of [author, null] as Who[])
        expect((await getReport(t, who, r.id)).json().answer).toBeNull();
      expect((await getReport(t, staff.moderator, r.id)).json().answer).toMatchObject({
        status: 'draft',
        result: 'planned',
        plannedDate: '2026-03-20',
      });
      await must(t, staff.opLight, r.id, 'submit-answer');
      await must(t, staff.moderator, r.id, 'publish-answer');
      expect((await getReport(t, null, r.id)).json().answer).toMatchObject({
        status: 'published',
        result: 'planned',
        plannedDate: '2026-03-20',
      });
    });

    it('stores a refusal with its legal reason', async () => {
      const r = await driveTo(t, staff, author, 'in_progress');
      const drafted = await must(t, staff.opLight, r.id, 'draft-answer', {
        text: 'Опора не находится на балансе предприятия.',
        result: 'rejected',
        legalReason: 'п. 3 ст. 11 59-ФЗ',
      });
      expect(drafted.answer).toMatchObject({
        result: 'rejected',
        legalReason: 'п. 3 ст. 11 59-ФЗ',
        plannedDate: null,
      });
    });

    it('refuses someone else’s photo on a draft and writes no answer', async () => {
      const r = await driveTo(t, staff, author, 'in_progress');
      const foreign = await upload(t, author);
      const before = await snapshot(t, r.id);
      const res = await act(t, staff.opLight, r.id, 'draft-answer', {
        text: ANSWER_TEXT,
        result: 'solved',
        mediaIds: [foreign.id],
      });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('media_unusable');
      expect(await snapshot(t, r.id)).toEqual(before);
      const own = await upload(t, staff.opLight);
      const ok = await must(t, staff.opLight, r.id, 'draft-answer', {
        text: ANSWER_TEXT,
        result: 'solved',
        mediaIds: [own.id],
      });
      expect(ok.answer).toMatchObject({ photos: [expect.objectContaining({ id: own.id })] });
    });

    it('shows the operator the reviewer’s comment on a returned answer', async () => {
      const r = await driveTo(t, staff, author, 'answer_review');
      await must(t, staff.moderator, r.id, 'return-answer', { comment: 'Нет фотографии после работ' });
      expect((await getReport(t, staff.opLight, r.id)).json().answer).toMatchObject({
        status: 'draft',
        reviewComment: 'Нет фотографии после работ',
      });
      expect((await getReport(t, staff.opLight, r.id)).json().allowedActions).toEqual([
        'draft-answer',
        'submit-answer',
        'extend-deadline',
        'merge',
      ]);
    });

    it('replaces the published answer after a dispute, and the new one may be rated again', async () => {
      const r = await driveTo(t, staff, author, 'reopened');
      await must(t, staff.opLight, r.id, 'start');
      await must(t, staff.opLight, r.id, 'draft-answer', {
        text: 'Заменён кабель питания, фонарь горит.',
        result: 'solved',
      });
      await must(t, staff.opLight, r.id, 'submit-answer');
      await must(t, staff.moderator, r.id, 'publish-answer');
      const statuses = await rows<{ status: string }>(
        t,
        sql`SELECT status FROM answers WHERE report_id = ${r.id} ORDER BY created_at, status`,
      );
      expect(statuses.map((a) => a.status).sort()).toEqual(['published', 'superseded']);
      expect((await getReport(t, null, r.id)).json().answer.text).toBe(
        'Заменён кабель питания, фонарь горит.',
      );
      expect((await must(t, author, r.id, 'rate', { score: 5, solved: true })).status).toBe('resolved');
    });
  });

  describe('the resident’s judgement', () => {
    it('rates an answer only once', async () => {
      const r = await driveTo(t, staff, author, 'answered');
      const rated = await must(t, author, r.id, 'rate', {
        score: 2,
        solved: false,
        comment: 'Стало чуть лучше',
      });
      expect(rated).toMatchObject({
        status: 'answered',
        rating: { score: 2, solved: false, comment: 'Стало чуть лучше' },
        allowedActions: ['dispute'],
      });
      const before = await snapshot(t, r.id);
      const again = await act(t, author, r.id, 'rate', { score: 5, solved: true });
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).code).toBe('already_rated');
      expect(await snapshot(t, r.id)).toEqual(before);
      expect((await getReport(t, null, r.id)).json().rating).toMatchObject({ score: 2 });
    });

    it('may dispute up to the last millisecond of the window, not after', async () => {
      const open = await driveTo(t, staff, author, 'answered');
      const late = await driveTo(t, staff, author, 'resolved');
      expect(open.disputeUntil).toBe(new Date(START.getTime() + 7 * DAY).toISOString());
      try {
        t.clock.set(new Date(START.getTime() + 7 * DAY));
        expect((await must(t, author, open.id, 'dispute', { comment: 'Фонарь снова не горит' })).status).toBe(
          'disputed',
        );
        t.clock.set(new Date(START.getTime() + 7 * DAY + 1));
        const before = await snapshot(t, late.id);
        const res = await act(t, author, late.id, 'dispute', { comment: 'Фонарь снова не горит' });
        expect(res.statusCode).toBe(409);
        expect(errorOf(res).code).toBe('dispute_window_closed');
        expect(await snapshot(t, late.id)).toEqual(before);
        expect((await getReport(t, author, late.id)).json().allowedActions).toEqual([]);
      } finally {
        t.clock.set(START);
      }
    });

    it('attaches the resident’s photos to a dispute', async () => {
      const r = await driveTo(t, staff, author, 'answered');
      const photo = await upload(t, author);
      await must(t, author, r.id, 'dispute', { comment: 'Вот фото: фонарь не горит', mediaIds: [photo.id] });
      const [m] = await rows<{ purpose: string; reportId: string }>(
        t,
        sql`SELECT purpose, report_id AS "reportId" FROM media WHERE id = ${photo.id}`,
      );
      expect(m).toEqual({ purpose: 'dispute', reportId: r.id });
      expect(await listedIds(t, staff.curator, 'queue=curator')).toContain(r.id);
    });

    it('is only the author’s: another resident cannot rate or dispute', async () => {
      const r = await driveTo(t, staff, author, 'answered');
      for (const [action, body] of [
        ['rate', { score: 1, solved: false }],
        ['dispute', { comment: 'Я тоже недоволен ответом' }],
      ] as const) {
        const res = await act(t, other, r.id, action, body);
        expect(res.statusCode).toBe(403);
      }
      expect((await listReports(t, other, `queue=mine`)).json().total).toBe(0);
    });
  });
});
