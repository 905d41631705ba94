import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type Locale } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './notifications.repo.ts';
import type {
  ListNotificationsQuery,
  Notification,
  NotificationList,
  Preferences,
  UpdatePreferences,
} from './notifications.schemas.ts';
import { notificationTitle } from './templates.ts';
import { topicLink, topicTitle } from './topics.ts';

export type NotificationsDeps = {
  db: Db;
  clock: Clock;
  /** Whether e-mail can be sent at all (an SMTP server is configured). */
  emailAvailable: boolean;
  /** Told when a person's unread count changes on this node (live counters). */
  onUnreadChanged?: (userId: string) => void;
};

export function presentNotification(row: repo.NotificationRow, locale: Locale): Notification {
  const report =
    row.reportId !== null && row.reportNumber !== null
      ? { id: row.reportId, number: row.reportNumber }
      : null;
  return {
    id: row.id,
    type: row.type,
    message: report
      ? notificationTitle(
          { type: row.type, reportNumber: report.number, toStatus: row.toStatus, actorRole: row.actorRole },
          locale,
        )
      : topicTitle(row.topic ?? '', row.subjectTitle ?? '', locale),
    report,
    link: report ? `/reports/${report.id}` : (row.link ?? topicLink(row.topic ?? '', row.subjectId ?? '')),
    status: row.toStatus,
    audience: row.audience,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** Only ever the caller's own notifications: there is no way to name another person's. */
export async function listMine(
  deps: NotificationsDeps,
  actor: Actor,
  query: ListNotificationsQuery,
  locale: Locale,
): Promise<NotificationList> {
  const [rows, total, unread] = await Promise.all([
    repo.listForUser(deps.db, actor.id, {
      unreadOnly: query.unread,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.countForUser(deps.db, actor.id, query.unread),
    repo.countForUser(deps.db, actor.id, true),
  ]);
  return {
    items: rows.map((r) => presentNotification(r, locale)),
    total,
    unread,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function unreadCount(deps: NotificationsDeps, actor: Actor): Promise<number> {
  return repo.countForUser(deps.db, actor.id, true);
}

/**
 * Marks the given notifications read. Every id must be the caller's own, else nothing changes and
 * each unknown one is listed (another person's notification answers exactly like a missing one).
 */
export async function markRead(
  deps: NotificationsDeps,
  actor: Actor,
  ids: number[],
): Promise<{ marked: number; unread: number }> {
  const wanted = [...new Set(ids)];
  const marked = await deps.db.transaction(async (tx) => {
    const owned = new Set(await repo.ownedIds(tx, actor.id, wanted));
    const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !owned.has(id));
    if (missing.length > 0)
      throw new AppError(
        'notification_not_found',
        missing.map(({ i }) => ({ path: `ids.${i}`, message: 'notification_not_found' })),
      );
    return repo.markRead(tx, actor.id, wanted, deps.clock.now());
  });
  deps.onUnreadChanged?.(actor.id);
  return { marked: marked.length, unread: await unreadCount(deps, actor) };
}

export async function markAllRead(
  deps: NotificationsDeps,
  actor: Actor,
): Promise<{ marked: number; unread: number }> {
  const marked = await repo.markAllRead(deps.db, actor.id, deps.clock.now());
  deps.onUnreadChanged?.(actor.id);
  return { marked, unread: 0 };
}

export async function getPreferences(deps: NotificationsDeps, actor: Actor): Promise<Preferences> {
  const [prefs, language] = await Promise.all([
    repo.findPreferences(deps.db, actor.id),
    repo.findLocale(deps.db, actor.id),
  ]);
  return { email: prefs?.email ?? true, language, emailAvailable: deps.emailAvailable };
}

/** Turning e-mail off also stops the e-mails still waiting to be sent. */
export async function updatePreferences(
  deps: NotificationsDeps,
  actor: Actor,
  body: UpdatePreferences,
): Promise<Preferences> {
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    if (body.email !== undefined) {
      await repo.savePreferences(tx, actor.id, { email: body.email }, now);
      if (!body.email) await repo.cancelPendingEmails(tx, actor.id);
    }
    if (body.language !== undefined) await repo.setLocale(tx, actor.id, body.language);
  });
  return getPreferences(deps, actor);
}
