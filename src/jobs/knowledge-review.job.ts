import { type ReviewReminderDeps, runReviewReminders } from '../modules/knowledge/index.ts';
import type { JobQueue } from './queue.ts';

export const KNOWLEDGE_REVIEW_QUEUE = 'knowledge-review';

/** Every morning (Moscow time): remind editors of the articles whose review date has come. */
export async function registerKnowledgeReviewJob(queue: JobQueue, deps: ReviewReminderDeps): Promise<void> {
  await queue.createQueue(KNOWLEDGE_REVIEW_QUEUE, { name: KNOWLEDGE_REVIEW_QUEUE, policy: 'singleton' });
  await queue.schedule(KNOWLEDGE_REVIEW_QUEUE, '0 8 * * *', {}, { tz: 'Europe/Moscow' });
  await queue.work(KNOWLEDGE_REVIEW_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    await runReviewReminders(deps);
  });
}
