import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { Geometry } from '../../lib/geojson.ts';
import type { NoticeEventType, NoticeKind } from './kinds.schemas.ts';
import { toDate } from './notices.repo.ts';

export type SubscriptionRow = {
  id: string;
  label: string;
  radiusMeters: number | null;
  areaJson: string;
  createdAt: Date;
};

export async function countSubscriptions(exec: Executor, userId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(*)::int AS n FROM notice_subscriptions WHERE user_id = ${userId}`,
  );
  return row?.n ?? 0;
}

/** A point and radius is stored as its circle (on the sphere), so every match is one ST_Intersects. */
export async function insertSubscription(
  exec: Executor,
  s: { userId: string; label: string; now: Date } & (
    | { point: { lat: number; lon: number }; radiusMeters: number }
    | { area: Geometry }
  ),
): Promise<SubscriptionRow> {
  const area =
    'area' in s
      ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(s.area)}), 4326)`
      : sql`ST_Buffer(ST_SetSRID(ST_MakePoint(${s.point.lon}::float8, ${s.point.lat}::float8), 4326)::geography, ${s.radiusMeters}::float8)::geometry`;
  const [row] = await queryRows<SubscriptionRow>(
    exec,
    sql`INSERT INTO notice_subscriptions (user_id, label, radius_meters, area, created_at)
        VALUES (${s.userId}, ${s.label}, ${'area' in s ? null : s.radiusMeters}, ${area}, ${s.now})
        RETURNING id, label, radius_meters AS "radiusMeters", ST_AsGeoJSON(area, 6) AS "areaJson", created_at AS "createdAt"`,
  );
  return { ...row!, createdAt: toDate(row!.createdAt) };
}

export async function listSubscriptions(exec: Executor, userId: string): Promise<SubscriptionRow[]> {
  const rows = await queryRows<SubscriptionRow>(
    exec,
    sql`SELECT id, label, radius_meters AS "radiusMeters", ST_AsGeoJSON(area, 6) AS "areaJson", created_at AS "createdAt"
        FROM notice_subscriptions WHERE user_id = ${userId} ORDER BY created_at, id`,
  );
  return rows.map((r) => ({ ...r, createdAt: toDate(r.createdAt) }));
}

export async function deleteSubscription(exec: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`DELETE FROM notice_subscriptions WHERE id = ${id} AND user_id = ${userId} RETURNING id`,
  );
  return rows.length > 0;
}

// ---- alerts ------------------------------------------------------------------------------------

export type DueEvent = { id: number; noticeId: string; type: NoticeEventType };

/** Due, undispatched notice events, locked so that two job runs never take the same one. */
export async function claimDueEvents(exec: Executor, now: Date, limit: number): Promise<DueEvent[]> {
  return queryRows(
    exec,
    sql`SELECT id::int AS id, notice_id AS "noticeId", type FROM notice_events
        WHERE dispatched_at IS NULL AND due_at <= ${now}
        ORDER BY due_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  );
}

/**
 * One alert per subscriber whose place meets the notice's area (a person with two such places is
 * told once); the e-mail copy is queued for those who want e-mail, when there is a mailer.
 */
export async function insertAlerts(exec: Executor, e: DueEvent, now: Date, mail: boolean): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    exec,
    sql`INSERT INTO notice_alerts (user_id, notice_id, event_id, type, created_at, email_status)
        SELECT DISTINCT s.user_id, n.id, ${e.id}::bigint, ${e.type}, ${now}::timestamptz,
          CASE WHEN ${mail} AND coalesce(p.email, TRUE) THEN 'pending' ELSE 'off' END
        FROM notices n
        JOIN notice_subscriptions s ON ST_Intersects(s.area, n.match_area)
        LEFT JOIN notification_preferences p ON p.user_id = s.user_id
        WHERE n.id = ${e.noticeId}
        ON CONFLICT (event_id, user_id) DO NOTHING
        RETURNING id`,
  );
  return rows.length;
}

export async function markDispatched(exec: Executor, id: number, now: Date): Promise<void> {
  await exec.execute(sql`UPDATE notice_events SET dispatched_at = ${now} WHERE id = ${id}`);
}

export type OutgoingAlert = {
  id: number;
  email: string;
  locale: 'ru' | 'en';
  type: NoticeEventType;
  noticeId: string;
  title: string;
  kind: NoticeKind;
  startsAt: Date;
  endsAt: Date;
  attempts: number;
};

export async function claimPendingAlertEmails(exec: Executor, limit: number): Promise<OutgoingAlert[]> {
  const rows = await queryRows<OutgoingAlert>(
    exec,
    sql`WITH claimed AS (
          UPDATE notice_alerts SET email_attempts = email_attempts + 1
          WHERE id IN (SELECT id FROM notice_alerts WHERE email_status = 'pending'
                       ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING id, user_id, notice_id, type, email_attempts)
        SELECT c.id::int AS id, u.email, u.locale, c.type, n.id AS "noticeId", n.title, n.kind,
          n.starts_at AS "startsAt", n.ends_at AS "endsAt", c.email_attempts AS attempts
        FROM claimed c JOIN users u ON u.id = c.user_id JOIN notices n ON n.id = c.notice_id
        ORDER BY c.id`,
  );
  return rows.map((r) => ({ ...r, startsAt: toDate(r.startsAt), endsAt: toDate(r.endsAt) }));
}

export async function setAlertEmailStatus(
  exec: Executor,
  id: number,
  status: 'pending' | 'sent' | 'failed',
): Promise<void> {
  await exec.execute(sql`UPDATE notice_alerts SET email_status = ${status} WHERE id = ${id}`);
}

export type AlertRow = {
  id: number;
  type: NoticeEventType;
  noticeId: string;
  title: string;
  kind: NoticeKind;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  readAt: Date | null;
};

export async function listAlerts(exec: Executor, userId: string, limit: number): Promise<AlertRow[]> {
  const rows = await queryRows<AlertRow>(
    exec,
    sql`SELECT a.id::int AS id, a.type, n.id AS "noticeId", n.title, n.kind, n.starts_at AS "startsAt",
          n.ends_at AS "endsAt", a.created_at AS "createdAt", a.read_at AS "readAt"
        FROM notice_alerts a JOIN notices n ON n.id = a.notice_id
        WHERE a.user_id = ${userId} ORDER BY a.id DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    ...r,
    startsAt: toDate(r.startsAt),
    endsAt: toDate(r.endsAt),
    createdAt: toDate(r.createdAt),
    readAt: r.readAt === null ? null : toDate(r.readAt),
  }));
}

export async function countUnread(exec: Executor, userId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(*)::int AS n FROM notice_alerts WHERE user_id = ${userId} AND read_at IS NULL`,
  );
  return row?.n ?? 0;
}

export async function markAlertsRead(exec: Executor, userId: string, now: Date): Promise<void> {
  await exec.execute(
    sql`UPDATE notice_alerts SET read_at = ${now} WHERE user_id = ${userId} AND read_at IS NULL`,
  );
}
