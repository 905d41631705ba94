import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CENTRAL_POINT,
  categoryId,
  createTestApp,
  login,
  newResident,
  type Session,
  type TestApp,
} from '../support/app.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('a report’s whole life through the API', () => {
  let t: TestApp;
  let resident: Session;
  let moderator: Session;
  let operator: Session;
  let curator: Session;
  let streetLight: string;

  beforeAll(async () => {
    t = await createTestApp();
    resident = await newResident(t.app);
    moderator = await login(t.app, 'moderator@demo.vmeste.local');
    operator = await login(t.app, 'operator.light@demo.vmeste.local');
    curator = await login(t.app, 'curator@demo.vmeste.local');
    streetLight = await categoryId(t.app, 'street-light');
  });
  afterAll(() => t.close());

  const act = (who: Session, id: string, action: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${id}/actions/${action}`,
      headers: who.headers,
      payload,
    });

  it('goes from submission to the resident’s verdict, with a timeline of every step', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...resident.headers, 'idempotency-key': 'lifecycle-key-1' },
      payload: {
        categoryId: streetLight,
        text: 'Не горят три фонаря вдоль дома 10',
        ...CENTRAL_POINT,
        address: 'Невский пр., 10',
      },
    });
    expect(created.statusCode).toBe(201);
    const report = created.json();
    expect(report).toMatchObject({ status: 'submitted', isMine: true, number: expect.any(Number) });
    expect(report.allowedActions).toEqual([]);
    const id = report.id as string;

    // Not public before moderation.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}` })).statusCode).toBe(404);

    // The moderation queue has it, with the author's data visible to the moderator.
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports?queue=moderation&pageSize=100',
      headers: moderator.headers,
    });
    expect(queue.json().items.map((r: { id: string }) => r.id)).toContain(id);
    const seenByModerator = (
      await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: moderator.headers })
    ).json();
    expect(seenByModerator.author).toMatchObject({ name: 'Тестовый Житель' });
    expect(seenByModerator.allowedActions).toEqual([
      'accept',
      'reject',
      'request-clarification',
      'recategorise',
      'merge',
    ]);

    // The operator cannot accept; the moderator can, and the rule table routes it to the lighting utility.
    expect((await act(operator, id, 'accept')).statusCode).toBe(404);
    const accepted = await act(moderator, id, 'accept');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'assigned',
      organisation: { name: { ru: 'СПб ГУП «Городской свет»' } },
    });
    expect(accepted.json().dueAt).toBeTruthy();
    expect((await act(moderator, id, 'accept')).json().error.code).toBe('invalid_transition');

    // Public now, without personal data.
    const publicView = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}` })).json();
    expect(publicView.author).toBeNull();
    expect(JSON.stringify(publicView)).not.toContain('Тестовый Житель');

    expect((await act(operator, id, 'start')).json().status).toBe('in_progress');
    const draft = await act(operator, id, 'draft-answer', {
      text: 'Заменены три светильника, освещение восстановлено 2 марта.',
      result: 'solved',
    });
    expect(draft.json()).toMatchObject({
      status: 'answer_drafted',
      answer: { status: 'draft', result: 'solved' },
    });
    // The resident does not see a draft.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: resident.headers })).json()
        .answer,
    ).toBeNull();

    expect((await act(operator, id, 'submit-answer')).json().status).toBe('answer_review');
    const returned = await act(curator, id, 'return-answer', { comment: 'Приложите фото после работ' });
    expect(returned.json()).toMatchObject({
      status: 'answer_drafted',
      answer: { reviewComment: 'Приложите фото после работ' },
    });
    await act(operator, id, 'draft-answer', {
      text: 'Заменены три светильника, освещение восстановлено 2 марта.',
      result: 'solved',
    });
    await act(operator, id, 'submit-answer');
    const published = await act(moderator, id, 'publish-answer');
    expect(published.json()).toMatchObject({ status: 'answered', answer: { status: 'published' } });

    const forResident = (
      await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: resident.headers })
    ).json();
    expect(forResident.allowedActions).toEqual(['rate', 'dispute']);

    // Not solved in reality: the resident rates it low and disputes; the curator reopens it.
    const rated = await act(resident, id, 'rate', { score: 2, solved: false });
    expect(rated.json()).toMatchObject({ status: 'answered', rating: { score: 2, solved: false } });
    expect((await act(resident, id, 'rate', { score: 3, solved: false })).statusCode).toBe(409);
    expect((await act(resident, id, 'dispute', { comment: 'Фонари так и не горят' })).json().status).toBe(
      'disputed',
    );
    expect((await act(curator, id, 'reopen', {})).json().status).toBe('reopened');
    expect((await act(operator, id, 'start')).json().status).toBe('in_progress');
    await act(operator, id, 'draft-answer', {
      text: 'Повторно заменён кабель питания, все три фонаря горят.',
      result: 'solved',
    });
    await act(operator, id, 'submit-answer');
    await act(moderator, id, 'publish-answer');
    const resolved = await act(resident, id, 'rate', { score: 5, solved: true });
    expect(resolved.json()).toMatchObject({ status: 'resolved', rating: { score: 5, solved: true } });

    const events = (
      await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/events`, headers: resident.headers })
    ).json();
    expect(events.items.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'accepted',
      'routed',
      'started',
      // The review (submission, return with the reviewer's comment) is staff-only.
      'answer_drafted',
      'answer_drafted',
      'answer_published',
      'rated',
      'disputed',
      'reopened',
      'started',
      'answer_drafted',
      'answer_published',
      'rated',
    ]);
    // The public sees only the public part of the timeline.
    const publicEvents = (await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/events` })).json();
    expect(publicEvents.items.map((e: { type: string }) => e.type)).not.toContain('answer_returned');
  });

  it('refuses a dispute after the window', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: resident.headers,
      payload: { categoryId: streetLight, text: 'Фонарь мигает у подъезда', ...CENTRAL_POINT },
    });
    const id = created.json().id;
    await act(moderator, id, 'accept');
    await act(operator, id, 'start');
    await act(operator, id, 'draft-answer', {
      text: 'Светильник заменён, работает исправно.',
      result: 'solved',
    });
    await act(operator, id, 'submit-answer');
    await act(moderator, id, 'publish-answer');
    t.clock.advance(8 * DAY);
    const late = await act(resident, id, 'dispute', { comment: 'Опять мигает' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('dispute_window_closed');
    t.clock.advance(-8 * DAY);
  });

  it('is overdue only while the organisation owes an answer past its deadline', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: resident.headers,
      payload: { categoryId: streetLight, text: 'Не горит фонарь на углу дома', ...CENTRAL_POINT },
    });
    const id = created.json().id;
    const assigned = (await act(moderator, id, 'accept')).json();
    expect(assigned.overdue).toBe(false);
    // Past the 5-working-day deadline, within the 30-day session.
    t.clock.advance(12 * DAY);
    const late = (
      await t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: resident.headers })
    ).json();
    expect(late.overdue).toBe(true);
    await act(operator, id, 'start');
    await act(operator, id, 'draft-answer', {
      text: 'Светильник заменён, освещение восстановлено.',
      result: 'solved',
    });
    await act(operator, id, 'submit-answer');
    expect((await act(moderator, id, 'publish-answer')).json().overdue).toBe(false);
    // Disputed and reopened: a fresh deadline runs from the reopening.
    await act(resident, id, 'dispute', { comment: 'Фонарь снова не горит' });
    const reopened = (await act(curator, id, 'reopen', {})).json();
    expect(reopened.overdue).toBe(false);
    expect(new Date(reopened.dueAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    t.clock.advance(-12 * DAY);
  });
});
