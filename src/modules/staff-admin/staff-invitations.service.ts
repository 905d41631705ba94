import type { Executor } from '../../db/connection.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { writeAudit } from '../audit/index.ts';
import {
  type AccountMailer,
  type Actor,
  deliverAccountMail,
  hashPassword,
  insertUser,
  normaliseEmail,
  presentActor,
  queueAccountMail,
} from '../identity/index.ts';
import { presentInvitation } from './staff.presenter.ts';
import type { StaffDeps } from './staff-accounts.service.ts';
import * as repo from './staff-admin.repo.ts';
import type {
  AcceptInvitation,
  InvitationPreview,
  InviteStaff,
  StaffInvitation,
} from './staff-admin.schemas.ts';
import { renderInvitation } from './staff-letters.ts';
import {
  grantProblems,
  loadReference,
  type Manager,
  managerOf,
  type Reference,
  reachOf,
  refuse,
} from './staff-scope.ts';

export const INVITATION_TTL_DAYS = 7;

export type InvitationDeps = StaffDeps & { mailer: AccountMailer | null };

/** One person to invite, checked: e-mail normalised, role and scope valid for the manager. */
export type InviteEntry = {
  email: string;
  name: string;
  role: repo.StaffFields['role'];
  organisationId: string | null;
  territoryId: string | null;
  locale: 'ru' | 'en';
};

/** After the request's transaction: the letters leave now rather than at the next scheduled run. */
export function sendSoon(deps: InvitationDeps): void {
  if (!deps.mailer) return;
  setImmediate(() => {
    deliverAccountMail(deps).catch(() => {
      // Left in the table: the scheduled account-mail run retries it.
    });
  });
}

const scopeName = (e: InviteEntry, ref: Reference): string | null => {
  const r =
    (e.organisationId && ref.organisations.get(e.organisationId)) ||
    (e.territoryId && ref.territories.get(e.territoryId)) ||
    null;
  return r ? (e.locale === 'ru' ? r.nameRu : r.nameEn) : null;
};

/**
 * Writes the invitations (replacing any still pending to the same addresses), their letters and
 * their audit rows in the caller's transaction. The entries have been checked by the caller.
 */
export async function issueInvitations(
  tx: Executor,
  deps: InvitationDeps,
  actor: Actor,
  entries: InviteEntry[],
  ref: Reference,
  origin: string,
): Promise<repo.InvitationRow[]> {
  const now = deps.clock.now();
  const tokens = entries.map(() => randomToken());
  await repo.revokePendingFor(
    tx,
    entries.map((e) => e.email),
    now,
  );
  const rows = await repo.insertInvitations(
    tx,
    entries.map((e, i) => ({
      ...e,
      tokenHash: sha256(tokens[i]!),
      invitedBy: actor.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
    })),
  );
  await queueAccountMail(
    tx,
    entries.map((e, i) => {
      const link = `${origin}/staff/invitation?token=${encodeURIComponent(tokens[i]!)}`;
      const letter = renderInvitation(
        { name: e.name, role: e.role, scope: scopeName(e, ref), link, days: INVITATION_TTL_DAYS },
        e.locale,
      );
      return { toEmail: e.email, ...letter, createdAt: now };
    }),
  );
  await writeAudit(
    tx,
    rows.map((r) => ({
      actor,
      action: 'staff.invite',
      entityType: 'staff_invitation',
      entityId: r.id,
      at: now,
      details: {
        before: null,
        after: { role: r.role, organisationId: r.organisationId, territoryId: r.territoryId },
      },
    })),
  );
  return rows;
}

export async function invite(
  deps: InvitationDeps,
  actor: Actor,
  input: InviteStaff,
  origin: string,
): Promise<StaffInvitation> {
  const entry: InviteEntry = {
    email: normaliseEmail(input.email),
    name: input.name,
    role: input.role,
    organisationId: input.organisationId ?? null,
    territoryId: input.territoryId ?? null,
    locale: input.locale,
  };
  const { row, ref } = await deps.db.transaction(async (tx) => {
    const m = await managerOf(tx, actor);
    const ref = await loadReference(tx, [entry]);
    const problems = grantProblems(m, entry, ref);
    // An address with an account already is not invited again: its role is changed in the staff list.
    if (await repo.userIdByEmail(tx, entry.email))
      problems.push({ path: 'email', code: 'staff_account_exists' });
    refuse(problems);
    const [row] = await issueInvitations(tx, deps, actor, [entry], ref, origin);
    return { row: row!, ref };
  });
  sendSoon(deps);
  return presentInvitation(row, ref, deps.clock);
}

export async function listInvitations(
  deps: InvitationDeps,
  actor: Actor,
): Promise<{ items: StaffInvitation[] }> {
  const m = await managerOf(deps.db, actor);
  const rows = await repo.listOpenInvitations(deps.db, reachOf(m));
  const ref = await loadReference(deps.db, rows);
  return { items: rows.map((r) => presentInvitation(r, ref, deps.clock)) };
}

function mayManageInvitation(m: Manager, row: repo.InvitationRow): boolean {
  if (m.kind === 'admin') return true;
  return row.role === 'operator' && row.organisationId !== null && m.organisationIds.has(row.organisationId);
}

export async function revoke(deps: InvitationDeps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const m = await managerOf(tx, actor);
    const row = await repo.findInvitation(tx, id);
    if (!row || !mayManageInvitation(m, row)) throw new AppError('staff_invitation_not_found');
    if (row.acceptedAt) throw new AppError('staff_invitation_used');
    if (row.revokedAt) return;
    await repo.revokeInvitation(tx, id, now);
    await writeAudit(tx, {
      actor,
      action: 'staff.invitation_revoke',
      entityType: 'staff_invitation',
      entityId: id,
      at: now,
      details: { before: { status: 'pending' }, after: { status: 'revoked' } },
    });
  });
}

/** Why a link does not work: each case has its own code, so the invitee knows what to do. */
function refusalFor(row: repo.InvitationRow | undefined, now: Date): AppError {
  const detail = (
    code:
      | 'staff_invitation_invalid'
      | 'staff_invitation_used'
      | 'staff_invitation_revoked'
      | 'staff_invitation_expired',
  ) => new AppError(code, [{ path: 'token', message: code, code }]);
  if (!row) return detail('staff_invitation_invalid');
  if (row.acceptedAt) return detail('staff_invitation_used');
  if (row.revokedAt) return detail('staff_invitation_revoked');
  if (row.expiresAt.getTime() <= now.getTime()) return detail('staff_invitation_expired');
  return detail('staff_invitation_invalid');
}

export async function preview(deps: InvitationDeps, token: string): Promise<InvitationPreview> {
  const now = deps.clock.now();
  const row = await repo.findInvitationByToken(deps.db, sha256(token));
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= now.getTime())
    throw refusalFor(row, now);
  const p = presentInvitation(row, await loadReference(deps.db, [row]), deps.clock);
  return {
    email: p.email,
    name: p.name,
    role: p.role,
    organisation: p.organisation,
    territory: p.territory,
    expiresAt: p.expiresAt,
  };
}

/**
 * Accepts an invitation: the link is spent in the statement that checks it (used once, before its
 * expiry), and the account is created with the role and scope the inviter chose, its address
 * confirmed by the letter. The invitee then signs in with the password they set.
 */
export async function accept(deps: InvitationDeps, input: AcceptInvitation): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const user = await createInvitedUser(tx, sha256(input.token), deps.clock.now(), {
      passwordHash,
      name: input.name,
      method: 'password',
    });
    return { email: user.email };
  });
}

/**
 * Spends the invitation and creates its staff account, in the caller's transaction; throws the
 * invitation's refusal (unknown, used, revoked, expired) or staff_account_exists.
 */
async function createInvitedUser(
  tx: Executor,
  tokenHash: string,
  now: Date,
  how: { passwordHash: string; name?: string | undefined; method: 'password' | 'oidc' },
) {
  const row = await repo.spendInvitation(tx, tokenHash, now);
  if (!row) throw refusalFor(await repo.findInvitationByToken(tx, tokenHash), now);
  const user = await insertUser(tx, {
    email: row.email,
    passwordHash: how.passwordHash,
    name: how.name ?? row.name,
    role: row.role,
    organisationId: row.organisationId,
    territoryId: row.territoryId,
    locale: row.locale,
    createdAt: now,
    emailConfirmationPending: false,
  });
  // Someone registered the address after the invitation was sent: nothing is spent.
  if (!user)
    throw new AppError('staff_account_exists', [
      { path: 'token', message: 'staff_account_exists', code: 'staff_account_exists' },
    ]);
  await repo.setAcceptedUser(tx, row.id, user.id);
  await writeAudit(tx, {
    actor: presentActor(user),
    action: 'staff.invitation_accept',
    entityType: 'user',
    entityId: user.id,
    at: now,
    details: {
      invitationId: row.id,
      method: how.method,
      before: null,
      after: {
        role: row.role,
        organisationId: row.organisationId,
        territoryId: row.territoryId,
        suspended: false,
      },
    },
  });
  return user;
}

/**
 * Accepting by linking an OpenID Connect identity instead of setting a password (docs/oidc.md): the
 * identity module checks the link before the browser leaves for the provider and spends it in the
 * callback. The account gets a password hash of a random secret nobody knows (a password can be set
 * later through the reset letter).
 */
export const invitationAcceptance = {
  async check(exec: Executor, tokenHash: string, now: Date): Promise<void> {
    const row = await repo.findInvitationByToken(exec, tokenHash);
    if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= now.getTime())
      throw refusalFor(row, now);
  },
  async accept(tx: Executor, tokenHash: string, now: Date) {
    return createInvitedUser(tx, tokenHash, now, {
      passwordHash: await hashPassword(randomToken()),
      method: 'oidc',
    });
  },
};
