import { type SQL, sql } from 'drizzle-orm';
import { buildStatement, type Executor, queryBuiltRows } from '../../db/connection.ts';
import { publiclyListed } from '../../db/schema/reports.ts';
import { perDatabase, TtlCache } from '../../lib/ttl-cache.ts';

/**
 * The text search of the report lists (`q`), over the stored vector `reports.search` (the text's
 * Russian stems, a generated column with its GIN index `reports_search_gin`): matching, recheck and
 * ranking read the vector as stored and never stem a report's text again. See docs/performance.md,
 * "Lists and search at 1,000,000 reports".
 */

/**
 * A text search ranks the newest matches up to this many in each visibility branch (the GIN index or
 * the newest-first scan finds them) and counts within them: beyond, its total says "more than".
 */
export const SEARCH_WINDOW = 200;

/** Where a search page starts when it is continued with a cursor: after this rank, time and number. */
export type SearchAfter = { at: string; n: number; rank?: number };

const tsQuery = (q: string) => sql`websearch_to_tsquery('russian', ${q})`;
/** A search that is a whole number also finds the report with that public number. */
const numberIn = (q: string) => (/^\d{1,15}$/.test(q) ? Number(q) : null);

/**
 * Public reports as they are; others with numbers and e-mail addresses left out (a superset of what
 * maskContacts hides): what a reader who sees them masked (the analyst) may match.
 */
const MASKED_TEXT = "regexp_replace(r.text, '[^[:space:]]+@[^[:space:]]+|[0-9]+', ' ', 'g')";

/**
 * The search's conditions: the stored vector matches (the GIN index), or the report's public number
 * was typed. A masked reader matches a report that is not public only by its text as they see it
 * (digits and addresses masked out), stemmed here for those rows only: never by what is hidden.
 */
export function searchConditions(q: string, masked: boolean): SQL[] {
  const n = numberIn(q);
  const fts = sql`r.search @@ ${tsQuery(q)}`;
  const match = n === null ? fts : sql`(${fts} OR r.number = ${n})`;
  if (!masked) return [match];
  return [
    match,
    sql.join([
      sql.raw(`(${publiclyListed('r')} OR to_tsvector('russian', ${MASKED_TEXT}) @@ `),
      tsQuery(q),
      sql`)`,
    ]),
  ];
}

/** The rank of row `t`: ts_rank over the stored stems; the report whose number was typed comes first. */
function rankSql(q: string, t: string): SQL {
  const n = numberIn(q);
  const bonus = n === null ? sql`` : sql` + (${sql.raw(t)}.number = ${n})::int`;
  return sql`(ts_rank(${sql.raw(t)}.search, ${tsQuery(q)})${bonus})::real`;
}

/**
 * How many of a branch's newest reports a search tests row by row first (step 1, see searchBranch)…
 */
export const SEARCH_SCAN = 5000;
/**
 * …and how deep its second step looks through the GIN index before it fetches all of the branch's
 * matches. With filters (a topic, a district, a status) step 1 itself starts this deep: it then reads
 * only the filters' share of these rows, through the filters' own (column, created_at) indexes — a
 * topic's 8–9 %, about 4,300 of 50,000. Within the newest 5,000 a topic kept only ~430 reports, too
 * few for a word common in that topic to fill the window («фонарь не горит» in lighting: 195 of
 * 200), and the search fetched all 32,800 of the word's matches in the topic (170 ms at 1,000,000
 * reports). From 50,000 on, a word (and filter) that fail to fill the window have under ~4,000
 * matches in a million reports, which the last step reads in a few milliseconds.
 */
export const SEARCH_SCAN_FILTERED = 50_000;

/** A visibility branch (report-list.repo.ts); `own`: one person's own reports. */
export type SearchBranch = { where: SQL; own: boolean };

/**
 * Where a branch's steps begin (searchBranch): `near`, the creation time (UTC, microseconds) of its
 * SEARCH_SCAN-th newest report (SEARCH_SCAN_FILTERED-th with filters), and, without filters, `far`,
 * that of its SEARCH_SCAN_FILTERED-th; null where it has fewer. Kept 5 s per database, branch and
 * depth: any time is a correct cut-off (see searchBranch), a recent one only bounds a step's rows.
 * Read by an index-only scan of the branch's list index (~0.3 ms for 5,000 at 1,000,000 reports, a
 * few ms for 50,000).
 */
export type SearchCutoff = { near: string | null; far: string | null };
const cutoffs = perDatabase(() => new TtlCache<{ at: string | null }>(5_000, 1_000));

async function cutoffAt(exec: Executor, branch: SearchBranch, depth: number): Promise<string | null> {
  const statement = buildStatement(
    exec,
    sql`SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at
        FROM reports r WHERE ${branch.where}
        ORDER BY r.created_at DESC, r.number DESC OFFSET ${depth - 1} LIMIT 1`,
  );
  const cache = cutoffs.of(exec);
  const hit = cache.get(statement.key);
  if (hit) return hit.at;
  const [row] = await queryBuiltRows<{ at: string }>(exec, statement);
  const at = row?.at ?? null;
  cache.set(statement.key, { at });
  return at;
}

export async function searchCutoffs(
  exec: Executor,
  branches: SearchBranch[],
  filtered: boolean,
): Promise<SearchCutoff[]> {
  return Promise.all(
    branches.map(async (b) => {
      if (b.own) return { near: null, far: null };
      if (filtered) return { near: await cutoffAt(exec, b, SEARCH_SCAN_FILTERED), far: null };
      const [near, far] = await Promise.all([
        cutoffAt(exec, b, SEARCH_SCAN),
        cutoffAt(exec, b, SEARCH_SCAN_FILTERED),
      ]);
      return { near, far };
    }),
  );
}

/**
 * One visibility branch's newest SEARCH_WINDOW matches with their rank, in steps so that neither a
 * rare nor a common word costs more than a few thousand rows:
 * 1. the branch's reports from its `near` cut-off on (searchCutoffs) are tested against the filters
 *    and the stored vector row by row: a common word fills the window within them. With the time
 *    range known, the planner reads them through the filters' own indexes — a topic's
 *    (category, created_at) range is the topic's share of those rows;
 * 2. only when it does not, and the search has no filters, the word's GIN bitmap is intersected with
 *    the reports from the `far` cut-off on (a range of the branch's newest-first index): a word in
 *    0.4–4 % of reports fills the window there. «снег двор» (0.6 % at 1,000,000 reports) read 313
 *    matches from 399 heap pages (11–15 ms) where the last step read all 6,263 from 5,987 (28–32 ms);
 * 3. only when that does not either — a rare word, or a word and a filter that seldom meet — all the
 *    branch's matches are fetched through the GIN index (with the filters' indexes) and the newest
 *    kept.
 * Steps 2 and 3 are fenced subqueries (OFFSET 0), so that the planner chooses how to fetch their
 * matches rather than walking the newest-first index with a filter, and each is skipped at run time
 * (a one-time filter) when a step before filled the window.
 * Any cut-off gives the same answer: the rows from a time on are a prefix of the branch's newest-first
 * order, so 200 matches found there are the newest 200, and fewer send the search to the next step.
 * A branch with fewer reports than a cut-off's depth has none and skips its step.
 * Left to itself, the planner walks the newest-first index for every word (it takes the matches to be
 * spread evenly): at 1,000,000 reports a word in 0.5 % of them read 33,000 rows, and a word and a
 * topic that never meet would read the whole index.
 * A person's own branch (beside the public one: their unlisted reports, a few even for an author of
 * thousands) reads all of those (reports_author_unlisted_idx) and tests the filters and the vector on
 * them. The fence keeps the planner from intersecting them with the word's GIN bitmap or a topic's —
 * every match in the region, 62,000 and 90,000 entries for a common word and a topic at 1,000,000
 * reports (2.7 and 4 ms), where the author's 1,400 unlisted reports are read in under one.
 */
function searchBranch(
  branch: SearchBranch,
  cutoff: SearchCutoff,
  filters: SQL[],
  match: SQL[],
  q: string,
): SQL {
  const and = (parts: SQL[]) => sql.join(parts, sql` AND `);
  const ranked = (from: SQL, gate: SQL) =>
    sql`SELECT m.created_at, m.number, ${rankSql(q, 'm')} AS rank FROM (
          SELECT r.created_at, r.number, r.search FROM ${from}
          ${gate} ORDER BY r.created_at DESC, r.number DESC LIMIT ${SEARCH_WINDOW}) m`;
  const fenced = (where: SQL[]) => sql`(SELECT * FROM reports r WHERE ${and(where)} OFFSET 0) r`;
  const from = (at: string) => sql`r.created_at >= ${at}::timestamp AT TIME ZONE 'UTC'`;
  if (branch.own) return sql`(${ranked(fenced([branch.where]), sql`WHERE ${and([...filters, ...match])}`)})`;
  const allMatches = fenced([branch.where, ...filters, ...match]);
  if (cutoff.near === null) return sql`(${ranked(allMatches, sql``)})`;
  // The match tested on each row, never through an index (`IS TRUE` is not an operator an index
  // serves): seeing `search @@ …`, the planner intersected the range with the word's whole GIN bitmap
  // — 62,000 entries for a common word, the bitmap a later step builds again when it runs.
  const tested = sql`(${and(match)}) IS TRUE`;
  const short = (cte: string) => sql.raw(`(SELECT count(*) FROM ${cte}) < ${SEARCH_WINDOW}`);
  const scanned = sql`scanned AS MATERIALIZED (
      SELECT r.created_at, r.number, ${rankSql(q, 'r')} AS rank
      FROM reports r WHERE ${and([branch.where, from(cutoff.near), ...filters, tested])}
      ORDER BY r.created_at DESC, r.number DESC LIMIT ${SEARCH_WINDOW})`;
  if (cutoff.far === null)
    return sql`(WITH ${scanned}
      SELECT created_at, number, rank FROM scanned
      UNION
      (${ranked(allMatches, sql`WHERE ${short('scanned')}`)}))`;
  const windowed = fenced([branch.where, from(cutoff.far), ...filters, ...match]);
  return sql`(WITH ${scanned}, windowed AS MATERIALIZED (${ranked(windowed, sql`WHERE ${short('scanned')}`)})
    SELECT created_at, number, rank FROM scanned
    UNION
    SELECT created_at, number, rank FROM windowed
    UNION
    (${ranked(allMatches, sql`WHERE ${short('scanned')} AND ${short('windowed')}`)}))`;
}

/**
 * Best match first: each visibility branch's newest SEARCH_WINDOW matches (searchBranch), merged
 * (UNION drops a report two branches both see), counted, and cut to the page; ties newest first.
 * Returns (created_at, number, rank, matches).
 */
export function rankedSearchPage(
  branches: SearchBranch[],
  cutoffs: SearchCutoff[],
  filters: SQL[],
  q: string,
  masked: boolean,
  after: SearchAfter | null,
  offset: number,
  pageSize: number,
): SQL {
  const match = searchConditions(q, masked);
  const parts = branches.map((b, i) =>
    searchBranch(b, cutoffs[i] ?? { near: null, far: null }, filters, match, q),
  );
  const keyset = after
    ? sql`WHERE (x.rank, x.created_at, x.number) < (${after.rank ?? 0}::real, ${after.at}::timestamp AT TIME ZONE 'UTC', ${after.n})`
    : sql``;
  return sql`SELECT x.created_at, x.number, x.rank, x.matches FROM (
               SELECT c.created_at, c.number, c.rank, count(*) OVER () AS matches
               FROM (${sql.join(parts, sql` UNION `)}) c) x
             ${keyset}
             ORDER BY x.rank DESC, x.created_at DESC, x.number DESC LIMIT ${pageSize + 1} OFFSET ${offset}`;
}
