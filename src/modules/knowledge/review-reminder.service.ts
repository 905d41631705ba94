import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import type { NotificationsRuntime } from '../notifications/index.ts';
import { claimReminder, reminderCandidates, setReminderEmailStatus } from './knowledge.repo.ts';
import { localDay } from './knowledge.service.ts';
import { reviewReminderEmail } from './review-reminder.template.ts';

export type ReviewReminderDeps = {
  db: Db;
  clock: Clock;
  mailer: NotificationsRuntime['mailer'];
  baseUrl: string;
};

/**
 * Reminds the last editor of every published article whose review date has come: one reminder per
 * (article, review date), claimed before the mail goes, so a second or late run sends nothing twice.
 * The reminder is also the editor's in-app list (GET /api/v1/knowledge/reminders).
 */
export async function runReviewReminders(deps: ReviewReminderDeps): Promise<{ reminded: number }> {
  const now = deps.clock.now();
  const candidates = await reminderCandidates(deps.db, localDay(now));
  let reminded = 0;
  for (const c of candidates) {
    const claimed = await claimReminder(deps.db, {
      articleId: c.articleId,
      reviewBy: c.reviewBy,
      editorId: c.editorId,
      now,
    });
    if (!claimed) continue;
    reminded += 1;
    if (!deps.mailer || !c.editorEmail) continue;
    const email = reviewReminderEmail(
      {
        title: c.title,
        reviewBy: c.reviewBy,
        name: c.editorName ?? '',
        url: `${deps.baseUrl}/knowledge/${c.articleId}/edit`,
      },
      c.editorLocale ?? 'ru',
    );
    try {
      await deps.mailer.send(c.editorEmail, email);
      await setReminderEmailStatus(deps.db, c.articleId, c.reviewBy, 'sent');
    } catch {
      await setReminderEmailStatus(deps.db, c.articleId, c.reviewBy, 'failed');
    }
  }
  return { reminded };
}
