import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { type NoticeEmail, renderNoticeEmail } from './notice-email.ts';
import * as repo from './subscriptions.repo.ts';

export type NoticeAlertsDeps = {
  db: Db;
  clock: Clock;
  /** The notifications module's mailer; null: no SMTP server, alerts are in-app only. */
  mailer: { send(to: string, email: NoticeEmail): Promise<void> } | null;
  /** Where links in e-mails point. */
  baseUrl: string;
};

const EVENT_BATCH = 100;
const EMAIL_BATCH = 100;
/** After this many failed attempts an alert's e-mail is given up (the in-app alert stays). */
export const MAX_ALERT_EMAIL_ATTEMPTS = 5;

/**
 * Tells subscribers about notices that started, changed or ended where they live: each due event
 * becomes one in-app alert per person whose place meets the notice's area (with the e-mail queued),
 * and is marked dispatched in the same transaction, so a second run writes nothing new. Then the
 * queued e-mails go out, each in its reader's language.
 */
export async function dispatchNoticeAlerts(
  deps: NoticeAlertsDeps,
): Promise<{ events: number; alerts: number; sent: number; failed: number }> {
  let events = 0;
  let alerts = 0;
  for (;;) {
    const taken = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const due = await repo.claimDueEvents(tx, now, EVENT_BATCH);
      for (const e of due) {
        alerts += await repo.insertAlerts(tx, e, now, deps.mailer !== null);
        await repo.markDispatched(tx, e.id, now);
      }
      return due.length;
    });
    events += taken;
    if (taken < EVENT_BATCH) break;
  }
  return { events, alerts, ...(await sendAlertEmails(deps)) };
}

async function sendAlertEmails(deps: NoticeAlertsDeps): Promise<{ sent: number; failed: number }> {
  if (!deps.mailer) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  const base = deps.baseUrl.replace(/\/$/, '');
  for (const m of await repo.claimPendingAlertEmails(deps.db, EMAIL_BATCH)) {
    const email = renderNoticeEmail(m, m.locale, {
      notice: `${base}/notices/${m.noticeId}`,
      settings: `${base}/notices/subscriptions`,
    });
    try {
      await deps.mailer.send(m.email, email);
      await repo.setAlertEmailStatus(deps.db, m.id, 'sent');
      sent++;
    } catch {
      failed++;
      await repo.setAlertEmailStatus(
        deps.db,
        m.id,
        m.attempts >= MAX_ALERT_EMAIL_ATTEMPTS ? 'failed' : 'pending',
      );
    }
  }
  return { sent, failed };
}
