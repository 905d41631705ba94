import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, type TestApp } from '../support/app.ts';
import { createTestAppWithMailbox, type Mailbox, type ReceivedMail } from '../support/mailbox.ts';
import { countAudit, errorOf, fieldPaths } from '../support/reports.ts';
import { eventually } from '../support/timeouts.ts';

/**
 * A signed-in person's own account in the profile: their name, and their password changed by proving
 * the current one (the other sessions end, the address is told, guesses meet the sign-in lock-out).
 */
let t: TestApp;
let mailbox: Mailbox;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  ({ t, mailbox } = await createTestAppWithMailbox({
    LOGIN_LOCKOUT_THRESHOLD: '3',
    LOGIN_LOCKOUT_MINUTES: '10',
  }));
});
afterAll(() => t.close());

/** A new resident (their address and a bearer session). */
async function resident(): Promise<{ email: string; session: Session }> {
  const email = `profile-${randomUUID()}@example.org`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, password: PASSWORD, name: 'Пётр Первый' },
  });
  expect(res.statusCode).toBe(202);
  return { email, session: await login(t.app, email, PASSWORD) };
}

const send = (
  method: 'PATCH' | 'POST' | 'GET' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  payload?: object,
): Promise<LightMyRequestResponse> => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const rename = (s: Session, payload: object, headers: Record<string, string> = {}) =>
  send('PATCH', '/api/v1/me', { ...s.headers, ...headers }, payload);
const changePassword = (s: Session, payload: object) =>
  send('POST', '/api/v1/me/password', s.headers, payload);
const me = (s: Session) => send('GET', '/api/v1/me', s.headers);

describe('the name', () => {
  it('changes at once for the session that changed it, trimmed, and is audited without the old value', async () => {
    const { session } = await resident();
    expect((await me(session)).json().user.name).toBe('Пётр Первый');
    const res = await rename(session, { name: '  Пётр Алексеевич  ' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.name).toBe('Пётр Алексеевич');
    // The session cache carried the old name; the next request reads the new one.
    expect((await me(session)).json().user.name).toBe('Пётр Алексеевич');
    expect(await countAudit(t, 'user.rename', session.userId)).toBe(1);
  });

  it('refuses an empty, a too short and a missing name, in the reader’s language, and keeps the old one', async () => {
    const { session } = await resident();
    for (const payload of [{ name: '   ' }, { name: 'Я' }, {}]) {
      const res = await rename(session, payload);
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(['name']);
      expect(errorOf(res).message).toMatch(/[А-Яа-я]/);
    }
    const english = await rename(session, { name: 'x'.repeat(121) }, { 'accept-language': 'en' });
    expect(english.statusCode).toBe(400);
    expect(errorOf(english).details[0]!.message).toMatch(/120/);
    expect((await me(session)).json().user.name).toBe('Пётр Первый');
  });

  it('needs a session, and the CSRF token with a cookie', async () => {
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { name: 'Аноним' } })).statusCode,
    ).toBe(401);
    const { email } = await resident();
    const cookieLogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    const cookie = String(cookieLogin.headers['set-cookie']).split(';')[0]!;
    const csrf = cookieLogin.json().csrfToken as string;
    const withoutToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie },
      payload: { name: 'Подделка' },
    });
    expect(withoutToken.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'Настоящее Имя' },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json()).toEqual({
      user: expect.objectContaining({ name: 'Настоящее Имя' }),
      csrfToken: csrf,
    });
  });
});

describe('the password', () => {
  it('changes with the current one: other sessions end, this one stays, the address is told', async () => {
    const { email, session } = await resident();
    const other = await login(t.app, email, PASSWORD);
    const res = await changePassword(session, {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(res.statusCode).toBe(204);
    expect((await me(session)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/session?mode=token',
          payload: { email, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    await login(t.app, email, 'a brand new password');
    const letter: ReceivedMail = await eventually(`a letter to ${email}`, () =>
      mailbox.received.find((m) => m.to.includes(email)),
    );
    expect(letter.subject).toBe('Пароль изменён — «Вместе»');
    expect(letter.text).toContain('https://vmeste.example/account/reset');
    expect(letter.text).not.toContain('a brand new password');
    expect(await countAudit(t, 'user.password_change', session.userId)).toBe(1);
  });

  it('says which field is wrong: the current password, a new one equal to it, or every invalid field at once', async () => {
    const { email, session } = await resident();
    const wrong = await changePassword(session, {
      currentPassword: 'not my password',
      newPassword: 'a brand new password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).code).toBe('current_password_wrong');
    expect(errorOf(wrong).details).toEqual([
      { path: 'currentPassword', message: 'Текущий пароль указан неверно' },
    ]);

    const same = await changePassword(session, { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(errorOf(same).code).toBe('password_unchanged');
    expect(fieldPaths(same)).toEqual(['newPassword']);

    const invalid = await changePassword(session, { newPassword: 'short' });
    expect(invalid.statusCode).toBe(400);
    expect(fieldPaths(invalid).sort()).toEqual(['currentPassword', 'newPassword']);
    // None of them changed anything.
    await login(t.app, email, PASSWORD);
    expect(await countAudit(t, 'user.password_change', session.userId)).toBe(0);
  });

  it('counts wrong current passwords as failed sign-ins: a stolen session cannot be used to guess', async () => {
    const { email, session } = await resident();
    for (let i = 0; i < 3; i++)
      expect(
        (
          await changePassword(session, {
            currentPassword: `guess ${i}`,
            newPassword: 'a brand new password',
          })
        ).statusCode,
      ).toBe(400);
    const locked = await changePassword(session, {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(locked.statusCode).toBe(429);
    expect(errorOf(locked).code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Sign-in is locked as well, and the password is still the old one once the lock passes.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session?mode=token',
      payload: { email, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(429);
    t.clock.advance(11 * 60 * 1000);
    await login(t.app, email, PASSWORD);
  });
});

describe('the e-mail address', () => {
  const requestChange = (s: Session, payload: object) => send('POST', '/api/v1/me/email', s.headers, payload);
  const complete = (token: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/email-changes/complete', payload: { token } });
  const letterTo = (address: string, nth = 0): Promise<ReceivedMail> =>
    eventually(
      `letter ${nth + 1} to ${address}`,
      () => mailbox.received.filter((m) => m.to.includes(address))[nth],
    );
  const tokenIn = (mail: ReceivedMail) => {
    const m = /https:\/\/vmeste\.example\/account\/email\?token=([A-Za-z0-9_%-]+)/.exec(mail.text);
    if (!m) throw new Error(`no link in: ${mail.text}`);
    return decodeURIComponent(m[1]!);
  };

  it('changes once the link sent to the new address is opened; the old address is told; sign-in follows', async () => {
    const { email, session } = await resident();
    const next = `moved-${randomUUID()}@example.org`;
    const res = await requestChange(session, { newEmail: next.toUpperCase(), currentPassword: PASSWORD });
    expect(res.statusCode).toBe(202);
    // Nothing changes before the link is opened.
    expect((await me(session)).json().user.email).toBe(email);
    const token = tokenIn(await letterTo(next));
    expect((await complete(token)).statusCode).toBe(204);
    expect((await me(session)).json().user.email).toBe(next);
    const notice = await letterTo(email);
    expect(notice.subject).toBe('Адрес почты изменён — «Вместе»');
    expect(notice.text).toContain(next);
    await login(t.app, next, PASSWORD);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session?mode=token',
      payload: { email, password: PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    // The link is spent.
    expect(errorOf(await complete(token)).code).toBe('account_token_invalid');
    expect(await countAudit(t, 'user.email_change', session.userId)).toBe(1);
  });

  it('answers the same for an address another account has, whose owner alone is told; nothing changes', async () => {
    const { email, session } = await resident();
    const other = await resident();
    const before = mailbox.received.filter((m) => m.to.includes(other.email)).length;
    const res = await requestChange(session, { newEmail: other.email, currentPassword: PASSWORD });
    expect(res.statusCode).toBe(202);
    const told = await letterTo(other.email, before);
    expect(told.text).toContain('https://vmeste.example/account/reset');
    expect(told.text).not.toContain('/account/email?token=');
    expect((await me(session)).json().user.email).toBe(email);
  });

  it('refuses a wrong password, the same address and bad input, each on its field; and a link when the address was taken meanwhile', async () => {
    const { email, session } = await resident();
    const wrong = await requestChange(session, {
      newEmail: `x-${randomUUID()}@example.org`,
      currentPassword: 'nope',
    });
    expect(errorOf(wrong).code).toBe('current_password_wrong');
    const same = await requestChange(session, { newEmail: email.toUpperCase(), currentPassword: PASSWORD });
    expect(errorOf(same).code).toBe('email_unchanged');
    expect(fieldPaths(same)).toEqual(['newEmail']);
    const bad = await requestChange(session, { newEmail: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad).sort()).toEqual(['currentPassword', 'newEmail']);

    const wanted = `wanted-${randomUUID()}@example.org`;
    await requestChange(session, { newEmail: wanted, currentPassword: PASSWORD });
    const token = tokenIn(await letterTo(wanted));
    // Someone registers the address before the link is opened.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: wanted, password: PASSWORD, name: 'Быстрый Житель' },
    });
    const late = await complete(token);
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('email_taken');
    expect((await me(session)).json().user.email).toBe(email);
  });

  it('shows the pending address after a reload the same whether or not it is taken, and withdraws it', async () => {
    const pendingOf = async (s: Session) => (await send('GET', '/api/v1/me/email', s.headers)).json().pending;
    const { session } = await resident();
    expect(await pendingOf(session)).toBeNull();
    const free = `free-${randomUUID()}@example.org`;
    await requestChange(session, { newEmail: free, currentPassword: PASSWORD });
    const token = tokenIn(await letterTo(free));
    const expiresAt = new Date(t.clock.now().getTime() + 24 * 60 * 60 * 1000).toISOString();
    expect(await pendingOf(session)).toEqual({ email: free, expiresAt });

    // An address another account has: the same pending state, though no link exists for it.
    const other = await resident();
    await requestChange(session, { newEmail: other.email, currentPassword: PASSWORD });
    expect(await pendingOf(session)).toEqual({ email: other.email, expiresAt });
    // The newer request replaced the older: its link no longer works.
    expect(errorOf(await complete(token)).code).toBe('account_token_invalid');

    // Withdrawn: nothing pending, and the link of a withdrawn request does not work.
    const again = `again-${randomUUID()}@example.org`;
    await requestChange(session, { newEmail: again, currentPassword: PASSWORD });
    const againToken = tokenIn(await letterTo(again));
    expect((await send('DELETE', '/api/v1/me/email', session.headers)).statusCode).toBe(204);
    expect(await pendingOf(session)).toBeNull();
    expect(errorOf(await complete(againToken)).code).toBe('account_token_invalid');
    expect(await countAudit(t, 'user.email_change_cancel', session.userId)).toBe(1);
    // Withdrawing when nothing waits changes nothing.
    expect((await send('DELETE', '/api/v1/me/email', session.headers)).statusCode).toBe(204);
    expect(await countAudit(t, 'user.email_change_cancel', session.userId)).toBe(1);

    // Opened: nothing pending any more; an expired link is not pending either.
    const last = `last-${randomUUID()}@example.org`;
    await requestChange(session, { newEmail: last, currentPassword: PASSWORD });
    expect((await complete(tokenIn(await letterTo(last)))).statusCode).toBe(204);
    expect(await pendingOf(session)).toBeNull();
    const { session: later } = await resident();
    await requestChange(later, { newEmail: `gone-${randomUUID()}@example.org`, currentPassword: PASSWORD });
    t.clock.advance(25 * 60 * 60 * 1000);
    expect(await pendingOf(later)).toBeNull();
    // Nobody else sees it: the address is the account's own business.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/email' })).statusCode).toBe(401);
  });

  it('lets a link expire after a day', async () => {
    const { session } = await resident();
    const next = `late-${randomUUID()}@example.org`;
    await requestChange(session, { newEmail: next, currentPassword: PASSWORD });
    const token = tokenIn(await letterTo(next));
    t.clock.advance(25 * 60 * 60 * 1000);
    expect(errorOf(await complete(token)).code).toBe('account_token_invalid');
  });
});
