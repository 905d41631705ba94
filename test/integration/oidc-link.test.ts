import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../support/app.ts';
import type { LoopbackProvider } from '../support/oidc-provider.ts';
import { cookieValue, FLOW_COOKIE, oidcSuite, SESSION_COOKIE } from '../support/oidc-suite.ts';
import { countAudit, errorOf } from '../support/reports.ts';

/**
 * A resident signed in with a password has the provider verify their details from the profile: the
 * identity is linked to the account that asked, in that account's own session (docs/oidc.md).
 */
describe('linking the provider from a signed-in resident’s profile', () => {
  const suite = oidcSuite();
  const { verifiedPerson, signIn, me, countSessions, countUsers, identitiesOf, territoryId } = suite;
  let t: TestApp;
  let provider: LoopbackProvider;
  beforeAll(() => {
    t = suite.app();
    provider = suite.provider();
  });

  type Browser = { userId: string; session: string; csrf: string };
  /** A resident signed in as a browser is: a session cookie and its CSRF token. */
  const browserResident = async (): Promise<Browser> => {
    const email = `linker-${randomUUID()}@example.org`;
    const password = 'correct horse battery';
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, password, name: 'Анна Связкина' },
    });
    expect(registered.statusCode, registered.body).toBe(202);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password },
    });
    const body = res.json() as { csrfToken: string; user: { id: string } };
    return { userId: body.user.id, session: cookieValue(res, SESSION_COOKIE) ?? '', csrf: body.csrfToken };
  };
  const startLink = (who: Browser, headers: Record<string, string> = { 'x-csrf-token': who.csrf }) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identities/oidc',
      cookies: { [SESSION_COOKIE]: who.session },
      headers,
    });
  /** Start at the profile, sign in at the provider as `sub`, come back with `session` (null: none). */
  const link = async (who: Browser, sub: string, session: string | null = who.session) => {
    const started = await startLink(who);
    expect(started.statusCode, started.body).toBe(200);
    const flowCookie = cookieValue(started, FLOW_COOKIE);
    expect(flowCookie).toBeTruthy();
    const back = new URL(await provider.signIn(started.json().authorizationUrl, sub));
    return t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      cookies: { [FLOW_COOKIE]: flowCookie ?? '', ...(session ? { [SESSION_COOKIE]: session } : {}) },
    });
  };

  it('links it to the account whatever e-mail the provider has, and returns to the profile', async () => {
    const who = await browserResident();
    const sub = verifiedPerson({
      address: { formatted: 'Санкт-Петербург, Невский район, пр. Большевиков, д. 1' },
    });
    const [usersBefore, sessionsBefore] = [await countUsers(), await countSessions()];
    const res = await link(who, sub);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/profile?identityLinked=1');
    // The session the person has goes on; no account and no session is made.
    expect(cookieValue(res, SESSION_COOKIE)).toBeUndefined();
    expect(await countUsers()).toBe(usersBefore);
    expect(await countSessions()).toBe(sessionsBefore);
    expect(await identitiesOf(sub)).toEqual([
      {
        user_id: who.userId,
        residence_territory_id: await territoryId('nevsky'),
        verified_address: 'Санкт-Петербург, Невский район, пр. Большевиков, д. 1',
      },
    ]);
    expect(await countAudit(t, 'identity.link', who.userId)).toBe(1);
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/identities',
      cookies: { [SESSION_COOKIE]: who.session },
    });
    expect(own.json().items).toMatchObject([{ verifiedName: 'Пётр Госуслугин', emailVerified: true }]);
    // Linked once more: what the provider verified is refreshed, nothing is added.
    expect((await link(who, sub)).headers.location).toBe('/profile?identityLinked=1');
    expect(await identitiesOf(sub)).toHaveLength(1);
    // From now on the provider signs the person in to this account.
    const { res: signedIn } = await signIn(sub);
    const who2 = await me(cookieValue(signedIn, SESSION_COOKIE) ?? '');
    expect(who2.json().user.id).toBe(who.userId);
  });

  it('finishes only in the session of the account that started it', async () => {
    const who = await browserResident();
    const other = await browserResident();
    const sub = verifiedPerson();
    const inOther = await link(who, sub, other.session);
    expect(inOther.headers.location).toBe('/profile?oidcError=oidc_link_session_mismatch');
    const signedOut = await link(who, sub, null);
    expect(signedOut.headers.location).toBe('/login?oidcError=oidc_link_session_mismatch');
    expect(await identitiesOf(sub)).toEqual([]);
    expect(await countAudit(t, 'identity.link', who.userId)).toBe(0);
  });

  it('leaves an identity with the account it belongs to', async () => {
    const sub = verifiedPerson();
    const { res: first } = await signIn(sub);
    const owner = (await me(cookieValue(first, SESSION_COOKIE) ?? '')).json().user.id as string;
    const who = await browserResident();
    const res = await link(who, sub);
    expect(res.headers.location).toBe('/profile?oidcError=oidc_identity_taken');
    expect((await identitiesOf(sub)).map((i) => i.user_id)).toEqual([owner]);
  });

  it('is started by the signed-in resident only, with the CSRF token', async () => {
    const who = await browserResident();
    const noToken = await startLink(who, {});
    expect(noToken.statusCode).toBe(403);
    expect(errorOf(noToken).code).toBe('csrf_failed');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/me/identities/oidc' });
    expect(anonymous.statusCode).toBe(401);
    const staff = await login(t.app, 'moderator@demo.vmeste.local');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identities/oidc',
      headers: staff.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('oidc_link_residents_only');
  });
});
