import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';
import { type LoopbackProvider, startOidcProvider, type TestAccount } from './oidc-provider.ts';
import { rows } from './reports.ts';

export const REDIRECT_URI = 'http://vmeste.test/api/v1/auth/oidc/callback';
export const FLOW_COOKIE = 'vmeste_oidc_flow';
export const SESSION_COOKIE = 'vmeste_session';

export function cookieValue(res: LightMyRequestResponse, name: string): string | undefined {
  const found = res.cookies.find((c) => c.name === name);
  return found?.value || undefined;
}

/**
 * The OpenID Connect suites' set-up: a real provider on loopback and an app signing in with it,
 * started before the file's tests and closed after; and the steps a browser takes through a sign-in,
 * on whichever app and provider are running (test/integration/oidc*.test.ts,
 * staff-invitation-oidc.test.ts).
 */
export function oidcSuite() {
  let provider: LoopbackProvider;
  let t: TestApp;
  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUris: [REDIRECT_URI] });
    t = await createTestApp({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: REDIRECT_URI,
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** A person at the provider: a fresh subject with these claims. */
  const person = (claims: TestAccount): string => {
    const sub = `sub-${randomUUID()}`;
    provider.accounts.set(sub, claims);
    return sub;
  };
  const verifiedPerson = (extra: TestAccount = {}) =>
    person({
      email: `esia-${randomUUID()}@example.org`,
      email_verified: true,
      name: 'Пётр Госуслугин',
      ...extra,
    });

  type Started = { location: string; flowCookie: string };
  const start = async (query = ''): Promise<Started> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start${query}` });
    expect(res.statusCode, res.body).toBe(303);
    const flowCookie = cookieValue(res, FLOW_COOKIE);
    expect(flowCookie).toBeTruthy();
    expect(res.cookies.find((c) => c.name === FLOW_COOKIE)).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
    return { location: String(res.headers.location), flowCookie: flowCookie ?? '' };
  };
  const callback = (callbackUrl: string, flowCookie: string | undefined) => {
    const u = new URL(callbackUrl);
    return t.app.inject({
      method: 'GET',
      url: `${u.pathname}${u.search}`,
      cookies: flowCookie ? { [FLOW_COOKIE]: flowCookie } : {},
    });
  };
  /** The whole round trip as a browser makes it: start, sign in at the provider, come back. */
  const signIn = async (sub: string, query = '') => {
    const s = await start(query);
    const back = await provider.signIn(s.location, sub);
    return { res: await callback(back, s.flowCookie), back, flowCookie: s.flowCookie };
  };
  const me = (session: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: session } });
  const countSessions = async () =>
    Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM sessions`))[0]?.n);
  const countUsers = async () =>
    Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM users`))[0]?.n);
  const identitiesOf = (sub: string) =>
    rows<{ user_id: string; residence_territory_id: string | null; verified_address: string | null }>(
      t,
      sql`SELECT user_id, residence_territory_id, verified_address FROM user_identities WHERE subject = ${sub}`,
    );
  const territoryId = async (code: string) =>
    (await rows<{ id: string }>(t, sql`SELECT id FROM territories WHERE code = ${code}`))[0]?.id;

  /** A failed sign-in: back on the log-in page with this code, no session, no account, no link. */
  const expectRefused = async (res: LightMyRequestResponse, code: string, sub?: string) => {
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/login?oidcError=${code}`);
    expect(cookieValue(res, SESSION_COOKIE)).toBeUndefined();
    if (sub) expect(await identitiesOf(sub)).toEqual([]);
  };

  return {
    app: () => t,
    provider: () => provider,
    person,
    verifiedPerson,
    start,
    callback,
    signIn,
    me,
    countSessions,
    countUsers,
    identitiesOf,
    territoryId,
    expectRefused,
  };
}
