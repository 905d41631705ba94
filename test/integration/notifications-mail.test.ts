import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchNotifications } from '../../src/modules/notifications/dispatcher.ts';
import { notificationsRuntime } from '../../src/modules/notifications/runtime.ts';
import { newResident, type Session, type TestApp } from '../support/app.ts';
import { createTestAppWithMailbox, type Mailbox } from '../support/mailbox.ts';
import { dispatch, follow, myNotifications } from '../support/notifications.ts';
import { fileReport, loginStaff, must, rows, type Staff } from '../support/reports.ts';

describe('notification e-mail through a real SMTP server', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let staff: Staff;

  beforeAll(async () => {
    ({ t, mailbox } = await createTestAppWithMailbox());
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  const emailOf = async (who: Session) =>
    (await rows<{ email: string }>(t, sql`SELECT email FROM users WHERE id = ${who.userId}`))[0]!.email;
  const setPrefs = (who: Session, payload: object) =>
    t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/notification-preferences',
      headers: who.headers,
      payload,
    });

  it('sends each person their e-mail in their language, with a link and nothing personal', async () => {
    const [author, english, silent] = await Promise.all([
      newResident(t.app),
      newResident(t.app),
      newResident(t.app),
    ]);
    expect((await setPrefs(english, { language: 'en' })).json()).toMatchObject({
      language: 'en',
      emailAvailable: true,
    });
    expect((await setPrefs(silent, { email: false })).json()).toMatchObject({ email: false });
    const report = await fileReport(t, author, { text: 'Не горит фонарь у дома 5, звонить Ивану Петрову' });
    await follow(t, report.id, english);
    await follow(t, report.id, silent);
    await must(t, staff.moderator, report.id, 'accept', {});

    const before = mailbox.received.length;
    const run = await dispatch(t);
    expect(run.failed).toBe(0);
    const mails = mailbox.received.slice(before);
    const to = async (who: Session) => {
      const address = await emailOf(who);
      return mails.filter((m) => m.to.includes(address)).sort((a, b) => a.subject.localeCompare(b.subject));
    };

    const ru = await to(author);
    expect(ru.map((m) => m.subject)).toEqual([
      `Вместе: Сообщение № ${report.number}: передано исполнителю`,
      `Вместе: Сообщение № ${report.number}: принято модератором`,
    ]);
    expect(ru[0]!.text).toContain(`Открыть сообщение: https://vmeste.example/reports/${report.id}`);
    expect(ru[0]!.text).toContain('Текущий статус: передано исполнителю.');
    expect(ru[0]!.html).toContain(`href="https://vmeste.example/reports/${report.id}"`);

    const en = await to(english);
    expect(en.map((m) => m.subject)).toEqual([
      `Vmeste: Report No. ${report.number}: accepted by a moderator`,
      `Vmeste: Report No. ${report.number}: sent to the responsible organisation`,
    ]);
    expect(en[0]!.text).toContain('Open the report: https://vmeste.example/reports/');

    // E-mail off: the in-app notification is there, no mail.
    expect(await to(silent)).toEqual([]);
    const silentRows = await rows<{ status: string }>(
      t,
      sql`SELECT email_status AS status FROM notifications WHERE user_id = ${silent.userId}`,
    );
    expect(silentRows.map((r) => r.status)).toEqual(['off', 'off']);

    // The operator of the organisation hears of the routing too.
    expect((await to(staff.opLight)).map((m) => m.subject)).toEqual([
      `Вместе: Сообщение № ${report.number}: передано исполнителю`,
    ]);

    // Nothing personal: not the report's text, not the author's name or address.
    for (const m of mails) {
      expect(m.raw).not.toContain('Петров');
      expect(m.text).not.toContain('Тестовый');
      expect(m.text).not.toContain(await emailOf(author));
    }

    // Sent once: a second run sends nothing.
    const again = await dispatch(t);
    expect(again.sent).toBe(0);
    expect(mailbox.received.length).toBe(before + mails.length);
  });

  it('turning e-mail off stops what is still queued', async () => {
    const author = await newResident(t.app);
    const report = await fileReport(t, author);
    await must(t, staff.moderator, report.id, 'accept', {});
    // Written and queued, not sent yet.
    await dispatchNotifications(notificationsRuntime(t.app.ctx).dispatch);
    const statuses = () =>
      rows<{ status: string }>(
        t,
        sql`SELECT email_status AS status FROM notifications WHERE user_id = ${author.userId}`,
      );
    expect((await statuses()).map((r) => r.status)).toEqual(['pending', 'pending']);
    await setPrefs(author, { email: false });
    expect((await statuses()).map((r) => r.status)).toEqual(['off', 'off']);
    const address = await emailOf(author);
    await dispatch(t);
    expect(mailbox.received.filter((m) => m.to.includes(address))).toEqual([]);
  });

  it('keeps a refused e-mail queued for the next runs, gives up after five, and sends the others', async () => {
    const [bouncing, fine] = await Promise.all([newResident(t.app), newResident(t.app)]);
    await rows(
      t,
      sql`UPDATE users SET email = ${`bounce-${bouncing.userId}@example.org`} WHERE id = ${bouncing.userId}`,
    );
    const reports = [await fileReport(t, bouncing), await fileReport(t, fine)];
    for (const r of reports) await must(t, staff.moderator, r.id, 'accept', {});
    const state = async (who: Session) =>
      rows<{ status: string; attempts: number }>(
        t,
        sql`SELECT email_status AS status, email_attempts AS attempts FROM notifications WHERE user_id = ${who.userId} ORDER BY id`,
      );
    const first = await dispatch(t);
    expect(first.failed).toBeGreaterThanOrEqual(2);
    expect((await state(fine)).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(await state(bouncing)).toEqual([
      { status: 'pending', attempts: 1 },
      { status: 'pending', attempts: 1 },
    ]);
    for (let i = 0; i < 4; i++) await dispatch(t);
    expect(await state(bouncing)).toEqual([
      { status: 'failed', attempts: 5 },
      { status: 'failed', attempts: 5 },
    ]);
    // The in-app notifications are there all the same.
    expect((await myNotifications(t, bouncing)).unread).toBe(2);
    expect((await dispatch(t)).failed).toBe(0);
  });
});
