import { verify } from '@node-rs/argon2';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { AppError, type Locale } from '../../lib/errors.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { writeAudit } from '../audit/index.ts';
import * as accounts from './account.repo.ts';
import { type AccountLetter, type AccountMailer, deliverAccountMail, renderLetter } from './account-mail.ts';
import * as repo from './identity.repo.ts';
import type { LoginBody, RegisterBody } from './identity.schemas.ts';
import {
  forgetSessions,
  hashPassword,
  type IdentityDeps,
  type IssuedSession,
  normaliseEmail,
  openSession,
  presentActor,
} from './identity.service.ts';

export type AccountDeps = {
  db: Db;
  clock: Clock;
  requireEmailConfirmation: boolean;
  mailer: AccountMailer | null;
  lockout: { threshold: number; baseMs: number };
};

/** Where the links in account e-mail point, and in which language they are written. */
export type LetterContext = { origin: string; locale: Locale };

export const CONFIRM_TTL_MS = DAY_MS;
const RESET_TTL_MS = 60 * 60 * 1000;

export const emailKey = (email: string) => sha256(normaliseEmail(email));

export async function queueLetter(
  tx: Executor,
  deps: Pick<AccountDeps, 'clock'>,
  to: string,
  letter: AccountLetter,
  locale: Locale,
): Promise<void> {
  const { subject, text } = renderLetter(letter, locale);
  await accounts.queueMail(tx, { toEmail: to, subject, text, createdAt: deps.clock.now() });
}

/** A single-use link's token (only its hash is kept); a new one revokes the older of its purpose. */
export async function issueToken(
  tx: Executor,
  deps: Pick<AccountDeps, 'clock'>,
  userId: string,
  purpose: accounts.TokenPurpose,
  ttlMs: number,
  newEmail?: string,
): Promise<string> {
  const now = deps.clock.now();
  await accounts.revokeTokens(tx, userId, purpose, now);
  const token = randomToken();
  await accounts.insertToken(tx, {
    id: sha256(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
    newEmail,
  });
  return token;
}

/** After the request's transaction: the letter leaves now rather than at the next scheduled run. */
export function sendSoon(deps: AccountDeps): void {
  if (!deps.mailer) return;
  setImmediate(() => {
    deliverAccountMail(deps).catch(() => {
      // Left in the table: the scheduled run retries it.
    });
  });
}

export type RegistrationAnswer = { status: 'accepted'; confirmationRequired: boolean };

/**
 * Registration answers the same whether the address is new or taken, so it cannot be used to learn
 * who has an account; the difference is said by e-mail to the address's owner. The password is hashed
 * on both paths, so the answer takes as long either way.
 */
export async function register(
  deps: AccountDeps,
  body: RegisterBody,
  letters: LetterContext,
): Promise<RegistrationAnswer> {
  const email = normaliseEmail(body.email);
  const passwordHash = await hashPassword(body.password);
  const pending = deps.requireEmailConfirmation;
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const user = await repo.insertUser(tx, {
      email,
      passwordHash,
      name: body.name,
      role: 'resident',
      locale: letters.locale,
      createdAt: now,
      emailConfirmationPending: pending,
    });
    if (!user) {
      const owner = await repo.findUserByEmail(tx, email);
      await queueLetter(
        tx,
        deps,
        email,
        {
          kind: 'already_registered',
          loginLink: `${letters.origin}/login`,
          resetLink: `${letters.origin}/account/reset`,
        },
        owner?.locale ?? letters.locale,
      );
      return;
    }
    await writeAudit(tx, {
      actor: presentActor(user),
      action: 'user.register',
      entityType: 'user',
      entityId: user.id,
      at: now,
    });
    if (pending) {
      const token = await issueToken(tx, deps, user.id, 'confirm_email', CONFIRM_TTL_MS);
      const link = `${letters.origin}/account/confirm?token=${encodeURIComponent(token)}`;
      await queueLetter(tx, deps, email, { kind: 'confirm', link }, letters.locale);
    }
  });
  sendSoon(deps);
  return { status: 'accepted', confirmationRequired: pending };
}

/** A resident who signs in before confirming gets a fresh link (the old one may be lost or expired). */
export async function resendConfirmation(
  deps: AccountDeps,
  user: repo.UserRow,
  origin: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const token = await issueToken(tx, deps, user.id, 'confirm_email', CONFIRM_TTL_MS);
    const link = `${origin}/account/confirm?token=${encodeURIComponent(token)}`;
    await queueLetter(tx, deps, user.email, { kind: 'confirm', link }, user.locale);
  });
  sendSoon(deps);
}

export async function confirmEmail(deps: AccountDeps, token: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const userId = await accounts.spendToken(tx, sha256(token), 'confirm_email', now);
    if (!userId)
      throw new AppError('account_token_invalid', [{ path: 'token', message: 'account_token_invalid' }]);
    await accounts.confirmUserEmail(tx, userId);
    const user = await repo.findUserById(tx, userId);
    if (user)
      await writeAudit(tx, {
        actor: presentActor(user),
        action: 'user.confirm_email',
        entityType: 'user',
        entityId: userId,
        at: now,
      });
  });
}

/** Always "accepted": whether the address has an account is said only to its mailbox. */
export async function requestPasswordReset(
  deps: AccountDeps,
  emailInput: string,
  letters: LetterContext,
): Promise<void> {
  const email = normaliseEmail(emailInput);
  await deps.db.transaction(async (tx) => {
    const user = await repo.findUserByEmail(tx, email);
    if (!user) return;
    const token = await issueToken(tx, deps, user.id, 'reset_password', RESET_TTL_MS);
    const link = `${letters.origin}/account/reset?token=${encodeURIComponent(token)}`;
    await queueLetter(tx, deps, email, { kind: 'reset', link }, user.locale);
  });
  sendSoon(deps);
}

/**
 * Sets a new password with a token from the reset letter (once, within the hour). Every session of
 * the account ends and its lock-out is lifted; the letter proves the address, so it is confirmed too.
 */
export async function completePasswordReset(
  deps: AccountDeps,
  token: string,
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  const ended = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const userId = await accounts.spendToken(tx, sha256(token), 'reset_password', now);
    if (!userId)
      throw new AppError('account_token_invalid', [{ path: 'token', message: 'account_token_invalid' }]);
    const user = await repo.findUserById(tx, userId);
    if (!user)
      throw new AppError('account_token_invalid', [{ path: 'token', message: 'account_token_invalid' }]);
    await accounts.setPasswordHash(tx, userId, passwordHash);
    await accounts.confirmUserEmail(tx, userId);
    await accounts.clearFailures(tx, emailKey(user.email));
    // Whoever held the old password is signed out.
    const sessionIds = await repo.deleteSessionsOfUser(tx, userId);
    await writeAudit(tx, {
      actor: presentActor(user),
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      at: now,
    });
    return sessionIds;
  });
  forgetSessions(ended);
}

// Compared against when the e-mail is unknown, so that timing does not reveal which e-mails exist.
let dummyHash: Promise<string> | undefined;

/**
 * Password log-in with a lock-out per address: past the threshold of failures the address is refused
 * (429 with Retry-After, even with the right password) for a time that doubles at each lock-out.
 * Unknown addresses are counted and locked alike, so a lock-out reveals nothing. An account still
 * waiting for its e-mail confirmation is told so only when the password is right.
 */
export async function login(
  deps: AccountDeps & Pick<IdentityDeps, 'sessionTtlDays'>,
  body: LoginBody,
  origin: string,
): Promise<IssuedSession> {
  const locked = await lockedFor(deps, body.email);
  if (locked !== null) throw new AccountLockedError(locked);
  const user = await repo.findUserByEmail(deps.db, normaliseEmail(body.email));
  let ok: boolean;
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verify(await dummyHash, body.password);
    ok = false;
  } else ok = await verify(user.passwordHash, body.password);
  if (!ok || !user) {
    await recordFailedLogin(deps, body.email);
    throw new AppError('invalid_credentials');
  }
  await clearFailedLogins(deps, body.email);
  // Said only to whoever knows the password, like the pending confirmation below.
  if (user.suspendedAt) throw new AppError('account_suspended');
  if (user.emailConfirmationPending && deps.requireEmailConfirmation) {
    await resendConfirmation(deps, user, origin);
    throw new AppError('email_not_confirmed');
  }
  return deps.db.transaction((tx) => openSession(tx, deps, user));
}

/** A locked address: the route says when to come back. */
export class AccountLockedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(seconds: number) {
    super('account_locked');
    this.retryAfterSeconds = seconds;
  }
}

/** Seconds the address stays locked, or null. */
export async function lockedFor(deps: AccountDeps, email: string): Promise<number | null> {
  const { lockedUntil } = await accounts.lockState(deps.db, emailKey(email));
  const now = deps.clock.now().getTime();
  return lockedUntil && lockedUntil.getTime() > now ? Math.ceil((lockedUntil.getTime() - now) / 1000) : null;
}

export async function recordFailedLogin(deps: AccountDeps, email: string): Promise<void> {
  await accounts.recordFailure(
    deps.db,
    emailKey(email),
    deps.clock.now(),
    deps.lockout.threshold,
    deps.lockout.baseMs,
  );
}

export async function clearFailedLogins(deps: AccountDeps, email: string): Promise<void> {
  await accounts.clearFailures(deps.db, emailKey(email));
}

/** Housekeeping: spent and expired tokens, sent mail, forgotten failures. */
export async function purgeAccountState(exec: Executor, now: Date): Promise<void> {
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  await accounts.deleteOldTokens(exec, weekAgo);
  await accounts.deleteOldMail(exec, weekAgo);
  await accounts.deleteStaleFailures(exec, new Date(now.getTime() - DAY_MS));
}

/**
 * A link that lets an account choose its password (the reset letter's kind of link, valid for
 * `ttlMs`): how the first administrator of a new region gets in (`vmeste region-init`) without a
 * password ever being typed into a command line. Later, "forgot password" issues the same kind.
 */
export async function issuePasswordSetLink(
  tx: Executor,
  deps: Pick<AccountDeps, 'clock'>,
  userId: string,
  origin: string,
  ttlMs: number,
): Promise<string> {
  const token = await issueToken(tx, deps, userId, 'reset_password', ttlMs);
  return `${origin}/account/reset?token=${encodeURIComponent(token)}`;
}
