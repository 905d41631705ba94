import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { dispatch, follow, myNotifications } from '../support/notifications.ts';
import { errorOf, fileReport, loginStaff, must, rows, type Staff } from '../support/reports.ts';

describe('notifications', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  let follower: Session;
  let stranger: Session;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    [author, follower, stranger] = await Promise.all([
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
    ]);
    // Whatever the other tests' helpers left behind is not ours to count.
    await dispatch(t);
  });
  afterAll(() => t.close());

  const typesOf = async (who: Session, reportId: string) =>
    (await myNotifications(t, who)).items
      .filter((n) => n.report.id === reportId)
      .map((n) => n.type)
      .sort();

  it('an action reaches the author, the followers and the organisation, not anybody else', async () => {
    const report = await fileReport(t, author);
    await follow(t, report.id, follower);
    await must(t, staff.moderator, report.id, 'accept', {});
    const run = await dispatch(t);
    expect(run.notifications).toBeGreaterThanOrEqual(4);

    expect(await typesOf(author, report.id)).toEqual(['accepted', 'routed']);
    expect(await typesOf(follower, report.id)).toEqual(['accepted', 'routed']);
    expect(await typesOf(staff.opLight, report.id)).toEqual(['routed']);
    expect(await typesOf(staff.opRoads, report.id)).toEqual([]);
    expect(await typesOf(stranger, report.id)).toEqual([]);
    // The moderator did it: nothing for them.
    expect(await typesOf(staff.moderator, report.id)).toEqual([]);

    const first = (await myNotifications(t, author)).items.find((n) => n.type === 'routed')!;
    expect(first.message).toBe(`Сообщение № ${report.number}: передано исполнителю`);
    expect(first.status).toBe('assigned');
    expect(first.audience).toBe('author');
    const en = (await myNotifications(t, author, '', 'en')).items.find((n) => n.type === 'routed')!;
    expect(en.message).toBe(`Report No. ${report.number}: sent to the responsible organisation`);
  });

  it('internal events reach whom they are addressed to, never the followers', async () => {
    const report = await fileReport(t, author);
    await follow(t, report.id, follower);
    await must(t, staff.moderator, report.id, 'request-clarification', { question: 'Уточните номер дома' });
    await dispatch(t);
    expect(await typesOf(author, report.id)).toEqual(['clarification_requested']);
    expect(await typesOf(follower, report.id)).toEqual([]);
  });

  it('followers of an appeal or a private report hear nothing; the author does', async () => {
    const appeal = await fileReport(t, author, { kind: 'appeal' });
    const hidden = await fileReport(t, author, { isPublic: false });
    for (const r of [appeal, hidden]) {
      await follow(t, r.id, follower);
      await must(t, staff.moderator, r.id, 'accept', {});
    }
    await dispatch(t);
    for (const r of [appeal, hidden]) {
      expect(await typesOf(author, r.id)).toEqual(['accepted', 'routed']);
      expect(await typesOf(follower, r.id)).toEqual([]);
    }
  });

  it('running the dispatcher twice, or after a restart from an older cursor, writes no duplicates', async () => {
    const report = await fileReport(t, author);
    await must(t, staff.moderator, report.id, 'accept', {});
    await dispatch(t);
    const count = async () =>
      Number(
        (
          await rows<{ n: number }>(
            t,
            sql`SELECT count(*)::int AS n FROM notifications WHERE report_id = ${report.id}`,
          )
        )[0]!.n,
      );
    const before = await count();
    expect(before).toBeGreaterThan(0);
    expect((await dispatch(t)).notifications).toBe(0);
    // A node that crashed before moving the cursor re-reads the same events.
    await rows(t, sql`UPDATE notification_cursor SET last_event_id = 0`);
    expect((await dispatch(t)).notifications).toBe(0);
    expect(await count()).toBe(before);
  });

  it('counts unread, marks one and all read, and only ever the caller’s own', async () => {
    const reader = await newResident(t.app);
    const report = await fileReport(t, reader);
    await must(t, staff.moderator, report.id, 'accept', {});
    await dispatch(t);
    const unread = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: reader.headers });
    expect((await unread()).json()).toEqual({ unread: 2 });

    const mine = await myNotifications(t, reader);
    expect(mine.total).toBe(2);
    expect(mine.unread).toBe(2);
    const paged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?page=2&pageSize=1',
      headers: reader.headers,
    });
    expect(paged.json().items).toHaveLength(1);
    expect(paged.json().items[0].id).toBe(mine.items[1]!.id);

    // Somebody else's notification answers like a missing one, and nothing changes.
    const othersId = (await myNotifications(t, staff.opLight)).items.find(
      (n) => n.report.id === report.id,
    )!.id;
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: reader.headers,
      payload: { ids: [mine.items[0]!.id, othersId] },
    });
    expect(refused.statusCode).toBe(404);
    expect(errorOf(refused).code).toBe('notification_not_found');
    expect(errorOf(refused).details).toEqual([{ path: 'ids.1', message: 'Уведомление не найдено' }]);
    expect((await unread()).json()).toEqual({ unread: 2 });

    const marked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: reader.headers,
      payload: { ids: [mine.items[0]!.id] },
    });
    expect(marked.json()).toEqual({ marked: 1, unread: 1 });
    expect((await myNotifications(t, reader, 'unread=true')).items.map((n) => n.id)).toEqual([
      mine.items[1]!.id,
    ]);

    const all = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: reader.headers,
    });
    expect(all.json()).toEqual({ marked: 1, unread: 0 });
    expect((await unread()).json()).toEqual({ unread: 0 });
  });

  it('lists the newest first by when it happened, whatever order they were written in', async () => {
    const reader = await newResident(t.app);
    const topic = (subject: string, at: string) =>
      sql`INSERT INTO notifications (user_id, topic, subject_id, subject_title, audience, created_at, email_status)
          VALUES (${reader.userId}, 'vote_winners', ${subject}, ${subject}, 'participant', ${at}, 'off')`;
    // An import or a late dispatcher run writes the older one last.
    await rows(t, topic('00000000-0000-4000-8000-000000000001', '2026-12-05T10:00:00Z'));
    await rows(t, topic('00000000-0000-4000-8000-000000000002', '2026-12-04T10:00:00Z'));
    await rows(t, topic('00000000-0000-4000-8000-000000000003', '2026-12-06T10:00:00Z'));
    const listed = (await myNotifications(t, reader)).items.map((n) => n.createdAt);
    expect(listed).toEqual([
      '2026-12-06T10:00:00.000Z',
      '2026-12-05T10:00:00.000Z',
      '2026-12-04T10:00:00.000Z',
    ]);
  });

  it('refuses bad input with every problem listed', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: { ...author.headers, 'accept-language': 'en' },
      payload: { ids: ['x', -1], extra: true },
    });
    expect(bad.statusCode).toBe(400);
    const paths = errorOf(bad).details.map((d) => d.path);
    // Both ids and the unknown field (reported at the body itself).
    expect(paths.sort()).toEqual(['', 'ids.0', 'ids.1']);

    const query = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?page=0&pageSize=1000&unread=maybe',
      headers: author.headers,
    });
    expect(query.statusCode).toBe(400);
    expect(
      errorOf(query)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['querystring.page', 'querystring.pageSize', 'querystring.unread']);

    const empty = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-preferences',
      headers: { ...author.headers, 'accept-language': 'en' },
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).details[0]!.message).toBe('Give at least one setting: email or language');

    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/notifications' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('keeps preferences: e-mail on by default, language from the account', async () => {
    const who = await newResident(t.app);
    const url = '/api/v1/me/notification-preferences';
    const get = await t.app.inject({ method: 'GET', url, headers: who.headers });
    expect(get.json()).toEqual({ email: true, language: 'ru', emailAvailable: false });
    const patched = await t.app.inject({
      method: 'PATCH',
      url,
      headers: who.headers,
      payload: { email: false, language: 'en' },
    });
    expect(patched.json()).toEqual({ email: false, language: 'en', emailAvailable: false });
    expect((await t.app.inject({ method: 'GET', url, headers: who.headers })).json()).toEqual({
      email: false,
      language: 'en',
      emailAvailable: false,
    });
  });
});
