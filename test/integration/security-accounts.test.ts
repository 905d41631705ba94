import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, type TestApp } from '../support/app.ts';
import { createTestAppWithMailbox, type Mailbox, type ReceivedMail } from '../support/mailbox.ts';
import { errorOf, rows } from '../support/reports.ts';
import { eventually } from '../support/timeouts.ts';

/**
 * Accounts under abuse (issue 10, item 6): e-mail confirmation on by default, password reset by
 * single-use expiring tokens, lock-out with back-off, per-account limits, session fixation.
 */
let t: TestApp;
let mailbox: Mailbox;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  ({ t, mailbox } = await createTestAppWithMailbox({
    REQUIRE_EMAIL_CONFIRMATION: 'true',
    LOGIN_LOCKOUT_THRESHOLD: '3',
    LOGIN_LOCKOUT_MINUTES: '10',
  }));
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const logIn = (email: string, password: string) => post('/api/v1/session?mode=token', { email, password });

/** The next letter to this address (waits for the sender, which runs after the request). */
async function letterTo(address: string, after = 0): Promise<ReceivedMail> {
  return eventually(
    `a letter to ${address}`,
    () => mailbox.received.filter((m) => m.to.includes(address))[after],
  );
}
const tokenIn = (mail: ReceivedMail, path: string) => {
  const m = new RegExp(`https://vmeste\\.example${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in: ${mail.text}`);
  return decodeURIComponent(m[1]!);
};

describe('e-mail confirmation (on by default)', () => {
  it('an account works only after the link e-mailed is opened, once', async () => {
    const email = `new-${randomUUID()}@example.org`;
    const res = await post('/api/v1/users', { email, password: PASSWORD, name: 'Новый Житель' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted', confirmationRequired: true });
    const letter = await letterTo(email);
    expect(letter.subject).toContain('Подтвердите');
    const refused = await logIn(email, PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('email_not_confirmed');
    // Signing in before confirming sent a fresh link; the first one was revoked with it.
    const second = await letterTo(email, 1);
    expect(
      (await post('/api/v1/users/confirmations', { token: tokenIn(letter, '/account/confirm') })).statusCode,
    ).toBe(400);
    const token = tokenIn(second, '/account/confirm');
    expect((await post('/api/v1/users/confirmations', { token })).statusCode).toBe(204);
    expect((await post('/api/v1/users/confirmations', { token })).statusCode).toBe(400);
    expect((await logIn(email, PASSWORD)).statusCode).toBe(200);
  });

  it('a taken address gets the same answer, and its owner a letter saying so', async () => {
    const email = 'anna.petrova@demo.vmeste.local';
    const before = mailbox.received.filter((m) => m.to.includes(email)).length;
    const res = await post('/api/v1/users', { email, password: 'some other password', name: 'Кто-то' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted', confirmationRequired: true });
    const letter = await letterTo(email, before);
    expect(letter.text).toContain('https://vmeste.example/account/reset');
    await login(t.app, email);
  });

  it('a confirmation link expires after a day', async () => {
    const email = `late-${randomUUID()}@example.org`;
    await post('/api/v1/users', { email, password: PASSWORD, name: 'Поздний Житель' });
    const token = tokenIn(await letterTo(email), '/account/confirm');
    t.clock.advance(25 * 60 * 60 * 1000);
    const res = await post('/api/v1/users/confirmations', { token });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('account_token_invalid');
  });
});

describe('password reset by single-use expiring tokens', () => {
  it('answers 202 for any address and mails only existing accounts', async () => {
    const nobody = `nobody-${randomUUID()}@example.org`;
    const res = await post('/api/v1/password-resets', { email: nobody });
    expect(res.statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(mailbox.received.some((m) => m.to.includes(nobody))).toBe(false);
  });

  it('sets the new password once, ends every session, and refuses the token again or late', async () => {
    const email = 'ivan.orlov@demo.vmeste.local';
    const old = await login(t.app, email);
    const before = mailbox.received.filter((m) => m.to.includes(email)).length;
    expect((await post('/api/v1/password-resets', { email })).statusCode).toBe(202);
    const token = tokenIn(await letterTo(email, before), '/account/reset');
    const [stored] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM account_tokens WHERE id = ${token}`,
    );
    expect(Number(stored!.n)).toBe(0); // only its hash is kept
    const done = await post('/api/v1/password-resets/complete', { token, password: 'brand new password 1' });
    expect(done.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: old.headers })).statusCode).toBe(
      401,
    );
    expect((await logIn(email, DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await logIn(email, 'brand new password 1')).statusCode).toBe(200);
    const again = await post('/api/v1/password-resets/complete', { token, password: 'another password 2' });
    expect(errorOf(again).code).toBe('account_token_invalid');

    const before2 = mailbox.received.filter((m) => m.to.includes(email)).length;
    await post('/api/v1/password-resets', { email });
    const late = tokenIn(await letterTo(email, before2), '/account/reset');
    t.clock.advance(61 * 60 * 1000);
    expect(
      (await post('/api/v1/password-resets/complete', { token: late, password: 'too late password' }))
        .statusCode,
    ).toBe(400);
  });
});

describe('lock-out after repeated failed log-ins, with back-off', () => {
  it('locks an address after 3 failures, even for the right password, then twice as long', async () => {
    const email = 'galina.semenova@demo.vmeste.local';
    for (let i = 0; i < 3; i++) expect((await logIn(email, 'wrong password')).statusCode).toBe(401);
    const locked = await logIn(email, DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(errorOf(locked).code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBe(600);
    t.clock.advance(601_000);
    for (let i = 0; i < 3; i++) expect((await logIn(email, 'wrong password')).statusCode).toBe(401);
    expect(Number((await logIn(email, DEMO_PASSWORD)).headers['retry-after'])).toBe(1200);
    t.clock.advance(1_201_000);
    expect((await logIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an unknown address the same way (a lock-out reveals nothing)', async () => {
    const email = `ghost-${randomUUID()}@example.org`;
    for (let i = 0; i < 3; i++) expect((await logIn(email, 'wrong password')).statusCode).toBe(401);
    expect(errorOf(await logIn(email, 'wrong password')).code).toBe('account_locked');
  });
});

describe('sessions', () => {
  it('a log-in never adopts a session token the browser already carried (no fixation)', async () => {
    const planted = 'planted-session-token-chosen-by-an-attacker';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      cookies: { vmeste_session: planted },
      payload: { email: 'moderator@demo.vmeste.local', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'vmeste_session');
    expect(issued?.value).toBeDefined();
    expect(issued!.value).not.toBe(planted);
    const withPlanted = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { vmeste_session: planted },
    });
    expect(withPlanted.statusCode).toBe(401);
    // A second log-in in the same browser gets yet another session.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      cookies: { vmeste_session: issued!.value },
      headers: { 'x-csrf-token': res.json().csrfToken },
      payload: { email: 'moderator@demo.vmeste.local', password: DEMO_PASSWORD },
    });
    expect(again.cookies.find((c) => c.name === 'vmeste_session')!.value).not.toBe(issued!.value);
  });

  it("a cross-site form post with the victim's cookie but no CSRF token changes nothing", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'operator.uk@demo.vmeste.local', password: DEMO_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'vmeste_session')!.value;
    const forged = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      cookies: { vmeste_session: cookie },
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(errorOf(forged).code).toBe('csrf_failed');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { vmeste_session: cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('sends HSTS only over TLS (behind a trusted proxy that says so)', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('secrets at rest', () => {
  it('stores a webhook secret encrypted; the admin sees it once and its hint after', async () => {
    const admin = await login(t.app, 'admin@demo.vmeste.local');
    const res = await post(
      '/api/v1/admin/webhooks',
      { url: 'https://receiver.example/hook', events: ['report.created'] },
      admin.headers,
    );
    expect(res.statusCode).toBe(201);
    const { secret, endpoint } = res.json() as {
      secret: string;
      endpoint: { id: string; secretHint: string };
    };
    const [row] = await rows<{ secret: string }>(
      t,
      sql`SELECT secret FROM webhook_endpoints WHERE id = ${endpoint.id}`,
    );
    expect(row!.secret.startsWith('enc:v1:')).toBe(true);
    expect(row!.secret).not.toContain(secret);
    expect(endpoint.secretHint).toBe(`…${secret.slice(-4)}`);
    expect(t.app.ctx.secrets.open(row!.secret)).toBe(secret);
  });
});
