import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { articleLocales, articleStatuses } from '../../modules/knowledge/knowledge.schemas.ts';
import { users } from './identity.ts';
import { categories, territories } from './reference.ts';
import { tsvector } from './types.ts';

export type { ArticleLocale, ArticleStatus } from '../../modules/knowledge/knowledge.schemas.ts';

/**
 * A knowledge-base article in one language (a translation is another article pointing at its original).
 * `search` is derived by PostgreSQL: the title weighs A, the plain text of the body B, stemmed with the
 * article's own language (`russian` or `english`).
 */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locale: text('locale', { enum: articleLocales }).notNull(),
    translationOf: uuid('translation_of').references((): AnyPgColumn => knowledgeArticles.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    /** Markdown as written (checked by markdownText). */
    body: text('body').notNull(),
    /** The body's rendered text without markup: what search stems and snippets quote. */
    bodyPlain: text('body_plain').notNull(),
    status: text('status', { enum: articleStatuses }).notNull(),
    lastReviewedOn: date('last_reviewed_on'),
    reviewBy: date('review_by'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END, title), 'A') || setweight(to_tsvector(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END, body_plain), 'B')`,
      ),
    /**
     * The title alone: small enough to stay inside the row, so ranking thousands of loose matches by
     * it never reads the (TOASTed) vector of the whole body.
     */
    titleSearch: tsvector('title_search')
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END, title)`,
      ),
  },
  (t) => [
    index('knowledge_articles_search_gin').using('gin', t.search),
    index('knowledge_articles_title_search_gin').using('gin', t.titleSearch),
    index('knowledge_articles_review_idx').on(t.status, t.reviewBy),
  ],
);

export const knowledgeArticleCategories = pgTable(
  'knowledge_article_categories',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.categoryId] }),
    index('knowledge_ac_category_idx').on(t.categoryId),
  ],
);

/** Where an article applies; an article without rows applies to the whole region. */
export const knowledgeArticleTerritories = pgTable(
  'knowledge_article_territories',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.territoryId] })],
);

/** Every saved state of an article, the current one included (version n is what the n-th save stored). */
export const knowledgeArticleVersions = pgTable(
  'knowledge_article_versions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: articleStatuses }).notNull(),
    categoryIds: uuid('category_ids').array().notNull(),
    territoryIds: uuid('territory_ids').array().notNull(),
    lastReviewedOn: date('last_reviewed_on'),
    reviewBy: date('review_by'),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/** Every word of the published articles, for correcting a misspelt query word (pg_trgm). */
export const knowledgeTerms = pgTable('knowledge_terms', { word: text('word').primaryKey() }, (t) => [
  // GiST, not GIN: it answers "the nearest word" (`ORDER BY word <-> $1 LIMIT 1`) from the index.
  index('knowledge_terms_trgm').using('gist', t.word.op('gist_trgm_ops')),
]);

/** "This answered my question" / "no", from the report form or the article page. */
export const knowledgeFeedback = pgTable(
  'knowledge_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    source: text('source', { enum: ['report_form', 'article'] }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('knowledge_feedback_article_idx').on(t.articleId, t.helpful)],
);

/** Searches that found nothing, folded by their normalised text. */
export const knowledgeMissedSearches = pgTable('knowledge_missed_searches', {
  query: text('query').primaryKey(),
  count: integer('count').notNull(),
  firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
});

/** One reminder per (article, review-by date): the job's idempotency key and the editor's in-app list. */
export const knowledgeReviewReminders = pgTable(
  'knowledge_review_reminders',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    reviewBy: date('review_by').notNull(),
    editorId: uuid('editor_id').references(() => users.id, { onDelete: 'set null' }),
    emailStatus: text('email_status', { enum: ['sent', 'failed', 'off'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.reviewBy] })],
);
