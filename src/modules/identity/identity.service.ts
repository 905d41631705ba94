import { hash } from '@node-rs/argon2';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from './actor.ts';
import * as repo from './identity.repo.ts';
import type { Me } from './identity.schemas.ts';

export type IdentityDeps = { db: Db; clock: Clock; sessionTtlDays: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function presentMe(
  u: Pick<repo.UserRow, 'id' | 'email' | 'name' | 'role' | 'organisationId' | 'territoryId'>,
): Me {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisationId: u.organisationId,
    territoryId: u.territoryId,
  };
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export type IssuedSession = { token: string; csrfToken: string; expiresAt: Date; user: Me };

/**
 * Opens a session for a user who has proven who they are (password, or an external provider — named
 * in the audit details), inside the caller's transaction.
 */
export async function openSession(
  tx: Executor,
  deps: Pick<IdentityDeps, 'clock' | 'sessionTtlDays'>,
  user: repo.UserRow,
  auditDetails?: Record<string, unknown>,
): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.sessionTtlDays * DAY_MS);
  await repo.insertSession(tx, { id: sha256(token), userId: user.id, csrfToken, createdAt: now, expiresAt });
  // Shown to admins in the staff list ("last sign-in").
  await repo.recordSignIn(tx, user.id, now);
  await writeAudit(tx, {
    actor: presentActor(user),
    action: 'session.create',
    entityType: 'user',
    entityId: user.id,
    ...(auditDetails ? { details: auditDetails } : {}),
    at: now,
  });
  return { token, csrfToken, expiresAt, user: presentMe(user) };
}

export type ResolvedSession = { sessionId: string; csrfToken: string; user: Me; actor: Actor };

export type SessionLookup = { kind: 'none' } | { kind: 'expired' } | ({ kind: 'ok' } & ResolvedSession);

/**
 * Sessions are read on every request; a 5-second cache keeps that off the database at intake rates.
 * Log-out clears it on this node at once; on other nodes a revoked session lives at most 5 s more.
 */
const sessionCache = new TtlCache<repo.SessionWithUser>(5_000, 50_000);

export async function resolveSession(deps: IdentityDeps, token: string): Promise<SessionLookup> {
  const id = sha256(token);
  let found = sessionCache.get(id);
  if (!found) {
    found = await repo.findSession(deps.db, id);
    if (!found) return { kind: 'none' };
    sessionCache.set(id, found);
  }
  if (found.expiresAt.getTime() <= deps.clock.now().getTime()) {
    sessionCache.delete(id);
    await repo.deleteSession(deps.db, found.sessionId);
    return { kind: 'expired' };
  }
  return {
    kind: 'ok',
    sessionId: found.sessionId,
    csrfToken: found.csrfToken,
    user: presentMe(found.user),
    actor: presentActor(found.user),
  };
}

/** Sessions ended elsewhere (a password reset) stop being served from this node's cache at once. */
export function forgetSessions(ids: readonly string[]): void {
  for (const id of ids) sessionCache.delete(id);
}

export async function logout(deps: IdentityDeps, sessionId: string, actor: Actor): Promise<void> {
  sessionCache.delete(sessionId);
  await deps.db.transaction(async (tx) => {
    await repo.deleteSession(tx, sessionId);
    await writeAudit(tx, {
      actor,
      action: 'session.delete',
      entityType: 'user',
      entityId: actor.id,
      at: deps.clock.now(),
    });
  });
}

export function presentActor(u: Pick<repo.UserRow, 'id' | 'role' | 'organisationId' | 'territoryId'>): Actor {
  return { id: u.id, role: u.role, organisationId: u.organisationId, territoryId: u.territoryId };
}
