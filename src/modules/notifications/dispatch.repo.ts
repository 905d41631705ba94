import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { users } from '../../db/schema/identity.ts';
import { notificationCursor, notificationPreferences, notifications } from '../../db/schema/notifications.ts';
import { reportFollowers } from '../../db/schema/reports.ts';
import { inSlices } from '../../db/slices.ts';
import type { Actor } from '../identity/index.ts';
import type { ReportStatus } from '../reports/report-states.ts';
import type { NewNotification } from './notifications.repo.ts';

/**
 * The dispatcher's SQL (dispatcher.ts): its cursor over the timeline, the events after it, the people
 * concerned, the notifications it writes and the e-mail outbox it sends from.
 */

const CURSOR = 'dispatcher';

/**
 * Starts the cursor at the newest event when notifications are first switched on, so the existing
 * history (the demo region's thousands of events) is not mailed to everyone. Later boots keep it.
 */
export async function ensureCursor(exec: Executor, now: Date): Promise<void> {
  await exec.execute(sql`
    INSERT INTO notification_cursor (name, last_event_id, updated_at)
    SELECT ${CURSOR}, coalesce(max(id), 0), ${now} FROM report_events
    ON CONFLICT (name) DO NOTHING`);
}

/** Locks the cursor row: one dispatcher at a time, on any node. */
export async function lockCursor(exec: Executor): Promise<number | undefined> {
  const rows = await queryRows<{ last: number | string }>(
    exec,
    sql`SELECT last_event_id AS last FROM notification_cursor WHERE name = ${CURSOR} FOR UPDATE`,
  );
  return rows[0] ? Number(rows[0].last) : undefined;
}

export async function advanceCursor(exec: Executor, lastEventId: number, now: Date): Promise<void> {
  await exec
    .update(notificationCursor)
    .set({ lastEventId, updatedAt: now })
    .where(eq(notificationCursor.name, CURSOR));
}

/** A timeline event with what the policy needs to know about its report now. */
export type EventWithReport = {
  id: number;
  type: string;
  isPublic: boolean;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  reportId: string;
  status: ReportStatus;
  kind: 'report' | 'appeal';
  authorId: string;
  reportIsPublic: boolean;
  organisationId: string | null;
  territoryId: string | null;
  territoryParentId: string | null;
  answeredAt: Date | null;
};

export async function eventsAfter(
  exec: Executor,
  afterId: number,
  limit: number,
): Promise<EventWithReport[]> {
  const rows = await queryRows<EventWithReport>(
    exec,
    sql`SELECT e.id, e.type, e.is_public AS "isPublic", e.actor_id AS "actorId", e.payload,
          e.created_at AS "createdAt", r.id AS "reportId", r.status, r.kind, r.author_id AS "authorId",
          r.is_public AS "reportIsPublic", r.organisation_id AS "organisationId",
          r.territory_id AS "territoryId", t.parent_id AS "territoryParentId", r.answered_at AS "answeredAt"
        FROM report_events e
        JOIN reports r ON r.id = e.report_id
        LEFT JOIN territories t ON t.id = r.territory_id
        WHERE e.id > ${afterId}
        ORDER BY e.id
        LIMIT ${limit}`,
  );
  const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    createdAt: date(r.createdAt)!,
    answeredAt: date(r.answeredAt),
  }));
}

export type Person = Actor & { wantsEmail: boolean };

const personColumns = {
  id: users.id,
  role: users.role,
  organisationId: users.organisationId,
  territoryId: users.territoryId,
  wantsEmail: sql<boolean>`coalesce(${notificationPreferences.email}, true)`,
};

function people(exec: Executor) {
  return exec
    .select(personColumns)
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id));
}

export async function findPeople(exec: Executor, ids: string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  // One array parameter however many people (a registry's chunk of works tells thousands at once).
  return people(exec).where(sql`${users.id} = ANY(${sql.param(ids)}::uuid[])`);
}

export async function findFollowers(
  exec: Executor,
  reportIds: string[],
): Promise<(Person & { reportId: string })[]> {
  if (reportIds.length === 0) return [];
  return exec
    .select({ ...personColumns, reportId: reportFollowers.reportId })
    .from(reportFollowers)
    .innerJoin(users, eq(users.id, reportFollowers.userId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(inArray(reportFollowers.reportId, reportIds))
    .orderBy(reportFollowers.createdAt);
}

export async function findOperators(exec: Executor, organisationIds: string[]): Promise<Person[]> {
  if (organisationIds.length === 0) return [];
  return people(exec).where(and(eq(users.role, 'operator'), inArray(users.organisationId, organisationIds)));
}

export async function findCurators(exec: Executor, territoryIds: string[]): Promise<Person[]> {
  if (territoryIds.length === 0) return [];
  return people(exec).where(and(eq(users.role, 'curator'), inArray(users.territoryId, territoryIds)));
}

/** Idempotent: a (event, person) pair already written is skipped. Returns the rows written. */
export async function insertNotifications(exec: Executor, rows: NewNotification[]): Promise<number> {
  // A public report followed by thousands: a batch's rows can pass a statement's parameters.
  const written = await inSlices(rows, (slice) =>
    exec
      .insert(notifications)
      .values(slice)
      .onConflictDoNothing({ target: [notifications.eventId, notifications.userId] })
      .returning({ id: notifications.id }),
  );
  return written.flat().length;
}

// ---- the e-mail outbox ------------------------------------------------------------------------

export type OutgoingEmail = {
  id: number;
  email: string;
  locale: 'ru' | 'en';
  /** Null for a topic notification, which has `topic`, `subjectId` and `subjectTitle` instead. */
  reportId: string | null;
  reportNumber: number | null;
  topic: string | null;
  subjectId: string | null;
  subjectTitle: string | null;
  link: string | null;
  type: string;
  toStatus: string | null;
  actorRole: string | null;
  attempts: number;
  /** Set for the official answer to a 59-ФЗ appeal, which goes to the appellant's own address. */
  appealAnswer: { fullName: string; text: string; result: string } | null;
};

/**
 * Claims the oldest pending e-mails (counting the attempt first, so a crash mid-send is retried a
 * bounded number of times). SKIP LOCKED keeps two mailers off the same rows.
 */
export async function claimPendingEmails(exec: Executor, limit: number): Promise<OutgoingEmail[]> {
  const rows = await queryRows<
    Omit<OutgoingEmail, 'appealAnswer'> & {
      appellantName: string | null;
      answerText: string | null;
      answerResult: string | null;
    }
  >(
    exec,
    sql`WITH claimed AS (
          UPDATE notifications SET email_attempts = email_attempts + 1
          WHERE id IN (SELECT id FROM notifications WHERE email_status = 'pending'
                       ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING id, user_id, event_id, report_id, topic, subject_id, subject_title, link, email_attempts)
        SELECT c.id, COALESCE(ad.email, u.email) AS email, u.locale, c.report_id AS "reportId",
          r.number AS "reportNumber", COALESCE(e.type, c.topic) AS type, e.to_status AS "toStatus", e.actor_role AS "actorRole",
          c.topic, c.subject_id AS "subjectId", c.subject_title AS "subjectTitle", c.link, c.email_attempts AS attempts,
          ad.full_name AS "appellantName", a.text AS "answerText", a.result AS "answerResult"
        FROM claimed c
        JOIN users u ON u.id = c.user_id
        LEFT JOIN report_events e ON e.id = c.event_id
        LEFT JOIN reports r ON r.id = c.report_id
        LEFT JOIN appeal_details ad ON ad.report_id = r.id AND r.kind = 'appeal'
          AND e.type = 'answer_published' AND c.user_id = r.author_id
        LEFT JOIN answers a ON ad.report_id IS NOT NULL AND a.id::text = e.payload->>'answerId'
        ORDER BY c.id`,
  );
  return rows.map(({ appellantName, answerText, answerResult, ...r }) => ({
    ...r,
    appealAnswer:
      appellantName && answerText
        ? { fullName: appellantName, text: answerText, result: answerResult ?? '' }
        : null,
    id: Number(r.id),
    reportNumber: r.reportNumber === null ? null : Number(r.reportNumber),
    attempts: Number(r.attempts),
  }));
}

export async function setEmailStatus(
  exec: Executor,
  id: number,
  status: 'pending' | 'sent' | 'failed',
): Promise<void> {
  await exec.update(notifications).set({ emailStatus: status }).where(eq(notifications.id, id));
}
