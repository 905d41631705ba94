import { and, eq, isNull, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { sessions, users } from '../../db/schema/identity.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export async function findUserByEmail(exec: Executor, email: string): Promise<UserRow | undefined> {
  const rows = await exec.select().from(users).where(eq(users.email, email)).limit(1);
  return rows[0];
}

export async function findUserById(exec: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await exec.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

/** Inserts unless the e-mail is taken; returns undefined on conflict (no exception, no half-write). */
export async function insertUser(exec: Executor, user: NewUser): Promise<UserRow | undefined> {
  const rows = await exec.insert(users).values(user).onConflictDoNothing({ target: users.email }).returning();
  return rows[0];
}

export async function insertSession(
  exec: Executor,
  s: { id: string; userId: string; csrfToken: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await exec.insert(sessions).values(s);
}

export async function recordSignIn(exec: Executor, userId: string, at: Date): Promise<void> {
  await exec.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
}

/**
 * Every session of the user ends (suspension, password reset), or every one but `keep` (a password
 * changed in the profile keeps the session it was changed in); returns their ids for the caches.
 */
export async function deleteSessionsOfUser(exec: Executor, userId: string, keep?: string): Promise<string[]> {
  const rows = await exec
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep === undefined ? undefined : ne(sessions.id, keep)))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

/** The ids of the user's sessions (to drop from this node's cache after a change to the account). */
export async function sessionIdsOfUser(exec: Executor, userId: string): Promise<string[]> {
  const rows = await exec.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.map((r) => r.id);
}

/** The user's new name; undefined when the account is gone. */
export async function renameUser(exec: Executor, id: string, name: string): Promise<UserRow | undefined> {
  const rows = await exec.update(users).set({ name }).where(eq(users.id, id)).returning();
  return rows[0];
}

export type SessionWithUser = {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'organisationId' | 'territoryId'>;
};

export async function findSession(exec: Executor, id: string): Promise<SessionWithUser | undefined> {
  const rows = await exec
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        organisationId: users.organisationId,
        territoryId: users.territoryId,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // A suspended account's sessions are deleted with the suspension; this is the second lock.
    .where(and(eq(sessions.id, id), isNull(users.suspendedAt)))
    .limit(1);
  return rows[0];
}

export async function deleteSession(exec: Executor, id: string): Promise<void> {
  await exec.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteExpiredSessions(exec: Executor, now: Date): Promise<void> {
  await exec.delete(sessions).where(lt(sessions.expiresAt, now));
}
