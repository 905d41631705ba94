import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';
import { categories, organisations } from './reference.ts';
import { answers } from './reports.ts';

/**
 * Answer templates of an organisation, optionally for one category (a subject or a whole topic).
 * The text may hold placeholders ({number}, {address}, …) that are filled in for a given report.
 */
export const answerTemplates = pgTable(
  'answer_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Null: for every category the organisation answers. */
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('answer_templates_org_idx').on(t.organisationId, t.categoryId)],
);

export type AnswerFlagRecord = {
  code: string;
  /** Evidence for the reviewer: the numbers of similar reports, the best similarity. */
  reportNumbers?: number[];
  similarity?: number;
};

/**
 * Likely non-answers ("отписки") found when an answer went to review: shown to the reviewer only,
 * never to the public. One row per answer, replaced at each submission.
 */
export const answerQualityChecks = pgTable('answer_quality_checks', {
  answerId: uuid('answer_id')
    .primaryKey()
    .references(() => answers.id, { onDelete: 'cascade' }),
  flags: jsonb('flags').$type<AnswerFlagRecord[]>().notNull().default([]),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
