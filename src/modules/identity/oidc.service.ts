import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { randomToken, safeEqual, sha256 } from '../../lib/tokens.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from './actor.ts';
import * as users from './identity.repo.ts';
import { hashPassword, type IssuedSession, openSession, presentActor } from './identity.service.ts';
import { type OidcClient, safeCode } from './oidc.client.ts';
import * as repo from './oidc.repo.ts';
import { readVerifiedAttributes, type VerifiedAttributes } from './oidc-claims.ts';

/**
 * Staff invitations accepted by linking an identity (src/modules/staff-admin): checked before the
 * browser leaves for the provider, spent in the callback's transaction.
 */
export type InvitationAcceptance = {
  /** Throws the invitation's refusal (unknown, used, revoked, expired) when it cannot be accepted. */
  check(exec: Executor, tokenHash: string, now: Date): Promise<void>;
  /** Spends the invitation and creates its staff account (no usable password); throws its refusal. */
  accept(tx: Executor, tokenHash: string, now: Date): Promise<users.UserRow>;
};

export type OidcDeps = {
  db: Db;
  clock: Clock;
  sessionTtlDays: number;
  client: OidcClient | null;
  invitations?: InvitationAcceptance | undefined;
};

/** How long a started sign-in may take at the provider. */
export const FLOW_TTL_MS = 10 * 60_000;
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

function requireClient(deps: OidcDeps): OidcClient {
  if (!deps.client) throw new AppError('oidc_disabled');
  return deps.client;
}

/** The configured redirect URI, or this site's own callback (PUBLIC_URL or the request's origin). */
export function redirectUriFor(deps: OidcDeps, origin: string): string {
  return requireClient(deps).config.redirectUri ?? new URL(CALLBACK_PATH, origin).toString();
}

export type StartedSignIn = { authorizationUrl: string; browserToken: string; expiresAt: Date };

/**
 * Begins a sign-in: state, nonce and PKCE verifier stay on the server (oidc_flows); the browser
 * gets a random token in a cookie that binds the flow to it.
 */
export async function startSignIn(
  deps: OidcDeps,
  input: { redirectUri: string; returnTo: string | undefined; invitation?: string | undefined },
): Promise<StartedSignIn> {
  const client = requireClient(deps);
  const now = deps.clock.now();
  // A used or late invitation is refused here, before the person signs in at the provider for nothing.
  const invitationHash = input.invitation ? sha256(input.invitation) : null;
  if (invitationHash) {
    if (!deps.invitations) throw new AppError('oidc_disabled');
    await deps.invitations.check(deps.db, invitationHash, now);
  }
  return openFlow(deps, client, input.redirectUri, {
    returnTo: input.returnTo ?? (invitationHash ? '/staff' : '/'),
    invitationHash,
    linkUserId: null,
  });
}

/**
 * Begins linking an identity to the signed-in resident, from their profile (the provider verifies
 * their name and address, which polls and initiatives for verified residents rely on). The callback
 * links it to this account only, and only in a session of this account: a link started in one
 * account cannot land in another. Staff accounts get identities through an invitation.
 */
export async function startLink(
  deps: OidcDeps,
  actor: Actor,
  input: { redirectUri: string },
): Promise<StartedSignIn> {
  if (actor.role !== 'resident') throw new AppError('oidc_link_residents_only');
  const client = requireClient(deps);
  return openFlow(deps, client, input.redirectUri, {
    returnTo: '/profile?identityLinked=1',
    invitationHash: null,
    linkUserId: actor.id,
  });
}

async function openFlow(
  deps: OidcDeps,
  client: OidcClient,
  redirectUri: string,
  purpose: Pick<repo.OidcFlowRow, 'returnTo' | 'invitationHash' | 'linkUserId'>,
): Promise<StartedSignIn> {
  const now = deps.clock.now();
  const request = await client.authorizationRequest(redirectUri);
  const expiresAt = new Date(now.getTime() + FLOW_TTL_MS);
  const browserToken = randomToken();
  // Abandoned flows go as new ones start: the table stays as small as the sign-ins in progress.
  await repo.deleteExpiredFlows(deps.db, now);
  await repo.insertFlow(deps.db, {
    stateHash: sha256(request.state),
    browserHash: sha256(browserToken),
    nonce: request.nonce,
    codeVerifier: request.codeVerifier,
    ...purpose,
    createdAt: now,
    expiresAt,
  });
  return { authorizationUrl: request.url.toString(), browserToken, expiresAt };
}

export type CallbackInput = {
  query: { state?: string | undefined; error?: string | undefined };
  /** The callback's query string exactly as the provider sent it (without the leading `?`). */
  rawQuery: string;
  browserToken: string | undefined;
  redirectUri: string;
  /** The user of the session the callback arrived with, if any (a link must arrive in its own). */
  signedInUserId: string | undefined;
};

export type SignInOutcome = 'existing' | 'linked' | 'created';

/** A sign-in opens a session; a link from the profile keeps the session the person has. */
export type CompletedSignIn =
  | { kind: 'signed-in'; session: IssuedSession; returnTo: string; outcome: SignInOutcome }
  | { kind: 'linked'; returnTo: string };

/**
 * Completes a sign-in. The order matters: the flow is consumed first (so any replay of this state
 * fails, whatever happens next), then bound to the browser, then the provider's answer is checked;
 * nothing is written for the person before every check has passed.
 */
export async function completeSignIn(deps: OidcDeps, input: CallbackInput): Promise<CompletedSignIn> {
  const client = requireClient(deps);
  const { state, error } = input.query;
  if (!state) throw new AppError('oidc_state_invalid', [{ path: 'state', message: 'oidc_state_invalid' }]);
  const flow = await repo.consumeFlow(deps.db, sha256(state));
  if (!flow || !input.browserToken || !safeEqual(sha256(input.browserToken), flow.browserHash))
    throw new AppError('oidc_state_invalid', [{ path: 'state', message: 'oidc_state_invalid' }]);
  if (flow.expiresAt.getTime() <= deps.clock.now().getTime()) throw new AppError('oidc_flow_expired');
  // A link lands in the account that started it, in that account's own session, or nowhere.
  if (flow.linkUserId && input.signedInUserId !== flow.linkUserId)
    throw new AppError('oidc_link_session_mismatch');
  if (error === 'access_denied') throw new AppError('oidc_access_denied');
  if (error) throw new AppError('oidc_provider_error', [{ path: 'error', message: safeCode(error) }]);

  const callbackUrl = new URL(input.redirectUri);
  callbackUrl.search = input.rawQuery;
  const claims = await client.exchange({
    callbackUrl,
    state,
    nonce: flow.nonce,
    codeVerifier: flow.codeVerifier,
  });
  const attrs = readVerifiedAttributes(claims.idToken, claims.userinfo);
  const issuer = String(claims.idToken.iss);
  const residenceTerritoryId = await placeResidence(deps.db, attrs);

  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const identityAttrs: repo.IdentityAttributes = {
      email: attrs.email,
      emailVerified: attrs.emailVerified,
      verifiedName: attrs.name,
      verifiedAddress: attrs.address?.text || null,
      residenceTerritoryId,
      verifiedAt: now,
    };
    const link = { issuer, attrs, identityAttrs, now };
    if (flow.linkUserId) {
      await linkToSignedIn(tx, flow.linkUserId, link);
      return { kind: 'linked' as const, returnTo: flow.returnTo };
    }
    const { user, outcome, identityId } = flow.invitationHash
      ? await acceptInvitationWithIdentity(tx, deps, flow.invitationHash, link)
      : await findOrLinkUser(tx, link);
    const session = await openSession(tx, deps, user, { method: 'oidc', identityId, outcome });
    return { kind: 'signed-in' as const, session, returnTo: flow.returnTo, outcome };
  });
}

type LinkInput = {
  issuer: string;
  attrs: VerifiedAttributes;
  identityAttrs: repo.IdentityAttributes;
  now: Date;
};

/**
 * The identity joins the account that asked for it, whatever e-mail the provider has: the person is
 * signed in to that account (the callback's session is theirs) and chose to. The same identity again
 * refreshes what the provider verified; one that belongs to another account stays there.
 */
async function linkToSignedIn(tx: Executor, linkUserId: string, x: LinkInput): Promise<void> {
  const user = await users.findUserById(tx, linkUserId);
  if (!user || user.suspendedAt) throw new AppError('oidc_link_session_mismatch');
  const known = await repo.findIdentity(tx, x.issuer, x.attrs.subject);
  if (known && known.userId !== user.id) throw new AppError('oidc_identity_taken');
  if (known) await repo.updateIdentityAttributes(tx, known.id, x.identityAttrs);
  else await linkIdentity(tx, user, x, 'oidc_identity_taken', { via: 'profile' });
}

/**
 * The same person at the same provider (issuer, subject) is always the same user; otherwise a
 * provider-verified e-mail links to the resident who registered it, or a new resident is created.
 * An unverified e-mail neither links nor creates: anyone could claim it.
 */
/**
 * The invitee links their identity instead of setting a password: the invitation is spent and its
 * staff account created (role and scope as the inviter chose) in the callback's transaction, and the
 * identity is linked to it. An identity already linked to someone is refused: it would sign that
 * person in, not the invitee.
 */
async function acceptInvitationWithIdentity(
  tx: Executor,
  deps: OidcDeps,
  invitationHash: string,
  x: LinkInput,
): Promise<{ user: users.UserRow; outcome: SignInOutcome; identityId: string }> {
  if (!deps.invitations) throw new AppError('oidc_disabled');
  if (await repo.findIdentity(tx, x.issuer, x.attrs.subject)) throw new AppError('oidc_identity_in_use');
  const user = await deps.invitations.accept(tx, invitationHash, x.now);
  const identityId = await linkIdentity(tx, user, x, 'oidc_identity_in_use', { via: 'staff_invitation' });
  return { user, outcome: 'linked', identityId };
}

/**
 * Links the asserted identity to the account and audits it; `conflict` is the refusal when another
 * callback linked the same subject first.
 */
async function linkIdentity(
  tx: Executor,
  user: users.UserRow,
  x: LinkInput,
  conflict: 'oidc_identity_in_use' | 'oidc_identity_taken' | 'oidc_state_invalid',
  details: Record<string, string> = {},
): Promise<string> {
  const identity = await repo.insertIdentity(tx, {
    ...x.identityAttrs,
    userId: user.id,
    issuer: x.issuer,
    subject: x.attrs.subject,
    createdAt: x.now,
  });
  if (!identity) throw new AppError(conflict);
  await writeAudit(tx, {
    actor: presentActor(user),
    action: 'identity.link',
    entityType: 'user',
    entityId: user.id,
    details: { identityId: identity.id, issuer: x.issuer, ...details },
    at: x.now,
  });
  return identity.id;
}

async function findOrLinkUser(
  tx: Executor,
  x: LinkInput,
): Promise<{ user: users.UserRow; outcome: SignInOutcome; identityId: string }> {
  const known = await repo.findIdentity(tx, x.issuer, x.attrs.subject);
  if (known) {
    await repo.updateIdentityAttributes(tx, known.id, x.identityAttrs);
    const user = await users.findUserById(tx, known.userId);
    // Cannot happen: identities are deleted with their user (ON DELETE CASCADE).
    if (!user) throw new Error('an identity without its user');
    if (user.suspendedAt) throw new AppError('account_suspended');
    return { user, outcome: 'existing', identityId: known.id };
  }
  if (!x.attrs.email)
    throw new AppError('oidc_email_missing', [{ path: 'email', message: 'oidc_email_missing' }]);
  if (!x.attrs.emailVerified)
    throw new AppError('oidc_email_unverified', [
      { path: 'email_verified', message: 'oidc_email_unverified' },
    ]);

  let user = await users.findUserByEmail(tx, x.attrs.email);
  let outcome: SignInOutcome = 'linked';
  // Staff accounts carry powers over other people's data: they are not taken over by an outside assertion.
  if (user && user.role !== 'resident') throw new AppError('oidc_staff_link_refused');
  if (!user) {
    user = await users.insertUser(tx, {
      email: x.attrs.email,
      // A new account needs a password hash: this one is of a random secret nobody knows.
      passwordHash: await hashPassword(randomToken()),
      name: x.attrs.name ?? x.attrs.email.split('@')[0] ?? 'Житель',
      role: 'resident',
      createdAt: x.now,
    });
    // A concurrent registration of the same e-mail won the race: let the person try again.
    if (!user) throw new AppError('email_taken', [{ path: 'email', message: 'email_taken' }]);
    outcome = 'created';
    await writeAudit(tx, {
      actor: presentActor(user),
      action: 'user.register',
      entityType: 'user',
      entityId: user.id,
      details: { method: 'oidc' },
      at: x.now,
    });
  }
  // The same subject signing in twice at once: the other callback linked it first.
  return { user, outcome, identityId: await linkIdentity(tx, user, x, 'oidc_state_invalid') };
}

/**
 * The district of the verified address: by its coordinates when the provider gives them
 * (point-in-polygon), else by a district named in it; null when it cannot be placed (the text stays).
 */
async function placeResidence(db: Db, attrs: VerifiedAttributes): Promise<string | null> {
  const address = attrs.address;
  if (!address) return null;
  if (address.point) {
    const byPoint = await repo.districtAtPoint(db, address.point.lat, address.point.lon);
    if (byPoint) return byPoint;
  }
  const named = [address.district, address.text].filter(Boolean).join(', ');
  return named ? repo.districtNamedIn(db, named) : null;
}

export async function listOwnIdentities(deps: Pick<OidcDeps, 'db'>, userId: string) {
  const rows = await repo.listIdentitiesOfUser(deps.db, userId);
  return rows.map((r) => ({
    id: r.id,
    issuer: r.issuer,
    emailVerified: r.emailVerified,
    verifiedName: r.verifiedName,
    verifiedAddress: r.verifiedAddress,
    residenceTerritoryId: r.residenceTerritoryId,
    verifiedAt: r.verifiedAt.toISOString(),
  }));
}
