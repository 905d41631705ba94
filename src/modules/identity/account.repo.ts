import { and, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { users } from '../../db/schema/identity.ts';
import { accountMail, accountTokens, loginFailures } from '../../db/schema/security.ts';
import { inSlices } from '../../db/slices.ts';
import { sqlState } from '../../db/sql-state.ts';

export type TokenPurpose = 'confirm_email' | 'reset_password' | 'change_email';

export async function insertToken(
  exec: Executor,
  t: {
    id: string;
    userId: string;
    purpose: TokenPurpose;
    createdAt: Date;
    expiresAt: Date;
    newEmail?: string | undefined;
  },
): Promise<void> {
  await exec.insert(accountTokens).values(t);
}

/** A token of this purpose, unused and unexpired. */
const live = (purpose: TokenPurpose, now: Date) =>
  and(eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now));

/** The token exists, has this purpose, is unused and unexpired. */
const spendable = (id: string, purpose: TokenPurpose, now: Date) =>
  and(eq(accountTokens.id, id), live(purpose, now));

/**
 * Spends a token: marks it used if it exists, has this purpose, is unused and unexpired, in one
 * statement (two requests with the same token cannot both succeed); returns its user.
 */
export async function spendToken(
  exec: Executor,
  id: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string | undefined> {
  const rows = await exec
    .update(accountTokens)
    .set({ usedAt: now })
    .where(spendable(id, purpose, now))
    .returning({ userId: accountTokens.userId });
  return rows[0]?.userId;
}

/** Spends a `change_email` token as spendToken does; returns its user and the address it confirms. */
export async function spendEmailChangeToken(
  exec: Executor,
  id: string,
  now: Date,
): Promise<{ userId: string; newEmail: string } | undefined> {
  const rows = await exec
    .update(accountTokens)
    .set({ usedAt: now })
    .where(spendable(id, 'change_email', now))
    .returning({ userId: accountTokens.userId, newEmail: accountTokens.newEmail });
  const row = rows[0];
  return row?.newEmail ? { userId: row.userId, newEmail: row.newEmail } : undefined;
}

/**
 * The account's new address (proven by the link sent to it, so confirmed too); false when another
 * account took the address meanwhile (the unique index decides between two at the same moment).
 */
export async function setUserEmail(exec: Executor, userId: string, email: string): Promise<boolean> {
  try {
    const rows = await exec
      .update(users)
      .set({ email, emailConfirmationPending: false })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    return rows.length === 1;
  } catch (error) {
    if (sqlState(error) === '23505') return false;
    throw error;
  }
}

/** A new link replaces the older ones of the same purpose. */
export async function revokeTokens(exec: Executor, userId: string, purpose: TokenPurpose, now: Date) {
  await exec
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)),
    );
}

/** The address the account's live `change_email` link would confirm (issueToken keeps one at most). */
export async function pendingEmailChange(
  exec: Executor,
  userId: string,
  now: Date,
): Promise<{ email: string; expiresAt: Date } | undefined> {
  const rows = await exec
    .select({ email: accountTokens.newEmail, expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, userId), live('change_email', now)))
    .limit(1);
  const row = rows[0];
  return row?.email ? { email: row.email, expiresAt: row.expiresAt } : undefined;
}

export async function deleteOldTokens(exec: Executor, before: Date): Promise<void> {
  await exec.delete(accountTokens).where(lt(accountTokens.expiresAt, before));
}

export async function confirmUserEmail(exec: Executor, userId: string): Promise<void> {
  await exec.update(users).set({ emailConfirmationPending: false }).where(eq(users.id, userId));
}

export async function setPasswordHash(exec: Executor, userId: string, passwordHash: string): Promise<void> {
  await exec.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

type NewMail = { toEmail: string; subject: string; text: string; createdAt: Date };

/** One letter, or a file's invitations at once. */
export async function queueMail(exec: Executor, mail: NewMail | NewMail[]): Promise<void> {
  await inSlices(Array.isArray(mail) ? mail : [mail], async (slice) => {
    await exec.insert(accountMail).values(slice);
  });
}

export type PendingMail = { id: number; toEmail: string; subject: string; text: string; attempts: number };

/** Claims a batch of unsent mail for this node (others skip what it holds) inside the caller's transaction. */
export async function claimPendingMail(
  exec: Executor,
  limit: number,
  maxAttempts: number,
): Promise<PendingMail[]> {
  return queryRows<PendingMail>(
    exec,
    sql`SELECT id, to_email AS "toEmail", subject, text, attempts FROM ${accountMail}
        WHERE sent_at IS NULL AND attempts < ${maxAttempts}
        ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  );
}

export async function markMailSent(exec: Executor, id: number, now: Date): Promise<void> {
  await exec.update(accountMail).set({ sentAt: now, text: '' }).where(eq(accountMail.id, id));
}

export async function markMailFailed(exec: Executor, id: number): Promise<void> {
  await exec
    .update(accountMail)
    .set({ attempts: sql`${accountMail.attempts} + 1` })
    .where(eq(accountMail.id, id));
}

/** Sent or abandoned mail past its retention (the body of sent mail is already blank). */
export async function deleteOldMail(exec: Executor, before: Date): Promise<void> {
  await exec.delete(accountMail).where(lt(accountMail.createdAt, before));
}

export async function pendingMailCount(exec: Executor): Promise<number> {
  const rows = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(accountMail)
    .where(isNull(accountMail.sentAt));
  return Number(rows[0]?.n ?? 0);
}

export type LockState = { lockedUntil: Date | null };

export async function lockState(exec: Executor, emailHash: string): Promise<LockState> {
  const rows = await exec
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(eq(loginFailures.emailHash, emailHash))
    .limit(1);
  return { lockedUntil: rows[0]?.lockedUntil ?? null };
}

/**
 * Counts one failed log-in of an address, atomically across nodes. At the threshold the address is
 * locked for base × 2^(lock-outs so far), capped; failures older than a day start over.
 */
export async function recordFailure(
  exec: Executor,
  emailHash: string,
  now: Date,
  threshold: number,
  baseMs: number,
): Promise<LockState> {
  const capMs = 24 * 60 * 60 * 1000;
  const dayAgo = new Date(now.getTime() - capMs).toISOString();
  const [row] = await queryRows<{ failures: number; lockouts: number }>(
    exec,
    sql`INSERT INTO ${loginFailures} AS f (email_hash, failures, lockouts, locked_until, last_failure_at)
        VALUES (${emailHash}, 1, 0, NULL, ${now.toISOString()}::timestamptz)
        ON CONFLICT (email_hash) DO UPDATE SET
          failures = CASE WHEN f.last_failure_at <= ${dayAgo}::timestamptz THEN 1 ELSE f.failures + 1 END,
          lockouts = CASE WHEN f.last_failure_at <= ${dayAgo}::timestamptz THEN 0 ELSE f.lockouts END,
          last_failure_at = EXCLUDED.last_failure_at
        RETURNING failures, lockouts`,
  );
  if (!row || Number(row.failures) < threshold) return { lockedUntil: null };
  const until = new Date(now.getTime() + Math.min(capMs, baseMs * 2 ** Number(row.lockouts)));
  // Only the request that still sees the count past the threshold locks (two at once lock once).
  await exec
    .update(loginFailures)
    .set({ failures: 0, lockouts: sql`${loginFailures.lockouts} + 1`, lockedUntil: until })
    .where(and(eq(loginFailures.emailHash, emailHash), gte(loginFailures.failures, threshold)));
  return { lockedUntil: until };
}

export async function clearFailures(exec: Executor, emailHash: string): Promise<void> {
  await exec.delete(loginFailures).where(eq(loginFailures.emailHash, emailHash));
}

export async function deleteStaleFailures(exec: Executor, before: Date): Promise<void> {
  await exec
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.lastFailureAt, before),
        sql`(${loginFailures.lockedUntil} IS NULL OR ${loginFailures.lockedUntil} < ${before.toISOString()}::timestamptz)`,
      ),
    );
}
