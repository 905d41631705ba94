import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { ArticleLocale, ArticleStatus } from '../../db/schema/knowledge.ts';

/** The stored fields of an article that a save writes. */
export type ArticleFields = {
  locale: ArticleLocale;
  translationOf: string | null;
  title: string;
  body: string;
  bodyPlain: string;
  status: ArticleStatus;
  lastReviewedOn: string | null;
  reviewBy: string | null;
};

export type ArticleRow = ArticleFields & {
  id: string;
  version: number;
  createdBy: string | null;
  updatedBy: string | null;
  updatedAt: Date;
  publishedAt: Date | null;
};

const articleColumns = sql`a.id, a.locale, a.translation_of AS "translationOf", a.title, a.body,
  a.body_plain AS "bodyPlain", a.status, a.last_reviewed_on::text AS "lastReviewedOn",
  a.review_by::text AS "reviewBy", a.version, a.created_by AS "createdBy", a.updated_by AS "updatedBy",
  a.updated_at AS "updatedAt", a.published_at AS "publishedAt"`;

const uuidArray = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

export async function insertArticle(
  exec: Executor,
  f: ArticleFields,
  actorId: string | null,
  now: Date,
): Promise<string> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`INSERT INTO knowledge_articles (locale, translation_of, title, body, body_plain, status,
          last_reviewed_on, review_by, version, created_by, updated_by, created_at, updated_at, published_at)
        VALUES (${f.locale}, ${f.translationOf}, ${f.title}, ${f.body}, ${f.bodyPlain}, ${f.status},
          ${f.lastReviewedOn}::date, ${f.reviewBy}::date, 1, ${actorId}, ${actorId}, ${now}, ${now},
          ${f.status === 'published' ? now : null})
        RETURNING id`,
  );
  return rows[0]!.id;
}

/** Writes the next version when the stored one is still `expectedVersion`; false when it is not. */
export async function updateArticle(
  exec: Executor,
  id: string,
  expectedVersion: number,
  f: ArticleFields,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`UPDATE knowledge_articles SET locale = ${f.locale}, translation_of = ${f.translationOf},
          title = ${f.title}, body = ${f.body}, body_plain = ${f.bodyPlain}, status = ${f.status},
          last_reviewed_on = ${f.lastReviewedOn}::date, review_by = ${f.reviewBy}::date,
          version = version + 1, updated_by = ${actorId}, updated_at = ${now},
          published_at = CASE WHEN ${f.status} = 'published' THEN coalesce(published_at, ${now}::timestamptz) END
        WHERE id = ${id} AND version = ${expectedVersion}
        RETURNING id`,
  );
  return rows.length === 1;
}

export async function replaceLinks(
  exec: Executor,
  articleId: string,
  categoryIds: readonly string[],
  territoryIds: readonly string[],
): Promise<void> {
  await exec.execute(sql`DELETE FROM knowledge_article_categories WHERE article_id = ${articleId}`);
  await exec.execute(sql`DELETE FROM knowledge_article_territories WHERE article_id = ${articleId}`);
  if (categoryIds.length > 0)
    await exec.execute(sql`INSERT INTO knowledge_article_categories (article_id, category_id)
      SELECT ${articleId}, unnest(${uuidArray(categoryIds)})`);
  if (territoryIds.length > 0)
    await exec.execute(sql`INSERT INTO knowledge_article_territories (article_id, territory_id)
      SELECT ${articleId}, unnest(${uuidArray(territoryIds)})`);
}

/** Copies the article as it now stands into its history. */
export async function recordVersion(exec: Executor, articleId: string): Promise<void> {
  await exec.execute(sql`INSERT INTO knowledge_article_versions (article_id, version, title, body, status,
      category_ids, territory_ids, last_reviewed_on, review_by, edited_by, edited_at)
    SELECT a.id, a.version, a.title, a.body, a.status,
      coalesce((SELECT array_agg(category_id ORDER BY category_id) FROM knowledge_article_categories WHERE article_id = a.id), '{}'),
      coalesce((SELECT array_agg(territory_id ORDER BY territory_id) FROM knowledge_article_territories WHERE article_id = a.id), '{}'),
      a.last_reviewed_on, a.review_by, a.updated_by, a.updated_at
    FROM knowledge_articles a WHERE a.id = ${articleId}`);
}

/** Which of the given ids exist, per referenced table. */
export async function missingReferences(
  exec: Executor,
  refs: { categoryIds: readonly string[]; territoryIds: readonly string[]; articleIds: readonly string[] },
): Promise<{ categories: string[]; territories: string[]; articles: string[] }> {
  const missing = (table: string, ids: readonly string[]) =>
    sql`coalesce((SELECT array_agg(i) FROM unnest(${uuidArray(ids)}) i
      WHERE NOT EXISTS (SELECT 1 FROM ${sql.identifier(table)} t WHERE t.id = i)), '{}')::text[]`;
  const rows = await queryRows<{ categories: string[]; territories: string[]; articles: string[] }>(
    exec,
    sql`SELECT ${missing('categories', refs.categoryIds)} AS categories,
          ${missing('territories', refs.territoryIds)} AS territories,
          ${missing('knowledge_articles', refs.articleIds)} AS articles`,
  );
  return rows[0]!;
}

export async function findArticle(exec: Executor, id: string): Promise<ArticleRow | undefined> {
  const rows = await queryRows<ArticleRow>(
    exec,
    sql`SELECT ${articleColumns} FROM knowledge_articles a WHERE a.id = ${id}`,
  );
  return rows[0];
}

export type NamedRef = { id: string; nameRu: string; nameEn: string };

export async function articleLinks(
  exec: Executor,
  id: string,
): Promise<{ categories: NamedRef[]; territories: NamedRef[] }> {
  const [categories, territories] = await Promise.all([
    queryRows<NamedRef>(
      exec,
      sql`SELECT c.id, c.name_ru AS "nameRu", c.name_en AS "nameEn" FROM knowledge_article_categories ac
          JOIN categories c ON c.id = ac.category_id WHERE ac.article_id = ${id} ORDER BY c.name_ru`,
    ),
    queryRows<NamedRef>(
      exec,
      sql`SELECT t.id, t.name_ru AS "nameRu", t.name_en AS "nameEn" FROM knowledge_article_territories at
          JOIN territories t ON t.id = at.territory_id WHERE at.article_id = ${id} ORDER BY t.name_ru`,
    ),
  ]);
  return { categories, territories };
}

/** The original and its other translations (published only unless `drafts`). */
export async function translationsOf(
  exec: Executor,
  article: { id: string; translationOf: string | null },
  drafts: boolean,
): Promise<{ id: string; locale: ArticleLocale; title: string }[]> {
  const root = article.translationOf ?? article.id;
  return queryRows(
    exec,
    sql`SELECT id, locale, title FROM knowledge_articles
        WHERE (id = ${root} OR translation_of = ${root}) AND id <> ${article.id}
          AND (${drafts} OR status = 'published')
        ORDER BY locale`,
  );
}

export type ArticleListFilter = {
  status?: ArticleStatus | undefined;
  category?: string | undefined;
  locale?: ArticleLocale | undefined;
  /** One article per original and its translations: the one in this language, else the others. */
  language?: ArticleLocale | undefined;
  reviewDueOn?: string | undefined;
};

/** The list's filters but the reader's language, on the articles named `alias` (`a` or `t`). */
function articleFilters(alias: 'a' | 't', f: ArticleListFilter): SQL[] {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  const where: SQL[] = [];
  if (f.status) where.push(sql`${col('status')} = ${f.status}`);
  if (f.locale) where.push(sql`${col('locale')} = ${f.locale}`);
  if (f.category)
    where.push(sql`EXISTS (SELECT 1 FROM knowledge_article_categories ac
      WHERE ac.article_id = ${col('id')} AND ac.category_id = ${f.category})`);
  if (f.reviewDueOn) where.push(sql`${col('review_by')} <= ${f.reviewDueOn}::date`);
  return where;
}

export async function listArticles(exec: Executor, f: ArticleListFilter) {
  const where: SQL[] = [sql`TRUE`, ...articleFilters('a', f)];
  // An article and its translations share the original's id (translation_of, or its own). Left out:
  // an article in another language when a version in the reader's passes the same filters. The
  // article's own language is tested inside the NOT EXISTS, not beside it with an OR: so PostgreSQL
  // plans one hash anti-join, not a scan of the table per article (3.9 s → 9 ms at 10,000 articles).
  if (f.language) {
    const versionInLanguage = [
      sql`a.locale <> ${f.language}`,
      sql`t.locale = ${f.language}`,
      sql`t.id <> a.id`,
      sql`coalesce(t.translation_of, t.id) = coalesce(a.translation_of, a.id)`,
      ...articleFilters('t', f),
    ];
    where.push(sql`NOT EXISTS (
      SELECT 1 FROM knowledge_articles t WHERE ${sql.join(versionInLanguage, sql` AND `)})`);
  }
  return queryRows<{
    id: string;
    locale: ArticleLocale;
    title: string;
    status: ArticleStatus;
    reviewBy: string | null;
    lastReviewedOn: string | null;
    updatedAt: Date;
    categoryIds: string[];
  }>(
    exec,
    sql`SELECT a.id, a.locale, a.title, a.status, a.review_by::text AS "reviewBy",
          a.last_reviewed_on::text AS "lastReviewedOn", a.updated_at AS "updatedAt",
          coalesce((SELECT array_agg(category_id) FROM knowledge_article_categories WHERE article_id = a.id), '{}') AS "categoryIds"
        FROM knowledge_articles a WHERE ${sql.join(where, sql` AND `)}
        ORDER BY a.title LIMIT 500`,
  );
}

export async function listVersions(exec: Executor, articleId: string) {
  return queryRows<{
    version: number;
    title: string;
    body: string;
    status: ArticleStatus;
    categoryIds: string[];
    territoryIds: string[];
    lastReviewedOn: string | null;
    reviewBy: string | null;
    editorId: string | null;
    editorName: string | null;
    editedAt: Date;
  }>(
    exec,
    sql`SELECT v.version, v.title, v.body, v.status, v.category_ids AS "categoryIds",
          v.territory_ids AS "territoryIds", v.last_reviewed_on::text AS "lastReviewedOn",
          v.review_by::text AS "reviewBy", v.edited_by AS "editorId", u.name AS "editorName",
          v.edited_at AS "editedAt"
        FROM knowledge_article_versions v LEFT JOIN users u ON u.id = v.edited_by
        WHERE v.article_id = ${articleId} ORDER BY v.version DESC`,
  );
}

/** Remembers the words of a published text for typo correction (they are never removed: harmless). */
export async function addTerms(exec: Executor, words: readonly string[]): Promise<void> {
  if (words.length === 0) return;
  await exec.execute(sql`INSERT INTO knowledge_terms (word)
    SELECT DISTINCT unnest(${sql.param([...words])}::text[]) ON CONFLICT DO NOTHING`);
}

export async function insertFeedback(
  exec: Executor,
  f: {
    articleId: string;
    helpful: boolean;
    source: 'report_form' | 'article';
    userId: string | null;
    now: Date;
  },
): Promise<void> {
  await exec.execute(sql`INSERT INTO knowledge_feedback (article_id, helpful, source, user_id, created_at)
    VALUES (${f.articleId}, ${f.helpful}, ${f.source}, ${f.userId}, ${f.now})`);
}

export async function feedbackStats(exec: Executor, since: Date) {
  return queryRows<{ id: string; title: string; deflected: number; helpful: number; notHelpful: number }>(
    exec,
    sql`SELECT a.id, a.title,
          count(*) FILTER (WHERE f.helpful AND f.source = 'report_form')::int AS deflected,
          count(*) FILTER (WHERE f.helpful)::int AS helpful,
          count(*) FILTER (WHERE NOT f.helpful)::int AS "notHelpful"
        FROM knowledge_feedback f JOIN knowledge_articles a ON a.id = f.article_id
        WHERE f.created_at >= ${since}
        GROUP BY a.id, a.title ORDER BY deflected DESC, helpful DESC, a.title LIMIT 100`,
  );
}

export async function recordMissedSearch(exec: Executor, query: string, now: Date): Promise<void> {
  await exec.execute(sql`INSERT INTO knowledge_missed_searches (query, count, first_at, last_at)
    VALUES (${query}, 1, ${now}, ${now})
    ON CONFLICT (query) DO UPDATE SET count = knowledge_missed_searches.count + 1, last_at = EXCLUDED.last_at`);
}

export async function missedSearches(exec: Executor) {
  return queryRows<{ query: string; count: number; lastAt: Date }>(
    exec,
    sql`SELECT query, count, last_at AS "lastAt" FROM knowledge_missed_searches
        ORDER BY count DESC, last_at DESC LIMIT 100`,
  );
}

/** Published articles whose review date has come (on or before `today`, a local date). */
export async function reviewDue(exec: Executor, today: string) {
  return queryRows<{ id: string; title: string; reviewBy: string }>(
    exec,
    sql`SELECT id, title, review_by::text AS "reviewBy" FROM knowledge_articles
        WHERE status = 'published' AND review_by <= ${today}::date ORDER BY review_by, title LIMIT 200`,
  );
}

export type ReminderCandidate = {
  articleId: string;
  title: string;
  reviewBy: string;
  editorId: string | null;
  editorEmail: string | null;
  editorName: string | null;
  editorLocale: 'ru' | 'en' | null;
};

/** Published articles due for review on `today` or before whose reminder for that date is not written. */
export async function reminderCandidates(exec: Executor, today: string): Promise<ReminderCandidate[]> {
  return queryRows(
    exec,
    sql`SELECT a.id AS "articleId", a.title, a.review_by::text AS "reviewBy", u.id AS "editorId",
          u.email AS "editorEmail", u.name AS "editorName", u.locale AS "editorLocale"
        FROM knowledge_articles a
        LEFT JOIN users u ON u.id = coalesce(a.updated_by, a.created_by)
        WHERE a.status = 'published' AND a.review_by <= ${today}::date
          AND NOT EXISTS (SELECT 1 FROM knowledge_review_reminders r
            WHERE r.article_id = a.id AND r.review_by = a.review_by)
        ORDER BY a.review_by, a.id LIMIT 500`,
  );
}

/** Claims the reminder (true) unless another run wrote it first. */
export async function claimReminder(
  exec: Executor,
  c: { articleId: string; reviewBy: string; editorId: string | null; now: Date },
): Promise<boolean> {
  const rows = await queryRows<{ articleId: string }>(
    exec,
    sql`INSERT INTO knowledge_review_reminders (article_id, review_by, editor_id, email_status, created_at)
        VALUES (${c.articleId}, ${c.reviewBy}::date, ${c.editorId}, 'off', ${c.now})
        ON CONFLICT DO NOTHING RETURNING article_id AS "articleId"`,
  );
  return rows.length === 1;
}

export async function setReminderEmailStatus(
  exec: Executor,
  articleId: string,
  reviewBy: string,
  status: 'sent' | 'failed' | 'off',
): Promise<void> {
  await exec.execute(sql`UPDATE knowledge_review_reminders SET email_status = ${status}
    WHERE article_id = ${articleId} AND review_by = ${reviewBy}::date`);
}

/** The reminders an editor has had, newest first (their in-app list). */
export async function remindersOf(exec: Executor, editorId: string) {
  return queryRows<{ articleId: string; title: string; reviewBy: string; createdAt: Date }>(
    exec,
    sql`SELECT r.article_id AS "articleId", a.title, r.review_by::text AS "reviewBy", r.created_at AS "createdAt"
        FROM knowledge_review_reminders r JOIN knowledge_articles a ON a.id = r.article_id
        WHERE r.editor_id = ${editorId} ORDER BY r.created_at DESC LIMIT 50`,
  );
}

/** Many published articles in one statement (the benchmark's 10,000), without categories or history. */
export async function insertPublishedArticles(
  exec: Executor,
  rows: readonly { locale: ArticleLocale; title: string; body: string; bodyPlain: string }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await exec.execute(sql`INSERT INTO knowledge_articles (locale, title, body, body_plain, status, created_at, updated_at, published_at)
    SELECT i.locale, i.title, i.body, i.body_plain, 'published', ${now}, ${now}, ${now}
    FROM unnest(${sql.param(rows.map((r) => r.locale))}::text[], ${sql.param(rows.map((r) => r.title))}::text[],
      ${sql.param(rows.map((r) => r.body))}::text[], ${sql.param(rows.map((r) => r.bodyPlain))}::text[])
      AS i(locale, title, body, body_plain)`);
}
