import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { notifications } from '../../db/schema/notifications.ts';

/** What the live hub (live-hub.ts) polls for: new notifications and timeline events, by id. */

/** Notifications written after `afterId` (for live unread counts on every node): id and person. */
export async function notificationsAfter(
  exec: Executor,
  afterId: number,
  limit: number,
): Promise<{ id: number; userId: string }[]> {
  const rows = await exec
    .select({ id: notifications.id, userId: notifications.userId })
    .from(notifications)
    .where(sql`${notifications.id} > ${afterId}`)
    .orderBy(notifications.id)
    .limit(limit);
  return rows.map((r) => ({ id: Number(r.id), userId: r.userId }));
}

export async function lastNotificationId(exec: Executor): Promise<number> {
  const rows = await queryRows<{ last: number | string | null }>(
    exec,
    sql`SELECT max(id) AS last FROM notifications`,
  );
  return Number(rows[0]?.last ?? 0);
}

export async function lastEventId(exec: Executor): Promise<number> {
  const rows = await queryRows<{ last: number | string | null }>(
    exec,
    sql`SELECT max(id) AS last FROM report_events`,
  );
  return Number(rows[0]?.last ?? 0);
}

/** Timeline events after `afterId`, for live report pages (no payloads: the page re-reads). */
export async function liveEventsAfter(
  exec: Executor,
  afterId: number,
  limit: number,
): Promise<{ id: number; reportId: string; type: string; toStatus: string | null; isPublic: boolean }[]> {
  const rows = await queryRows<{
    id: number | string;
    reportId: string;
    type: string;
    toStatus: string | null;
    isPublic: boolean;
  }>(
    exec,
    sql`SELECT id, report_id AS "reportId", type, to_status AS "toStatus", is_public AS "isPublic"
        FROM report_events WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
