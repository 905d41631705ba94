import { type SQL, sql } from 'drizzle-orm';
import { buildStatement, type Executor, queryBuiltRows } from '../../db/connection.ts';
import { publiclyListed } from '../../db/schema/reports.ts';
import { queryShapedRows, rowCount, StatementShapes } from '../../db/statement-shapes.ts';
import { perDatabase, TtlCache } from '../../lib/ttl-cache.ts';
import { rankedSearchPage, SEARCH_WINDOW, searchConditions, searchCutoffs } from './report-search.repo.ts';
import { deadlineStatuses, type ReportStatus, reportStatuses } from './report-states.ts';
import { decodeReportRow, type ReportRow, reportJoins, reportRowFields } from './reports.repo.ts';

/**
 * The report lists at a region's scale (docs/performance.md, "Lists and search at 1,000,000
 * reports"). Three rules keep every list a short index scan:
 * - filters are plain column conditions: a topic or a territory is expanded to its ids before the
 *   query (the reference module's categoryWithSubjects, territoryWithChildren), never `OR c.parent_id = …` over a join;
 * - "what may this actor see" is not one OR (which no index serves) but a UNION of branches — the
 *   public rule (the partial indexes' own predicate), the author's own, the organisation's, the
 *   curator's territory — each branch newest first and limited, merged and cut to the page;
 * - totals are counted up to TOTAL_CAP + 1 rows: exact when small, otherwise "more than TOTAL_CAP".
 * The lists whose generic plan is their custom plan run as named statements, planned once per
 * connection (see plannedOnce).
 */

/** Above this many matches a list says "more than …" instead of counting the whole table. */
export const TOTAL_CAP = 1000;
/** Page numbers reach this deep; deeper pages are read with the keyset cursor. */
export const MAX_OFFSET = 10_000;
export { SEARCH_WINDOW };

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

/** The list statements' names (per SQL text; see statement-shapes.ts for the bounds). */
const listShapes = new StatementShapes('list');

/**
 * Whether a list may run as a named statement, planned once per connection: only when its generic
 * plan is the plan PostgreSQL would choose with the values in sight. A map box (its area decides
 * between the spatial and the newest-first index: 1.1 → 183–660 ms generically), a text search (the
 * words' frequency) and the overdue instant (a range) are estimated blind by a generic plan, so
 * those lists are planned per request as before (`npm run bench -- lists --explain --generic`).
 */
export function plannedOnce(f: ListFilters): boolean {
  return !f.bbox && !f.q && !f.overdue;
}

const ids = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

export type Branch = { where: SQL; own: boolean };

/**
 * The visibility rule as branches whose union is what the actor may see. `own` marks the branch of
 * one person's own reports: few enough that a search fetches all its matches at once (beside the
 * public branch, only those the public does not see).
 * When the filters keep only rows that one branch shows in full — "my reports" (the author's own),
 * the organisation's queue, a curator's queue within their territory — that branch alone answers:
 * the others could add nothing the filters keep, and each would cost a scan of its own.
 */
export function visibilityBranches(v: ListVisibility, f: ListFilters): Branch[] {
  if (v.kind === 'all') return [{ where: sql`TRUE`, own: false }];
  const out: (Branch & { covers: boolean })[] = [
    { where: sql.raw(`(${publiclyListed('r')})`), own: false, covers: false },
  ];
  if (v.userId)
    out.push({ where: sql`r.author_id = ${v.userId}`, own: true, covers: f.authorId === v.userId });
  if (v.organisationId)
    out.push({
      where: sql`r.organisation_id = ${v.organisationId}`,
      own: false,
      covers: f.organisationId === v.organisationId,
    });
  const territories = v.territoryIds;
  if (territories?.length)
    out.push({
      where: sql`r.territory_id IN (${ids(territories)})`,
      own: false,
      covers: !!f.territoryIds?.length && f.territoryIds.every((id) => territories.includes(id)),
    });
  const covering = out.find((b) => b.covers);
  if (covering) return [{ where: covering.where, own: covering.own }];
  // Beside the public branch, a person's own branch needs only what the public does not see: their
  // unlisted reports (reports_author_unlisted_idx), a few rows even for an author of thousands.
  return out.map(({ where, own }) =>
    own
      ? { where: sql.join([where, sql.raw(`NOT (${publiclyListed('r')})`)], sql` AND `), own }
      : { where, own },
  );
}

/**
 * Statuses are written as literals (each one checked against the status machine's list), so the
 * planner can match the queues' partial indexes, whose predicates name them.
 */
function statusesSql(statuses: readonly ReportStatus[]): SQL {
  const known = statuses.filter((s) => (reportStatuses as readonly string[]).includes(s));
  return known.length ? sql.raw(`r.status IN (${known.map((s) => `'${s}'`).join(', ')})`) : sql`FALSE`;
}

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
  // The text search (report-search.repo.ts): the stored vector matches, or the number was typed.
  if (f.q) where.push(...searchConditions(f.q, f.masked ?? false));
  return where;
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
function candidates(branches: Branch[], where: SQL[], limit: number): SQL {
  const parts = branches.map(
    (b) =>
      sql`(SELECT r.created_at, r.number FROM reports r WHERE ${sql.join([b.where, ...where], sql` AND `)}
           ${newestFirst} LIMIT ${rowCount(limit)})`,
  );
  return parts.length === 1 ? parts[0]! : sql.join(parts, sql` UNION `);
}

/**
 * "More than TOTAL_CAP" answers, per database and per count statement (its text and values: the
 * filters and whom the visibility branches are for), kept 5 s on this node. Reaching the cap is the
 * count's costly case (TOTAL_CAP + 1 index entries read for every page of a busy list: at 1,000,000
 * reports it was half of a filtered list's database time), and its answer — more than 1,000 — stays
 * true while reports come in; only a mass change could bring it under the cap, and then the list
 * says "more than 1,000" for at most 5 s more. An exact total, under the cap, is always counted.
 */
const overCap = perDatabase(() => new TtlCache<true>(5_000, 2_000));

export async function countCapped(exec: Executor, branches: Branch[], where: SQL[]) {
  const parts = branches.map(
    (b) =>
      // In no order: any TOTAL_CAP + 1 rows prove "more than", so the planner takes the cheapest way
      // to them (often an index-only scan, stopping at the cap) instead of finding every match to sort
      // it newest first (a BitmapAnd of a topic and a status, or a map box's whole area).
      sql`(SELECT r.number FROM reports r WHERE ${sql.join([b.where, ...where], sql` AND `)}
           LIMIT ${rowCount(TOTAL_CAP + 1)})`,
  );
  const count = buildStatement(
    exec,
    sql`SELECT count(*)::int AS n FROM (${sql.join(parts, sql` UNION `)}) u`,
  );
  const cache = overCap.of(exec);
  if (cache.get(count.key)) return { total: TOTAL_CAP, totalIsExact: false };
  // Planned per request (0.3–0.5 ms): which index stops soonest at the cap depends on the values
  // (a district's share of a subject), and a generic plan guessed wrong by 50× at 1,000,000 reports.
  const [row] = await queryBuiltRows<{ n: number }>(exec, count);
  const n = Number(row?.n ?? 0);
  if (n > TOTAL_CAP) cache.set(count.key, true);
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
  // A search places its match conditions in each branch itself (report-search.repo.ts).
  const where = filterSql(filters.q ? { ...filters, q: undefined } : filters);
  const branches = visibilityBranches(visibility, filters);
  const offset = 'offset' in position ? position.offset : 0;
  const after = 'after' in position ? position.after : null;
  const page = filters.q
    ? rankedSearchPage(
        branches,
        await searchCutoffs(exec, branches, where.length > 0),
        where,
        filters.q,
        filters.masked ?? false,
        after,
        offset,
        pageSize,
      )
    : recentPage(branches, where, after, offset, pageSize);
  const named = plannedOnce(filters);
  const pageRows = queryShapedRows<Record<string, unknown>>(
    exec,
    listShapes,
    sql`WITH page AS (${page})
        SELECT ${reportRowFields}, ${cursorAt} AS "cursorAt", p.rank AS "cursorRank", p.matches AS "matches"
        FROM page p JOIN reports r ON r.number = p.number ${reportJoins}
        ORDER BY p.rank DESC, p.created_at DESC, p.number DESC`,
    named,
  );
  // A search counts its ranked window in the same statement; a list counts up to the cap beside it.
  const [raw, count] = await Promise.all([pageRows, filters.q ? null : countCapped(exec, branches, where)]);
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
  branches: Branch[],
  where: SQL[],
  after: ListCursor | null,
  offset: number,
  pageSize: number,
): SQL {
  const scoped = after ? [...where, afterSql(after)] : where;
  const take = offset + pageSize + 1;
  return sql`SELECT r.created_at, r.number, 0::real AS rank, 0 AS matches
             FROM (${candidates(branches, scoped, take)}) r
             ${newestFirst} LIMIT ${rowCount(pageSize + 1)} OFFSET ${rowCount(offset)}`;
}
