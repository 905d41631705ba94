import { AppError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/tokens.ts';
import { writeAudit } from '../audit/index.ts';
import * as accounts from './account.repo.ts';
import {
  type AccountDeps,
  CONFIRM_TTL_MS,
  issueToken,
  type LetterContext,
  queueLetter,
  sendSoon,
} from './account.service.ts';
import * as repo from './identity.repo.ts';
import type { ChangeEmailBody, PendingEmailChange } from './identity.schemas.ts';
import { forgetSessions, normaliseEmail, presentActor } from './identity.service.ts';
import { currentUser, provePassword, type Self } from './profile.service.ts';

/**
 * Step one of a new address: the current password (provePassword), then a link to the new address,
 * valid 24 hours. The answer is the same whether or not the address belongs to another account, as
 * at registration: its owner is told by e-mail that someone tried, and nothing changes. Either way
 * the request is kept as pending (a link's token is made, and when the address is taken nobody ever
 * receives it), so what the profile shows afterwards tells the two cases apart no more than the answer.
 */
export async function requestEmailChange(
  deps: AccountDeps,
  self: Self,
  body: ChangeEmailBody,
  letters: LetterContext,
): Promise<void> {
  const user = await currentUser(deps, self);
  await provePassword(deps, user, body.currentPassword);
  const newEmail = normaliseEmail(body.newEmail);
  if (newEmail === user.email)
    throw new AppError('email_unchanged', [{ path: 'newEmail', message: 'email_unchanged' }]);
  await deps.db.transaction(async (tx) => {
    const token = await issueToken(tx, deps, user.id, 'change_email', CONFIRM_TTL_MS, newEmail);
    const owner = await repo.findUserByEmail(tx, newEmail);
    if (owner) {
      const letter = {
        kind: 'already_registered' as const,
        loginLink: `${letters.origin}/login`,
        resetLink: `${letters.origin}/account/reset`,
      };
      await queueLetter(tx, deps, newEmail, letter, owner.locale);
    } else {
      const link = `${letters.origin}/account/email?token=${encodeURIComponent(token)}`;
      await queueLetter(tx, deps, newEmail, { kind: 'confirm_new_email', link }, user.locale);
    }
    await writeAudit(tx, {
      actor: self.actor,
      action: 'user.email_change_request',
      entityType: 'user',
      entityId: user.id,
      at: deps.clock.now(),
    });
  });
  sendSoon(deps);
}

/** The new address waiting for its link to be opened, for the account's owner. */
export async function pendingEmailChange(deps: AccountDeps, self: Self): Promise<PendingEmailChange> {
  const user = await currentUser(deps, self);
  const pending = await accounts.pendingEmailChange(deps.db, user.id, deps.clock.now());
  return { pending: pending ? { email: pending.email, expiresAt: pending.expiresAt.toISOString() } : null };
}

/** Withdraws a pending change: the link sent to the new address stops working; the address stays. */
export async function cancelEmailChange(deps: AccountDeps, self: Self): Promise<void> {
  const user = await currentUser(deps, self);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    if (!(await accounts.pendingEmailChange(tx, user.id, now))) return;
    await accounts.revokeTokens(tx, user.id, 'change_email', now);
    await writeAudit(tx, {
      actor: self.actor,
      action: 'user.email_change_cancel',
      entityType: 'user',
      entityId: user.id,
      at: now,
    });
  });
}

/**
 * Step two: the link from the letter to the new address (no session needed: it may be opened on
 * another device). The address becomes the account's, confirmed; the old address is told, in case
 * it was not its owner who asked. Refused when the link is spent, expired or unknown, or when another
 * account took the address meanwhile (nothing is written then).
 */
export async function completeEmailChange(deps: AccountDeps, token: string): Promise<void> {
  const invalid = () =>
    new AppError('account_token_invalid', [{ path: 'token', message: 'account_token_invalid' }]);
  const sessionIds = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const spent = await accounts.spendEmailChangeToken(tx, sha256(token), now);
    if (!spent) throw invalid();
    const user = await repo.findUserById(tx, spent.userId);
    if (!user) throw invalid();
    const taken = await repo.findUserByEmail(tx, spent.newEmail);
    if (taken || !(await accounts.setUserEmail(tx, user.id, spent.newEmail)))
      throw new AppError('email_taken', [{ path: 'token', message: 'email_taken' }]);
    await queueLetter(tx, deps, user.email, { kind: 'email_changed', newEmail: spent.newEmail }, user.locale);
    await writeAudit(tx, {
      actor: presentActor(user),
      action: 'user.email_change',
      entityType: 'user',
      entityId: user.id,
      at: now,
    });
    return repo.sessionIdsOfUser(tx, user.id);
  });
  // This node's session cache carries the address: the next request of each session reads it anew.
  forgetSessions(sessionIds);
  sendSoon(deps);
}
