import { type SQL, sql } from 'drizzle-orm';
import { type Db, type Executor, queryRows } from '../../db/connection.ts';
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
    // The GiST index walks words in order of distance: the nearest one, then checked for closeness.
    sql`SELECT w.word, CASE WHEN similarity(n.word, w.word) >= ${TYPO_SIMILARITY} THEN n.word END AS nearest
        FROM unnest(${sql.param([...words])}::text[]) AS w(word)
        LEFT JOIN LATERAL (SELECT t.word FROM knowledge_terms t ORDER BY t.word <-> w.word LIMIT 1) n ON TRUE
        WHERE NOT EXISTS (SELECT 1 FROM knowledge_terms t WHERE t.word = w.word)`,
  );
}

/** The lexemes of each word as the articles' own configurations stem them (none for a stop word). */
export async function lexemesOf(
  exec: Executor,
  russian: readonly string[],
  english: readonly string[],
): Promise<{ word: string; lexeme: string }[]> {
  if (russian.length + english.length === 0) return [];
  return queryRows(
    exec,
    sql`SELECT w AS word, l AS lexeme FROM unnest(${sql.param([...russian])}::text[]) w,
          unnest(ts_lexize('russian_stem', w)) l
        UNION ALL
        SELECT w, l FROM unnest(${sql.param([...english])}::text[]) w, unnest(ts_lexize('english_stem', w)) l`,
  );
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

function filters(f: SearchFilter): SQL[] {
  const where: SQL[] = [sql`a.status = 'published'`];
  if (f.locale) where.push(sql`a.locale = ${f.locale}`);
  if (f.category)
    where.push(sql`(EXISTS (SELECT 1 FROM knowledge_article_categories ac
        WHERE ac.article_id = a.id AND ac.category_id = ${f.category})
      OR NOT EXISTS (SELECT 1 FROM knowledge_article_categories ac WHERE ac.article_id = a.id))`);
  if (f.territory)
    where.push(sql`(NOT EXISTS (SELECT 1 FROM knowledge_article_territories at WHERE at.article_id = a.id)
      OR EXISTS (SELECT 1 FROM knowledge_article_territories at JOIN territories t ON t.id = at.territory_id
        WHERE at.article_id = a.id AND (t.id = ${f.territory} OR t.kind = 'region')))`);
  return where;
}

/** Matches ranked in full (title and body); the rest are ordered by their title only. */
const SHORTLIST = 50;

export type SearchRow = { id: string; title: string; snippet: string; score: number };

/**
 * Runs the searches with sequential scans off. The planner prices a prefix match in the GIN index
 * high and a sequential scan low, not knowing that the scan reads every article's TOASTed body
 * vector: measured on 10,000 articles, 74 ms by the scan against 3 ms by the index for one query.
 */
export async function withIndexScans<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    return work(tx);
  });
}

/**
 * Published articles containing every word of the query (each as any of its forms, corrections and
 * synonyms), best first: ts_rank over the weighted vector (title A, body B) normalised by length, so
 * a short article about exactly this outranks a long one that mentions it. The GIN index finds the
 * matches, the title vector (kept in the row) shortlists them, and the snippet is cut only for the
 * rows returned.
 */
export async function searchAllWords(
  exec: Executor,
  tsquery: string,
  f: SearchFilter,
  limit: number,
): Promise<SearchRow[]> {
  return queryRows(
    exec,
    sql`WITH q AS (SELECT to_tsquery('simple', ${tsquery}) AS query),
        -- Ranking reads each match's TOASTed body vector: only the 50 best by title are ranked fully.
        shortlist AS (
          SELECT a.id FROM knowledge_articles a, q
          WHERE a.search @@ q.query AND ${sql.join(filters(f), sql` AND `)}
          ORDER BY ts_rank(a.title_search, q.query) DESC, a.id
          LIMIT ${SHORTLIST}),
        best AS (
          SELECT a.id, a.title, a.locale, a.body_plain, q.query,
            ts_rank('{0.1, 0.2, 0.4, 1.0}', a.search, q.query, 1) AS score
          FROM knowledge_articles a JOIN shortlist s ON s.id = a.id, q
          ORDER BY score DESC, a.id
          LIMIT ${limit})
        SELECT id, title, round(score::numeric, 5)::float8 AS score,
          ts_headline(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END,
            body_plain, query, ${headlineOptions}) AS snippet
        FROM best ORDER BY score DESC, id`,
  );
}

/**
 * The fallback when too few articles contain every word: titles sharing any of them, ranked by the
 * title alone (its vector stays in the row: thousands of loose matches cost no body reads).
 */
export async function searchAnyTitleWord(
  exec: Executor,
  tsquery: string,
  f: SearchFilter,
  limit: number,
  exclude: readonly string[],
): Promise<SearchRow[]> {
  return queryRows(
    exec,
    sql`WITH q AS (SELECT to_tsquery('simple', ${tsquery}) AS query),
        best AS (
          SELECT a.id, a.title, a.locale, a.body_plain, q.query, ts_rank(a.title_search, q.query, 1) AS score
          FROM knowledge_articles a, q
          WHERE a.title_search @@ q.query AND NOT (a.id = ANY(${sql.param([...exclude])}::uuid[]))
            AND ${sql.join(filters(f), sql` AND `)}
          ORDER BY score DESC, a.id
          LIMIT ${limit})
        SELECT id, title, round(score::numeric, 5)::float8 AS score,
          ts_headline(CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'russian'::regconfig END,
            body_plain, query, ${headlineOptions}) AS snippet
        FROM best ORDER BY score DESC, id`,
  );
}
