import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { ArticleLocale } from '../../db/schema/knowledge.ts';

/** Similarity a known word needs to stand in for a misspelt one (pg_trgm, 0..1). */
const TYPO_SIMILARITY = 0.4;

/**
 * For each query word the articles never use, the closest word they do use (or null). One statement:
 * the trigram index finds the candidates, `<->` orders them by distance.
 */
export async function nearestKnownWords(
  exec: Executor,
  words: readonly string[],
): Promise<{ word: string; nearest: string | null }[]> {
  if (words.length === 0) return [];
  return queryRows(
    exec,
    sql`SELECT w.word,
          (SELECT t.word FROM knowledge_terms t
            WHERE t.word % w.word AND similarity(t.word, w.word) >= ${TYPO_SIMILARITY}
            ORDER BY t.word <-> w.word, t.word LIMIT 1) AS nearest
        FROM unnest(${sql.param([...words])}::text[]) AS w(word)
        WHERE NOT EXISTS (SELECT 1 FROM knowledge_terms t WHERE t.word = w.word)`,
  );
}

/** The lexemes of words as the articles' own configurations stem them (Russian or English). */
export async function lexemesOf(
  exec: Executor,
  russian: readonly string[],
  english: readonly string[],
): Promise<string[]> {
  if (russian.length + english.length === 0) return [];
  const rows = await queryRows<{ lexeme: string }>(
    exec,
    sql`SELECT DISTINCT l AS lexeme FROM (
          SELECT unnest(ts_lexize('russian_stem', w)) AS l FROM unnest(${sql.param([...russian])}::text[]) w
          UNION ALL
          SELECT unnest(ts_lexize('english_stem', w)) FROM unnest(${sql.param([...english])}::text[]) w
        ) s WHERE l IS NOT NULL AND l <> ''`,
  );
  return rows.map((r) => r.lexeme);
}

export type SearchFilter = {
  locale?: ArticleLocale | undefined;
  category?: string | undefined;
  territory?: string | undefined;
};

// Private-use characters mark the matched words in ts_headline's output; the service escapes the
// text and turns them into <mark> (the body may contain "<" that must stay text).
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const headlineOptions = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Published articles matching an OR-query of lexemes, best first: ts_rank over the weighted vector
 * (title A, body B) normalised by length, so a short article about exactly this outranks a long one
 * that mentions it. The snippet is cut only for the rows returned.
 */
export async function searchArticles(
  exec: Executor,
  tsquery: string,
  f: SearchFilter,
  limit: number,
): Promise<{ id: string; title: string; snippet: string; score: number }[]> {
  const where: SQL[] = [sql`a.status = 'published'`, sql`a.search @@ q.query`];
  if (f.locale) where.push(sql`a.locale = ${f.locale}`);
  if (f.category)
    where.push(sql`(EXISTS (SELECT 1 FROM knowledge_article_categories ac
        WHERE ac.article_id = a.id AND ac.category_id = ${f.category})
      OR NOT EXISTS (SELECT 1 FROM knowledge_article_categories ac WHERE ac.article_id = a.id))`);
  if (f.territory)
    where.push(sql`(NOT EXISTS (SELECT 1 FROM knowledge_article_territories at WHERE at.article_id = a.id)
      OR EXISTS (SELECT 1 FROM knowledge_article_territories at JOIN territories t ON t.id = at.territory_id
        WHERE at.article_id = a.id AND (t.id = ${f.territory} OR t.kind = 'region')))`);
  return queryRows(
    exec,
    sql`WITH q AS (SELECT to_tsquery('simple', ${tsquery}) AS query),
        best AS (
          SELECT a.id, a.title, a.locale, a.body_plain, q.query,
            ts_rank('{0.1, 0.2, 0.4, 1.0}', a.search, q.query, 1) AS score
          FROM knowledge_articles a, q
          WHERE ${sql.join(where, sql` AND `)}
          ORDER BY score DESC, a.id
          LIMIT ${limit})
        SELECT id, title, round(score::numeric, 5)::float8 AS score,
          ts_headline(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END,
            body_plain, query, ${headlineOptions}) AS snippet
        FROM best ORDER BY score DESC, id`,
  );
}
