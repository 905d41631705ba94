/** The knowledge base (articles, search, feedback, review reminders): the public entry of the module. */
export { knowledgeRoutes } from './knowledge.routes.ts';
export type { ArticleInput } from './knowledge.schemas.ts';
export { seedArticle, seedPublishedArticles } from './knowledge.service.ts';
export { type ReviewReminderDeps, runReviewReminders } from './review-reminder.service.ts';
export { searchKnowledge } from './search.service.ts';
