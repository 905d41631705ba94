import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/lib/tokens.ts';
import { organisationId } from '../support/app.ts';
import { cookieValue, FLOW_COOKIE, oidcSuite, SESSION_COOKIE } from '../support/oidc-suite.ts';
import { auditActions, rows } from '../support/reports.ts';

/**
 * An invitee accepts a staff invitation by linking their OpenID Connect identity instead of setting a
 * password (docs/oidc.md, docs/administration.md): the link is checked before the provider, spent in
 * the callback, and the account gets the invitation's role and scope. A used or late link is refused.
 */
describe('staff invitation accepted with an OpenID Connect identity', () => {
  // The provider and the app, and the browser's steps, as in the sign-in suites.
  const { app, verifiedPerson, signIn, me } = oidcSuite();

  /** An invitation as the admin screen makes it (the token is what the letter carries). */
  async function invitation(o: { expiresAt?: string } = {}) {
    const t = app();
    const token = `invite-${randomUUID()}-${randomUUID()}`;
    const email = `invitee-${randomUUID()}@example.org`;
    const org = await organisationId(t.app, 'city-light');
    await rows(
      t,
      sql`INSERT INTO staff_invitations (token_hash, email, name, role, organisation_id, created_at, expires_at)
          VALUES (${sha256(token)}, ${email}, 'Вера Приглашённая', 'operator', ${org},
            '2026-03-01T09:00:00Z', ${o.expiresAt ?? '2026-03-09T09:00:00Z'}::timestamptz)`,
    );
    return { token, email, org };
  }

  const person = () => verifiedPerson({ name: 'Вера Госуслугина' });
  const invited = (token: string) => `?invitation=${encodeURIComponent(token)}`;

  /** The start of a refused link: the app answers before the provider, with no flow begun. */
  const startRefused = (token: string) =>
    app().app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start${invited(token)}` });

  /** The round trip as a browser makes it, from the invitation page's "sign in with …" button. */
  const acceptWith = async (token: string, sub: string) => (await signIn(sub, invited(token))).res;

  it('creates the staff account with the invitation’s role and scope, linked and signed in', async () => {
    const { token, email, org } = await invitation();
    const sub = person();
    const res = await acceptWith(token, sub);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/staff');
    const session = cookieValue(res, SESSION_COOKIE);
    expect(session).toBeTruthy();
    const account = await me(session ?? '');
    expect((account.json() as { user: object }).user).toMatchObject({
      email,
      role: 'operator',
      organisationId: org,
    });

    const t = app();
    const linked = await rows<{ email: string }>(
      t,
      sql`SELECT u.email FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.subject = ${sub}`,
    );
    expect(linked).toEqual([{ email }]);
    const spent = await rows<{ accepted: boolean }>(
      t,
      sql`SELECT accepted_at IS NOT NULL AND accepted_user_id IS NOT NULL AS accepted
          FROM staff_invitations WHERE token_hash = ${sha256(token)}`,
    );
    expect(spent).toEqual([{ accepted: true }]);
    const user = (account.json() as { user: { id: string } }).user.id;
    expect((await auditActions(t, user)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['staff.invitation_accept', 'identity.link']),
    );
  });

  it('refuses a used link before the provider, and a second identity on it', async () => {
    const { token } = await invitation();
    expect((await acceptWith(token, person())).statusCode).toBe(303);
    const again = await startRefused(token);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/login?oidcError=staff_invitation_used');
    expect(cookieValue(again, FLOW_COOKIE)).toBeUndefined();
  });

  it('refuses a late link, and nothing is created', async () => {
    const { token, email } = await invitation({ expiresAt: '2026-03-01T10:00:00Z' });
    const late = await startRefused(token);
    expect(late.headers.location).toBe('/login?oidcError=staff_invitation_expired');
    expect(await rows(app(), sql`SELECT 1 FROM users WHERE email = ${email}`)).toEqual([]);
  });

  it('refuses an identity already linked to someone, and the invitation stays unspent', async () => {
    const first = await invitation();
    const sub = person();
    expect((await acceptWith(first.token, sub)).statusCode).toBe(303);
    const second = await invitation();
    const res = await acceptWith(second.token, sub);
    expect(res.headers.location).toBe('/login?oidcError=oidc_identity_in_use');
    expect(cookieValue(res, SESSION_COOKIE)).toBeUndefined();
    const t = app();
    const unspent = await rows<{ accepted_at: Date | null }>(
      t,
      sql`SELECT accepted_at FROM staff_invitations WHERE token_hash = ${sha256(second.token)}`,
    );
    expect(unspent).toEqual([{ accepted_at: null }]);
    expect(await rows(t, sql`SELECT 1 FROM users WHERE email = ${second.email}`)).toEqual([]);
  });
});
