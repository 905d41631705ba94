import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_POINT, createTestApp, DEMO_PASSWORD, login, type TestApp } from '../support/app.ts';
import { categoryIdCached, countAudit, detailFor, errorOf, fieldPaths, rows } from '../support/reports.ts';

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'correct horse battery';

describe('identity: accounts, sessions, CSRF', () => {
  let t: TestApp;
  /** Every response body this file saw: none may carry a password hash. */
  const seen: string[] = [];
  const call = async (opts: InjectOptions): Promise<LightMyRequestResponse> => {
    const res = await t.app.inject(opts);
    seen.push(`${res.headers['set-cookie'] ?? ''}\n${res.body}`);
    return res;
  };
  const email = () => `user-${randomUUID()}@example.org`;
  const register = (payload: object, headers: Record<string, string> = {}) =>
    call({ method: 'POST', url: '/api/v1/users', payload, headers });
  const logIn = (payload: object, mode?: 'token' | 'cookie', headers: Record<string, string> = {}) =>
    call({ method: 'POST', url: `/api/v1/session${mode ? `?mode=${mode}` : ''}`, payload, headers });
  const me = (headers: Record<string, string>) => call({ method: 'GET', url: '/api/v1/me', headers });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('registration', () => {
    it('creates a resident (202, confirmation off here) with a normalised e-mail, and writes an audit row', async () => {
      const address = email();
      const res = await register({ email: address.toUpperCase(), password: PASSWORD, name: '  Ян Ли  ' });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ status: 'accepted', confirmationRequired: false });
      const session = await login(t.app, address, PASSWORD);
      const { user } = (await me(session.headers)).json();
      expect(user).toEqual({
        id: expect.any(String),
        email: address,
        name: 'Ян Ли',
        role: 'resident',
        organisationId: null,
        territoryId: null,
      });
      expect(await countAudit(t, 'user.register', user.id)).toBe(1);
    });

    it('ignores an attempt to register as staff', async () => {
      const address = email();
      const res = await register({
        email: address,
        password: PASSWORD,
        name: 'Хитрый Житель',
        role: 'admin',
        organisationId: randomUUID(),
      });
      expect(res.statusCode).toBe(202);
      const { user } = (await me((await login(t.app, address, PASSWORD)).headers)).json();
      expect(user).toMatchObject({ role: 'resident', organisationId: null });
    });

    it('answers a taken e-mail as a new one (202), whatever its case, and keeps one account', async () => {
      const address = email();
      const first = await register({ email: address, password: PASSWORD, name: 'Первый' });
      for (const again of [address, address.toUpperCase()]) {
        const res = await register({ email: again, password: 'another password 2', name: 'Второй' });
        expect(res.statusCode).toBe(202);
        expect(res.json()).toEqual(first.json());
      }
      const [n] = await rows<{ n: number }>(
        t,
        sql`SELECT count(*)::int AS n FROM users WHERE email = ${address}`,
      );
      expect(Number(n!.n)).toBe(1);
      // The first registration's password still holds.
      await login(t.app, address, PASSWORD);
    });

    it('lists every problem at once: bad e-mail, short password, missing name', async () => {
      const res = await register({ email: 'not-an-email', password: 'short' });
      expect(res.statusCode).toBe(400);
      const error = errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(fieldPaths(res).sort()).toEqual(['email', 'name', 'password']);
      expect(detailFor(res, 'password')!.message).toBe('Не короче 10 символов');
      expect(detailFor(res, 'name')!.message).toBe('Обязательное поле');
    });

    it('names body problems by field (email), like domain problems, and other parts with their prefix (querystring.mode)', async () => {
      // The convention the web client relies on: body fields are plain paths, as in the form.
      const address = email();
      const spent = await call({
        method: 'POST',
        url: '/api/v1/users/confirmations',
        payload: { token: 'x'.repeat(43) },
      });
      expect(errorOf(spent).details.map((d) => d.path)).toEqual(['token']);
      const invalid = await register({ email: 'not-an-email', password: PASSWORD, name: 'Третий' });
      expect(errorOf(invalid).details.map((d) => d.path)).toEqual(['email']);
      const query = await call({
        method: 'POST',
        url: '/api/v1/session?mode=both',
        payload: { email: address, password: PASSWORD },
      });
      expect(errorOf(query).details.map((d) => d.path)).toEqual(['querystring.mode']);
    });

    it('lists every missing field when the body is absent altogether', async () => {
      const res = await call({ method: 'POST', url: '/api/v1/users' });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res).sort()).toEqual(['email', 'name', 'password']);
    });

    it('counts a name of spaces as too short', async () => {
      const res = await register({ email: email(), password: PASSWORD, name: '   a   ' });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(['name']);
    });
  });

  describe('log-in', () => {
    let address: string;
    beforeAll(async () => {
      address = email();
      await register({ email: address, password: PASSWORD, name: 'Вход Проверка' });
    });

    it('accepts the e-mail in any case', async () => {
      const res = await logIn({ email: address.toUpperCase(), password: PASSWORD }, 'token');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        token: expect.any(String),
        csrfToken: expect.any(String),
        user: { email: address },
      });
    });

    it('answers a wrong password and an unknown e-mail identically: 401 invalid_credentials', async () => {
      const wrong = await logIn({ email: address, password: 'wrong password!' }, 'token');
      const unknown = await logIn({ email: email(), password: PASSWORD }, 'token');
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(errorOf(res).code).toBe('invalid_credentials');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      expect(unknown.json()).toEqual(wrong.json());
    });

    it('sets an HttpOnly, SameSite=Lax session cookie and returns the CSRF token', async () => {
      const res = await logIn({ email: address, password: PASSWORD });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.csrfToken).toEqual(expect.any(String));
      expect(body.token).toBeUndefined();
      const cookie = res.cookies.find((c) => c.name === 'vmeste_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie!.value.length).toBeGreaterThan(20);
      // Over plain HTTP in tests the cookie is not Secure (COOKIE_SECURE=auto).
      expect(cookie!.secure).toBeFalsy();
      expect(await countAudit(t, 'session.create', body.user.id)).toBeGreaterThanOrEqual(1);
    });
  });

  describe('cookie sessions need the CSRF token for changes', () => {
    let cookie: string;
    let csrf: string;
    let payload: object;
    beforeAll(async () => {
      const address = email();
      await register({ email: address, password: PASSWORD, name: 'Куки Житель' });
      const res = await logIn({ email: address, password: PASSWORD });
      cookie = `vmeste_session=${res.cookies.find((c) => c.name === 'vmeste_session')!.value}`;
      csrf = res.json().csrfToken;
      payload = {
        categoryId: await categoryIdCached(t, 'street-light'),
        text: 'Не горит фонарь во дворе дома',
        ...CENTRAL_POINT,
      };
    });

    it('reads with the cookie alone, and /me returns the CSRF token', async () => {
      const res = await me({ cookie });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user: { role: 'resident' }, csrfToken: csrf });
    });

    it('refuses a POST without X-CSRF-Token (403 csrf_failed) and writes nothing', async () => {
      const before = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM reports`);
      const res = await call({ method: 'POST', url: '/api/v1/reports', headers: { cookie }, payload });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('csrf_failed');
      const after = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM reports`);
      expect(after).toEqual(before);
    });

    it('refuses a wrong token and another session’s token', async () => {
      const other = await login(t.app, 'anna.petrova@demo.vmeste.local');
      for (const token of ['wrong-token', `${csrf}x`, other.csrfToken]) {
        const res = await call({
          method: 'POST',
          url: '/api/v1/reports',
          headers: { cookie, 'x-csrf-token': token },
          payload,
        });
        expect(res.statusCode).toBe(403);
        expect(errorOf(res).code).toBe('csrf_failed');
      }
    });

    it('accepts the right token', async () => {
      const res = await call({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { cookie, 'x-csrf-token': csrf },
        payload,
      });
      expect(res.statusCode).toBe(201);
    });

    it('needs the token to log out too', async () => {
      expect((await call({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(
        403,
      );
      expect((await me({ cookie })).statusCode).toBe(200);
      const out = await call({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((c) => c.name === 'vmeste_session');
      expect(cleared?.value ?? '').toBe('');
      expect((await me({ cookie })).statusCode).toBe(401);
    });
  });

  describe('bearer tokens', () => {
    it('need no CSRF token, and /me has none to give', async () => {
      const s = await login(t.app, 'anna.petrova@demo.vmeste.local', DEMO_PASSWORD);
      const res = await me(s.headers);
      expect(res.json()).toMatchObject({
        user: { email: 'anna.petrova@demo.vmeste.local', role: 'resident' },
        csrfToken: null,
      });
      const payload = {
        categoryId: await categoryIdCached(t, 'street-light'),
        text: 'Не горит фонарь на углу улицы',
        ...CENTRAL_POINT,
      };
      const created = await call({ method: 'POST', url: '/api/v1/reports', headers: s.headers, payload });
      expect(created.statusCode).toBe(201);
    });

    it('returns staff scope in /me', async () => {
      const s = await login(t.app, 'operator.light@demo.vmeste.local');
      expect((await me(s.headers)).json().user).toMatchObject({
        role: 'operator',
        organisationId: expect.any(String),
        territoryId: null,
      });
    });

    it('stop working after log-out (401), and log-out is audited', async () => {
      const s = await login(t.app, 'ivan.orlov@demo.vmeste.local');
      expect((await me(s.headers)).statusCode).toBe(200);
      const out = await call({ method: 'DELETE', url: '/api/v1/session', headers: s.headers });
      expect(out.statusCode).toBe(204);
      expect(await countAudit(t, 'session.delete', s.userId)).toBeGreaterThanOrEqual(1);
      const after = await me(s.headers);
      expect(after.statusCode).toBe(401);
      expect((await call({ method: 'DELETE', url: '/api/v1/session', headers: s.headers })).statusCode).toBe(
        401,
      );
    });

    it('expire after SESSION_TTL_DAYS (30): 401 session_expired', async () => {
      const s = await login(t.app, 'galina.semenova@demo.vmeste.local');
      try {
        t.clock.advance(30 * DAY - 60_000);
        expect((await me(s.headers)).statusCode).toBe(200);
        t.clock.advance(60_000);
        const res = await me(s.headers);
        expect(res.statusCode).toBe(401);
        expect(errorOf(res).code).toBe('session_expired');
        // Writing is refused the same way.
        const write = await call({ method: 'POST', url: '/api/v1/reports', headers: s.headers, payload: {} });
        expect(write.statusCode).not.toBe(201);
      } finally {
        t.clock.set(new Date('2026-03-02T09:00:00Z'));
      }
    });

    it('expire for cookie sessions too, and the stale cookie is cleared', async () => {
      const res = await logIn({ email: 'galina.semenova@demo.vmeste.local', password: DEMO_PASSWORD });
      const cookie = `vmeste_session=${res.cookies.find((c) => c.name === 'vmeste_session')!.value}`;
      try {
        t.clock.advance(31 * DAY);
        const after = await me({ cookie });
        expect(after.statusCode).toBe(401);
        expect(errorOf(after).code).toBe('session_expired');
        expect(after.cookies.find((c) => c.name === 'vmeste_session')?.value ?? '').toBe('');
      } finally {
        t.clock.set(new Date('2026-03-02T09:00:00Z'));
      }
    });

    it('without any credential: 401 unauthenticated', async () => {
      const res = await me({});
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('unauthenticated');
    });

    it('that never existed are "unauthenticated", not "session expired"', async () => {
      const res = await me({ authorization: 'Bearer made-up-token-that-was-never-issued' });
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('unauthenticated');
    });
  });

  it('limits log-in attempts per minute with the standard error body (429 rate_limited)', async () => {
    const limited = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/session?mode=token',
          payload: { email: email(), password: PASSWORD },
          headers: { 'accept-language': 'en' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const res = await attempt();
      expect(res.statusCode).toBe(429);
      expect(errorOf(res)).toEqual({
        code: 'rate_limited',
        message: 'Too many requests, try again later',
        details: [],
      });
      expect((await limited.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  describe('language', () => {
    it('speaks Russian by default and English on request, in messages and details', async () => {
      const bad = { email: 'nope', password: 'x' };
      const ruRes = await register(bad);
      const enRes = await register(bad, { 'accept-language': 'en-GB,en;q=0.9' });
      expect(errorOf(ruRes).message).toBe('Проверьте введённые данные');
      expect(errorOf(enRes).message).toBe('Please check the submitted data');
      expect(detailFor(ruRes, 'name')!.message).toBe('Обязательное поле');
      expect(detailFor(enRes, 'name')!.message).toBe('Required');
      expect(detailFor(enRes, 'password')!.message).toBe('At least 10 characters');
      expect(detailFor(enRes, 'email')!.message).not.toMatch(/[а-яё]/i);
      expect(detailFor(ruRes, 'email')!.message).toMatch(/[а-яё]/i);
      const creds = { email: email(), password: PASSWORD };
      expect(errorOf(await logIn(creds, 'token')).message).toBe('Неверная почта или пароль');
      expect(errorOf(await logIn(creds, 'token', { 'accept-language': 'en' })).message).toBe(
        'Wrong e-mail or password',
      );
      expect(errorOf(await logIn(creds, 'token', { 'accept-language': 'de-DE' })).message).toBe(
        'Неверная почта или пароль',
      );
    });

    it('localises the message of a service error’s details too', async () => {
      const en = errorOf(
        await call({
          method: 'POST',
          url: '/api/v1/users/confirmations',
          payload: { token: 'x'.repeat(43) },
          headers: { 'accept-language': 'en' },
        }),
      );
      const text = 'This link is invalid, has expired or has already been used. Please ask for a new one';
      expect(en).toMatchObject({ message: text, details: [{ path: 'token', message: text }] });
    });
  });

  it('never sends a password hash in any response of this file', async () => {
    const moderator = await login(t.app, 'moderator@demo.vmeste.local');
    const created = await call({
      method: 'POST',
      url: '/api/v1/reports',
      headers: (await login(t.app, 'anna.petrova@demo.vmeste.local')).headers,
      payload: {
        categoryId: await categoryIdCached(t, 'street-light'),
        text: 'Не горит фонарь у остановки',
        ...CENTRAL_POINT,
      },
    });
    await call({ method: 'GET', url: `/api/v1/reports/${created.json().id}`, headers: moderator.headers });
    await me(moderator.headers);
    expect(seen.length).toBeGreaterThan(25);
    const [hashRow] = await rows<{ h: string }>(
      t,
      sql`SELECT password_hash AS h FROM users WHERE email = 'anna.petrova@demo.vmeste.local'`,
    );
    for (const body of seen) {
      expect(body).not.toMatch(/\$argon2/);
      expect(body).not.toMatch(/password_?hash/i);
      expect(body).not.toContain(hashRow!.h);
    }
  });
});
