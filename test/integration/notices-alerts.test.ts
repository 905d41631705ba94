import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectangleAround } from '../../src/lib/geojson.ts';
import { dispatchNoticeAlerts } from '../../src/modules/notices/index.ts';
import { notificationsRuntime } from '../../src/modules/notifications/index.ts';
import { CENTRAL_POINT, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import { createTestAppWithMailbox, type Mailbox } from '../support/mailbox.ts';
import { categoryIdCached, loginStaff, rows, type Staff } from '../support/reports.ts';

describe('subscribers hear when a notice starts, changes or ends where they live (real SMTP)', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let staff: Staff;
  const { lat, lon } = CENTRAL_POINT;
  const hour = 3600_000;

  beforeAll(async () => {
    ({ t, mailbox } = await createTestAppWithMailbox());
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  const run = () => {
    const runtime = notificationsRuntime(t.app.ctx);
    return dispatchNoticeAlerts({
      db: t.app.ctx.db,
      clock: t.clock,
      mailer: runtime.mailer,
      baseUrl: runtime.dispatch.baseUrl,
    });
  };
  const subscribe = async (who: Session, payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/notice-subscriptions',
      headers: who.headers,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  const emailOf = async (who: Session) =>
    (await rows<{ email: string }>(t, sql`SELECT email FROM users WHERE id = ${who.userId}`))[0]!.email;

  it('tells a subscriber near the outage at its start, change and end, in their language, once each', async () => {
    const [near, english, far, inArea] = await Promise.all([
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
    ]);
    const [nearEmail, englishEmail, farEmail] = await Promise.all([
      emailOf(near),
      emailOf(english),
      emailOf(far),
    ]);
    await subscribe(near, { label: 'Дом', point: { lat, lon: lon + 0.001 }, radiusMeters: 200 });
    // Two places of one person that both meet the notice: told once.
    await subscribe(near, { label: 'Работа', point: { lat: lat + 0.0005, lon }, radiusMeters: 100 });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-preferences',
      headers: english.headers,
      payload: { language: 'en' },
    });
    await subscribe(english, { label: 'Home', point: { lat, lon }, radiusMeters: 100 });
    await subscribe(far, { label: 'Дача', point: { lat: lat + 0.05, lon }, radiusMeters: 300 });
    const d = 0.01;
    await subscribe(inArea, {
      label: 'Квартал',
      area: rectangleAround(lon, lat, d),
    });

    const start = new Date(t.clock.now().getTime() + hour);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: staff.admin.headers,
      payload: {
        title: 'Авария на водопроводе',
        description: 'Аварийное отключение холодной воды.',
        kind: 'emergency_outage',
        organisationId: await organisationId(t.app, 'city-water'),
        categoryIds: [await categoryIdCached(t, 'no-cold-water')],
        area: { type: 'Point', coordinates: [lon, lat] },
        bufferMeters: 150,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 6 * hour).toISOString(),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json() as { id: string };

    // Not started yet: nothing to tell.
    expect((await run()).alerts).toBe(0);
    t.clock.advance(hour + 60_000);
    const started = await run();
    expect(started).toMatchObject({ events: 1, alerts: 3, sent: 3, failed: 0 });
    const mails = mailbox.received.slice(-3);
    const toNear = mails.find((m) => m.to.includes(nearEmail))!;
    expect(toNear.subject).toBe('Вместе: Аварийное отключение «Авария на водопроводе» началось');
    expect(toNear.text).toContain(`https://vmeste.example/notices/${notice.id}`);
    const toEnglish = mails.find((m) => m.to.includes(englishEmail))!;
    expect(toEnglish.subject).toBe('Vmeste: Emergency outage «Авария на водопроводе» has started');
    expect(mails.some((m) => m.to.includes(farEmail))).toBe(false);
    // A second run tells nobody again.
    expect(await run()).toMatchObject({ events: 0, alerts: 0, sent: 0 });

    const update = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notices/${notice.id}/updates`,
      headers: staff.admin.headers,
      payload: { text: 'Бригада на месте, подача воды к 18:00' },
    });
    expect(update.statusCode, update.body).toBe(201);
    expect(await run()).toMatchObject({ events: 1, alerts: 3 });
    expect(mailbox.received.at(-1)!.subject).toMatch(/изменилось|has changed/);

    t.clock.advance(6 * hour);
    expect(await run()).toMatchObject({ events: 1, alerts: 3 });
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/notice-alerts',
      headers: near.headers,
    });
    expect(inbox.json()).toMatchObject({ unread: 3 });
    expect((inbox.json().items as { type: string }[]).map((a) => a.type)).toEqual([
      'ended',
      'changed',
      'started',
    ]);
    const farInbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/notice-alerts',
      headers: far.headers,
    });
    expect(farInbox.json()).toEqual({ unread: 0, items: [] });
  });

  it('refuses a subscription that is neither a point with a radius nor an area', async () => {
    const who = await newResident(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/notice-subscriptions',
      headers: who.headers,
      payload: { label: 'x', point: { lat, lon } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toMatch(/точку с радиусом|point with a radius/);
  });
});
