import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { publiclyListed } from '../../db/schema/reports.ts';
import { deadlineStatuses, type ReportStatus, reportStatuses } from './report-states.ts';
import { decodeReportRow, type ReportRow, reportJoins, reportRowFields } from './reports.repo.ts';

/**
 * The report lists at a region's scale (docs/performance.md, "Lists and search at 1,000,000
 * reports"). Three rules keep every list a short index scan:
 * - filters are plain column conditions: a topic or a territory is expanded to its ids before the
 *   query (expandCategory, expandTerritory), never `OR c.parent_id = …` over a join;
 * - "what may this actor see" is not one OR (which no index serves) but a UNION of branches — the
 *   public rule (the partial indexes' own predicate), the author's own, the organisation's, the
 *   curator's territory — each branch newest first and limited, merged and cut to the page;
 * - totals are counted up to TOTAL_CAP + 1 rows: exact when small, otherwise "more than TOTAL_CAP".
 */

/** Above this many matches a list says "more than …" instead of counting the whole table. */
export const TOTAL_CAP = 1000;
/** Page numbers reach this deep; deeper pages are read with the keyset cursor. */
export const MAX_OFFSET = 10_000;
/**
 * A text search ranks the newest matches up to this many (the GIN index or the newest-first scan
 * finds them; ranking reads their text) and counts within them: beyond, its total says "more than".
 */
export const SEARCH_WINDOW = 200;

export type ListVisibility =
  | { kind: 'all' }
  | {
      kind: 'scoped';
      userId: string | null;
      organisationId: string | null;
      /** The curator's territory and the territories in it. */
      territoryIds: string[] | null;
    };

export type ListFilters = {
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number } | undefined;
  statuses?: readonly ReportStatus[] | undefined;
  /** A subject, or a topic expanded to itself and its subjects. */
  categoryIds?: string[] | undefined;
  territoryIds?: string[] | undefined;
  organisationId?: string | undefined;
  authorId?: string | undefined;
  q?: string | undefined;
  /**
   * The reader sees reports that are not public masked (the analyst: contacts hidden, the point
   * coarsened): the text search and the box then match only what they see, never what is stored.
   */
  masked?: boolean | undefined;
  /** Overdue (or not) at this instant: the deadline passed while the organisation owes the answer. */
  overdue?: { at: Date; is: boolean } | undefined;
  /** Who took the report into work (the latest `started` event while it is being worked on); null: nobody. */
  assigneeId?: string | null | undefined;
};

/** Statuses in which the answer clock runs (report-states' answerClockRuns, in SQL). */
const CLOCK_RUNS = sql.raw(
  `(r.status IN (${deadlineStatuses
    .filter((s) => s !== 'answer_review')
    .map((s) => `'${s}'`)
    .join(', ')}) OR (r.status = 'answer_review' AND r.kind = 'appeal'))`,
);

/** Statuses a report is in after someone took it into work and before the answer is out. */
const WORKED_ON = sql.raw(`r.status IN ('in_progress', 'answer_drafted', 'answer_review')`);

/** The staff member who took the report into work: the actor of its latest `started` event. */
export const assigneeSql = sql`(SELECT e.actor_id FROM report_events e
  WHERE e.report_id = r.id AND e.type = 'started' ORDER BY e.id DESC LIMIT 1)`;

/** Where a page starts: after `offset` rows (page numbers), or after the row a cursor names. */
export type ListPosition = { offset: number } | { after: ListCursor };

/** The last row of a page: its time (microseconds, UTC), number, and its rank in a text search. */
export type ListCursor = { at: string; n: number; rank?: number };

const ids = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

/** A topic and its subjects (or a subject alone); empty when there is no such category. */
export async function expandCategory(exec: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM categories WHERE id = ${id} OR parent_id = ${id}`,
  );
  return rows.map((r) => r.id);
}

/** A territory and the territories directly in it (a municipality and its districts). */
export async function expandTerritory(exec: Executor, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM territories WHERE id = ${id} OR parent_id = ${id}`,
  );
  return rows.map((r) => r.id);
}

/** The visibility rule as branches whose union is what the actor may see. */
export function branches(v: ListVisibility): SQL[] {
  if (v.kind === 'all') return [sql`TRUE`];
  const out: SQL[] = [sql.raw(`(${publiclyListed('r')})`)];
  if (v.userId) out.push(sql`r.author_id = ${v.userId}`);
  if (v.organisationId) out.push(sql`r.organisation_id = ${v.organisationId}`);
  if (v.territoryIds?.length) out.push(sql`r.territory_id IN (${ids(v.territoryIds)})`);
  return out;
}

/**
 * Statuses are written as literals (each one checked against the status machine's list), so the
 * planner can match the queues' partial indexes, whose predicates name them.
 */
function statusesSql(statuses: readonly ReportStatus[]): SQL {
  const known = statuses.filter((s) => (reportStatuses as readonly string[]).includes(s));
  return known.length ? sql.raw(`r.status IN (${known.map((s) => `'${s}'`).join(', ')})`) : sql`FALSE`;
}

/** Public reports as they are; others with numbers and e-mail addresses left out (a superset of what maskContacts hides). */
const maskedText = sql.raw(
  `(CASE WHEN ${publiclyListed('r')} THEN r.text ELSE regexp_replace(r.text, '[^[:space:]]+@[^[:space:]]+|[0-9]+', ' ', 'g') END)`,
);

export function filterSql(f: ListFilters): SQL[] {
  const where: SQL[] = [];
  if (f.bbox) {
    const box = sql`ST_MakeEnvelope(${f.bbox.minLon}, ${f.bbox.minLat}, ${f.bbox.maxLon}, ${f.bbox.maxLat}, 4326)`;
    if (!f.masked) where.push(sql`r.location && ${box}`);
    // Masked: a report that is not public matches by its point as the reader sees it (snapped to the
    // 0.01° grid the presenter rounds it to), so a box drawn around its exact point does not find
    // it. The snapped point is within 0.005° of the real one: the widened box keeps the index.
    else
      where.push(
        sql`r.location && ST_Expand(${box}, 0.005)`,
        sql.join([
          sql.raw(`(CASE WHEN ${publiclyListed('r')} THEN `),
          sql`r.location && ${box} ELSE ST_SnapToGrid(r.location, 0.01) && ${box} END)`,
        ]),
      );
  }
  if (f.statuses?.length) where.push(statusesSql(f.statuses));
  if (f.categoryIds)
    where.push(f.categoryIds.length ? sql`r.category_id IN (${ids(f.categoryIds)})` : sql`FALSE`);
  if (f.territoryIds)
    where.push(f.territoryIds.length ? sql`r.territory_id IN (${ids(f.territoryIds)})` : sql`FALSE`);
  if (f.organisationId) where.push(sql`r.organisation_id = ${f.organisationId}`);
  if (f.authorId) where.push(sql`r.author_id = ${f.authorId}`);
  if (f.overdue)
    where.push(
      f.overdue.is
        ? sql`(r.due_at < ${f.overdue.at.toISOString()}::timestamptz AND ${CLOCK_RUNS})`
        : sql`(r.due_at IS NULL OR r.due_at >= ${f.overdue.at.toISOString()}::timestamptz OR NOT ${CLOCK_RUNS})`,
    );
  if (f.assigneeId !== undefined)
    where.push(
      f.assigneeId === null
        ? sql`(NOT ${WORKED_ON} OR ${assigneeSql} IS NULL)`
        : sql`(${WORKED_ON} AND ${assigneeSql} = ${f.assigneeId})`,
    );
  if (f.q) {
    where.push(matchSql(f.q));
    // Masked: the stored text matched (the index) and the text as the reader sees it too.
    if (f.masked) where.push(sql`to_tsvector('russian', ${maskedText}) @@ ${tsQuery(f.q)}`);
  }
  return where;
}

const tsQuery = (q: string) => sql`websearch_to_tsquery('russian', ${q})`;
const numberIn = (q: string) => (/^\d{1,15}$/.test(q) ? Number(q) : null);

/** The text matches (the GIN expression index over the text), or the report's public number. */
function matchSql(q: string): SQL {
  const n = numberIn(q);
  const fts = sql`to_tsvector('russian', r.text) @@ ${tsQuery(q)}`;
  return n === null ? fts : sql`(${fts} OR r.number = ${n})`;
}

const newestFirst = sql`ORDER BY r.created_at DESC, r.number DESC`;
/** The cursor's time as stored: text with microseconds, compared as a timestamp (no rounding through JS). */
const cursorAt = sql`to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
const afterSql = (c: ListCursor) =>
  sql`(r.created_at, r.number) < (${c.at}::timestamp AT TIME ZONE 'UTC', ${c.n})`;

/**
 * The union of the branches' newest `limit` matching rows as (created_at, number): the number is
 * unique, and both are in every list index, so a branch whose filters its index covers is an
 * index-only scan; the page's rows are read by number afterwards.
 */
function candidates(visibility: ListVisibility, where: SQL[], limit: number): SQL {
  const parts = branches(visibility).map(
    (b) =>
      sql`(SELECT r.created_at, r.number FROM reports r WHERE ${sql.join([b, ...where], sql` AND `)}
           ${newestFirst} LIMIT ${limit})`,
  );
  return parts.length === 1 ? parts[0]! : sql.join(parts, sql` UNION `);
}

export async function countCapped(exec: Executor, visibility: ListVisibility, where: SQL[]) {
  const parts = branches(visibility).map(
    (b) =>
      // Newest first here too: the count walks the list's own index and stops at the cap.
      sql`(SELECT r.number FROM reports r WHERE ${sql.join([b, ...where], sql` AND `)}
           ${newestFirst} LIMIT ${TOTAL_CAP + 1})`,
  );
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`SELECT count(*)::int AS n FROM (${sql.join(parts, sql` UNION `)}) u`,
  );
  const n = Number(row?.n ?? 0);
  return { total: Math.min(n, TOTAL_CAP), totalIsExact: n <= TOTAL_CAP };
}

export type ListPage = {
  rows: ReportRow[];
  total: number;
  totalIsExact: boolean;
  /** Where the next page starts, or null when this is the last one. */
  next: ListCursor | null;
};

/** One page of a list, newest first (or, with `q`, best match first), with its capped total. */
export async function listReportPage(
  exec: Executor,
  visibility: ListVisibility,
  filters: ListFilters,
  position: ListPosition,
  pageSize: number,
): Promise<ListPage> {
  const where = filterSql(filters);
  const offset = 'offset' in position ? position.offset : 0;
  const after = 'after' in position ? position.after : null;
  const page = filters.q
    ? rankedPage(visibility, where, filters.q, after, offset, pageSize)
    : recentPage(visibility, where, after, offset, pageSize);
  const pageRows = queryRows<Record<string, unknown>>(
    exec,
    sql`WITH page AS (${page})
        SELECT ${reportRowFields}, ${cursorAt} AS "cursorAt", p.rank AS "cursorRank", p.matches AS "matches"
        FROM page p JOIN reports r ON r.number = p.number ${reportJoins}
        ORDER BY p.rank DESC, p.created_at DESC, p.number DESC`,
  );
  // A search counts its ranked window in the same statement; a list counts up to the cap beside it.
  const [raw, count] = await Promise.all([pageRows, filters.q ? null : countCapped(exec, visibility, where)]);
  const more = raw.length > pageSize;
  const shown = raw.slice(0, pageSize);
  const last = shown.at(-1);
  const next: ListCursor | null =
    more && last
      ? {
          at: String(last.cursorAt),
          n: Number(last.number),
          ...(filters.q ? { rank: Number(last.cursorRank) } : {}),
        }
      : null;
  const matches = Number(raw[0]?.matches ?? 0);
  const total = count ?? { total: Math.min(matches, SEARCH_WINDOW), totalIsExact: matches < SEARCH_WINDOW };
  return { rows: shown.map(decodeReportRow), ...total, next };
}

/** Newest first: each branch reads at most offset + pageSize + 1 rows from its index. */
function recentPage(
  visibility: ListVisibility,
  where: SQL[],
  after: ListCursor | null,
  offset: number,
  pageSize: number,
): SQL {
  const scoped = after ? [...where, afterSql(after)] : where;
  const take = offset + pageSize + 1;
  return sql`SELECT r.created_at, r.number, 0::real AS rank, 0 AS matches
             FROM (${candidates(visibility, scoped, take)}) r
             ${newestFirst} LIMIT ${pageSize + 1} OFFSET ${offset}`;
}

/**
 * Best match first: the newest SEARCH_WINDOW matches of each branch are ranked (ts_rank over the
 * Russian stems; the report whose number was typed comes first), ties newest first.
 */
function rankedPage(
  visibility: ListVisibility,
  where: SQL[],
  q: string,
  after: ListCursor | null,
  offset: number,
  pageSize: number,
): SQL {
  const n = numberIn(q);
  const rank = sql`(ts_rank(to_tsvector('russian', r.text), ${tsQuery(q)})${n === null ? sql`` : sql` + (r.number = ${n})::int`})::real`;
  const keyset = after
    ? sql`WHERE (x.rank, x.created_at, x.number) < (${after.rank ?? 0}::real, ${after.at}::timestamp AT TIME ZONE 'UTC', ${after.n})`
    : sql``;
  return sql`SELECT x.created_at, x.number, x.rank, x.matches FROM (
               SELECT r.created_at, r.number, ${rank} AS rank, count(*) OVER () AS matches
               FROM (${candidates(visibility, where, SEARCH_WINDOW)}) c JOIN reports r ON r.number = c.number) x
             ${keyset}
             ORDER BY x.rank DESC, x.created_at DESC, x.number DESC LIMIT ${pageSize + 1} OFFSET ${offset}`;
}
