import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { login, organisationId, type Session, type TestApp } from './app.ts';
import { createTestAppWithMailbox, type Mailbox, type ReceivedMail } from './mailbox.ts';
import { loginStaff, type Staff } from './reports.ts';
import { eventually } from './timeouts.ts';

export const STAFF_PASSWORD = 'correct horse battery';

/** What the staff-account test files share: an app that mails through a test mailbox, its staff, four organisations. */
export type StaffAdminContext = {
  t: TestApp;
  mailbox: Mailbox;
  staff: Staff;
  org: Record<string, string>;
};

/**
 * Registers the app's and the mailbox's start and stop around the calling test file and returns
 * its context (filled in by the time the tests run) with helpers that invite and onboard staff.
 */
export function staffAdminSuite() {
  const ctx = { org: {} } as StaffAdminContext;
  beforeAll(async () => {
    ({ t: ctx.t, mailbox: ctx.mailbox } = await createTestAppWithMailbox());
    ctx.staff = await loginStaff(ctx.t);
    for (const code of ['city-light', 'roads-directorate', 'adm-nevsky', 'uk-nevskaya-zastava'])
      ctx.org[code] = await organisationId(ctx.t.app, code);
  });
  afterAll(() => ctx.t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    who: Session | null,
    payload?: object,
  ) => ctx.t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

  async function letterTo(address: string, nth = 0): Promise<ReceivedMail> {
    return eventually(
      `a letter to ${address}`,
      () => ctx.mailbox.received.filter((m) => m.to.includes(address))[nth],
    );
  }

  const invite = (who: Session, body: object) => call('POST', '/api/v1/admin/staff-invitations', who, body);

  /** Invites, reads the link from the mailbox, accepts: the new account's id and session. */
  async function onboard(body: { role: string; organisationId?: string; territoryId?: string }) {
    const email = newEmail(body.role);
    const res = await invite(ctx.staff.admin, { email, name: 'Новый Сотрудник', ...body });
    expect(res.statusCode, res.body).toBe(201);
    const token = tokenIn(await letterTo(email));
    const accepted = await call('POST', '/api/v1/staff-invitations/accept', null, {
      token,
      password: STAFF_PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const session = await login(ctx.t.app, email, STAFF_PASSWORD);
    return { email, token, session, id: session.userId };
  }

  return { ctx, call, letterTo, invite, onboard };
}

/** The invitation token in a letter's link. */
export const tokenIn = (mail: ReceivedMail) => {
  const m = /https:\/\/vmeste\.example\/staff\/invitation\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!m) throw new Error(`no invitation link in: ${mail.text}`);
  return decodeURIComponent(m[1]!);
};

export const newEmail = (prefix = 'staff') => `${prefix}-${randomUUID()}@example.org`;
