import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { users } from '../../db/schema/identity.ts';
import { notificationPreferences, notifications } from '../../db/schema/notifications.ts';
import { inSlices } from '../../db/slices.ts';

/** A person's notifications (the inbox: listing, counting, marking read) and their preferences. */

export type NewNotification = typeof notifications.$inferInsert;

// ---- reading ----------------------------------------------------------------------------------

export type NotificationRow = {
  id: number;
  /** Null for a topic notification (see `topic`). */
  reportId: string | null;
  reportNumber: number | null;
  type: string;
  toStatus: string | null;
  topic: string | null;
  subjectId: string | null;
  subjectTitle: string | null;
  /** A topic notification's own link (else the topic's page of the subject). */
  link: string | null;
  actorRole: string | null;
  audience: string;
  createdAt: Date;
  readAt: Date | null;
};

export async function listForUser(
  exec: Executor,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<NotificationRow[]> {
  const unread = opts.unreadOnly ? sql` AND n.read_at IS NULL` : sql``;
  const rows = await queryRows<NotificationRow>(
    exec,
    sql`SELECT n.id, n.report_id AS "reportId", r.number AS "reportNumber", COALESCE(e.type, n.topic) AS type,
          e.to_status AS "toStatus", e.actor_role AS "actorRole", n.topic, n.subject_id AS "subjectId", n.subject_title AS "subjectTitle",
          n.link, n.audience, n.created_at AS "createdAt", n.read_at AS "readAt"
        FROM notifications n
        LEFT JOIN report_events e ON e.id = n.event_id
        LEFT JOIN reports r ON r.id = n.report_id
        WHERE n.user_id = ${userId}${unread}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    reportNumber: r.reportNumber === null ? null : Number(r.reportNumber),
    createdAt: date(r.createdAt)!,
    readAt: date(r.readAt),
  }));
}

/** Topic notifications (not a report's): idempotent per (topic, subject, person). */
export async function insertTopicNotifications(exec: Executor, rows: NewNotification[]): Promise<number> {
  const written = await inSlices(rows, (slice) =>
    exec
      .insert(notifications)
      .values(slice)
      .onConflictDoNothing({ target: [notifications.topic, notifications.subjectId, notifications.userId] })
      .returning({ id: notifications.id }),
  );
  return written.flat().length;
}

export async function countForUser(exec: Executor, userId: string, unreadOnly: boolean): Promise<number> {
  const where = unreadOnly
    ? and(eq(notifications.userId, userId), isNull(notifications.readAt))
    : eq(notifications.userId, userId);
  const [row] = await exec.select({ n: count() }).from(notifications).where(where);
  return Number(row?.n ?? 0);
}

/** Marks the person's own notifications read; ids of others are simply not matched. */
export async function markRead(exec: Executor, userId: string, ids: number[], now: Date): Promise<number[]> {
  const rows = await exec
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(eq(notifications.userId, userId), inArray(notifications.id, ids), isNull(notifications.readAt)),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

export async function ownedIds(exec: Executor, userId: string, ids: number[]): Promise<number[]> {
  const rows = await exec
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, ids)));
  return rows.map((r) => r.id);
}

export async function markAllRead(exec: Executor, userId: string, now: Date): Promise<number> {
  const rows = await exec
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

// ---- preferences ------------------------------------------------------------------------------

export async function findPreferences(
  exec: Executor,
  userId: string,
): Promise<{ email: boolean } | undefined> {
  const rows = await exec
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return rows[0];
}

export async function savePreferences(
  exec: Executor,
  userId: string,
  prefs: { email: boolean },
  now: Date,
): Promise<void> {
  await exec
    .insert(notificationPreferences)
    .values({ userId, email: prefs.email, updatedAt: now })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: { email: prefs.email, updatedAt: now },
    });
}

/** A person stopped wanting mail: what is still waiting is not sent. */
export async function cancelPendingEmails(exec: Executor, userId: string): Promise<void> {
  await exec
    .update(notifications)
    .set({ emailStatus: 'off' })
    .where(and(eq(notifications.userId, userId), eq(notifications.emailStatus, 'pending')));
}

export async function setLocale(exec: Executor, userId: string, locale: 'ru' | 'en'): Promise<void> {
  await exec.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function findLocale(exec: Executor, userId: string): Promise<'ru' | 'en'> {
  const rows = await exec.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return rows[0]?.locale ?? 'ru';
}
