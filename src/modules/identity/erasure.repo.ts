import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/**
 * The right to be forgotten, as SQL: one account's personal data erased across the tables that hold
 * it, the reports kept anonymised. Erasure cuts across modules by its nature (the law speaks of the
 * person, not of a module), so this repository names their tables in plain SQL rather than reaching
 * into their repositories; docs/security.md lists what it erases and what it keeps.
 */
export const ERASED_NAME = 'Удалённый пользователь';
/** What stays of the text of a report that was not public. */
export const ERASED_TEXT = 'Текст удалён по просьбе автора. / Text erased at the author’s request.';
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

export type ErasureTarget = { id: string; email: string; role: string };

export async function lockUser(exec: Executor, userId: string): Promise<ErasureTarget | undefined> {
  const rows = await queryRows<ErasureTarget>(
    exec,
    sql`SELECT id, email, role FROM users WHERE id = ${userId} FOR UPDATE`,
  );
  return rows[0];
}

export type ErasureCounts = { sessions: number; reports: number; anonymisedTexts: number; appeals: number };

/** Deletes the account's sessions, tokens, mail, subscriptions and external sign-in links. */
async function deleteAccountState(exec: Executor, user: ErasureTarget): Promise<string[]> {
  const sessions = await queryRows<{ id: string }>(
    exec,
    sql`DELETE FROM sessions WHERE user_id = ${user.id} RETURNING id`,
  );
  // Each of these holds the person (an address, a token, what they follow), nothing the platform keeps.
  await exec.execute(sql`DELETE FROM account_tokens WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM account_mail WHERE to_email = ${user.email}`);
  await exec.execute(sql`DELETE FROM user_identities WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM notification_preferences WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM notifications WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM notice_alerts WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM notice_subscriptions WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM discussion_followers WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM object_follows WHERE user_id = ${user.id}`);
  await exec.execute(sql`DELETE FROM report_followers WHERE user_id = ${user.id}`);
  return sessions.map((s) => s.id);
}

/**
 * Erases one account: the row keeps its id (reports, votes and comments point at it) but no longer
 * names anyone and cannot sign in; its reports stay, anonymised. Returns the ended sessions' ids.
 */
export async function eraseAccount(
  exec: Executor,
  user: ErasureTarget,
): Promise<{ sessionIds: string[]; counts: ErasureCounts }> {
  const sessionIds = await deleteAccountState(exec, user);
  await exec.execute(
    sql`UPDATE users SET email = ${erasedEmail(user.id)}, name = ${ERASED_NAME},
               password_hash = '!erased', email_confirmation_pending = false
         WHERE id = ${user.id}`,
  );
  // Reports that were never public lose their text, address and exact point (snapped to the open
  // data's 0.01° grid); public ones keep what everyone could already read. All lose the client's
  // idempotency key, which a client may have derived from the person.
  const hidden = await queryRows<{ id: string }>(
    exec,
    sql`UPDATE reports SET text = ${ERASED_TEXT}, address = NULL,
               location = ST_SnapToGrid(location, 0.01), idempotency_key = NULL, request_hash = NULL
         WHERE author_id = ${user.id}
           AND NOT (is_public AND kind = 'report' AND status NOT IN ('submitted', 'clarification_requested', 'rejected'))
         RETURNING id`,
  );
  const all = await queryRows<{ id: string }>(
    exec,
    sql`UPDATE reports SET idempotency_key = NULL, request_hash = NULL WHERE author_id = ${user.id} RETURNING id`,
  );
  // The appellant of a 59-ФЗ appeal: name, e-mail and postal address for the answer.
  const appeals = await queryRows<{ reportId: string }>(
    exec,
    sql`UPDATE appeal_details SET full_name = ${ERASED_NAME}, email = NULL, postal_address = NULL
         WHERE report_id IN (SELECT id FROM reports WHERE author_id = ${user.id})
         RETURNING report_id AS "reportId"`,
  );
  // What the author wrote on the timeline of a report that was not public (clarification answers).
  if (hidden.length)
    await exec.execute(
      sql`UPDATE report_events SET payload = '{"erased": true}'::jsonb
           WHERE actor_id = ${user.id}
             AND report_id IN (${sql.join(
               hidden.map((h) => sql`${h.id}`),
               sql`, `,
             )})`,
    );
  return {
    sessionIds,
    counts: {
      sessions: sessionIds.length,
      reports: all.length,
      anonymisedTexts: hidden.length,
      appeals: appeals.length,
    },
  };
}
