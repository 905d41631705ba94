import { sql } from 'drizzle-orm';
import { runNotifications } from '../../src/jobs/notifications.job.ts';
import { notificationsRuntime } from '../../src/modules/notifications/runtime.ts';
import type { Session, TestApp } from './app.ts';
import { rows } from './reports.ts';

/** One dispatcher run, exactly as the job does it. */
export function dispatch(t: TestApp) {
  return runNotifications(notificationsRuntime(t.app.ctx));
}

export type NotificationJson = {
  id: number;
  type: string;
  message: string;
  report: { id: string; number: number };
  status: string | null;
  link: string;
  audience: string;
  createdAt: string;
  readAt: string | null;
};

export async function myNotifications(
  t: TestApp,
  who: Session,
  query = '',
  language = 'ru',
): Promise<{ items: NotificationJson[]; total: number; unread: number }> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/notifications?pageSize=100&${query}`,
    headers: { ...who.headers, 'accept-language': language },
  });
  if (res.statusCode !== 200) throw new Error(`notifications: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function follow(t: TestApp, reportId: string, who: Session): Promise<void> {
  await rows(
    t,
    sql`INSERT INTO report_followers (report_id, user_id, reason) VALUES (${reportId}, ${who.userId}, 'subscriber')`,
  );
}
