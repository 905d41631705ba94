import { verify } from '@node-rs/argon2';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import * as accounts from './account.repo.ts';
import {
  type AccountDeps,
  AccountLockedError,
  clearFailedLogins,
  type LetterContext,
  lockedFor,
  queueLetter,
  recordFailedLogin,
  sendSoon,
} from './account.service.ts';
import type { Actor } from './actor.ts';
import * as repo from './identity.repo.ts';
import type { ChangePasswordBody, Me } from './identity.schemas.ts';
import { forgetSessions, hashPassword, presentMe } from './identity.service.ts';

/** Who is changing their own account, and through which session. */
export type Self = { actor: Actor; sessionId: string };

export async function currentUser(deps: Pick<AccountDeps, 'db'>, self: Self): Promise<repo.UserRow> {
  const user = await repo.findUserById(deps.db, self.actor.id);
  if (!user) throw new AppError('unauthenticated');
  return user;
}

/**
 * A change to the account's credentials needs its current password. A wrong one counts as a failed
 * sign-in of the account (a stolen session cannot be used to guess it: the lock-out applies), and a
 * locked account is refused here as at sign-in.
 */
export async function provePassword(deps: AccountDeps, user: repo.UserRow, password: string): Promise<void> {
  const locked = await lockedFor(deps, user.email);
  if (locked !== null) throw new AccountLockedError(locked);
  if (!(await verify(user.passwordHash, password))) {
    await recordFailedLogin(deps, user.email);
    throw new AppError('current_password_wrong', [
      { path: 'currentPassword', message: 'current_password_wrong' },
    ]);
  }
  await clearFailedLogins(deps, user.email);
}

/**
 * A new name for the signed-in person, everywhere it is shown (it is read by join, never copied).
 * The audit row says that the name changed, not what it was: names are personal data.
 */
export async function rename(deps: Pick<AccountDeps, 'db' | 'clock'>, self: Self, name: string): Promise<Me> {
  const user = await deps.db.transaction(async (tx) => {
    const row = await repo.renameUser(tx, self.actor.id, name);
    if (!row) throw new AppError('unauthenticated');
    await writeAudit(tx, {
      actor: self.actor,
      action: 'user.rename',
      entityType: 'user',
      entityId: row.id,
      at: deps.clock.now(),
    });
    return row;
  });
  // This node's session cache carries the name: the next request of this session reads it anew.
  forgetSessions([self.sessionId]);
  return presentMe(user);
}

/**
 * A new password for a person who proves they know the current one (provePassword). Every other
 * session ends; a letter to the address says what happened and how to take the account back if it
 * was not its owner.
 */
export async function changePassword(
  deps: AccountDeps,
  self: Self,
  body: ChangePasswordBody,
  letters: LetterContext,
): Promise<void> {
  const user = await currentUser(deps, self);
  await provePassword(deps, user, body.currentPassword);
  if (body.newPassword === body.currentPassword)
    throw new AppError('password_unchanged', [{ path: 'newPassword', message: 'password_unchanged' }]);
  const passwordHash = await hashPassword(body.newPassword);
  const ended = await deps.db.transaction(async (tx) => {
    await accounts.setPasswordHash(tx, user.id, passwordHash);
    const others = await repo.deleteSessionsOfUser(tx, user.id, self.sessionId);
    await writeAudit(tx, {
      actor: self.actor,
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
      details: { sessionsEnded: others.length },
      at: deps.clock.now(),
    });
    await queueLetter(
      tx,
      deps,
      user.email,
      { kind: 'password_changed', resetLink: `${letters.origin}/account/reset` },
      user.locale,
    );
    return others;
  });
  forgetSessions(ended);
  sendSoon(deps);
}
