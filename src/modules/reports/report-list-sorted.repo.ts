import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import {
  countCapped,
  filterSql,
  type ListFilters,
  type ListPage,
  type ListVisibility,
  visibilityBranches,
} from './report-list.repo.ts';
import { decodeReportRow, reportJoins, reportRowFields } from './reports.repo.ts';
import type { ReportSort } from './reports.schemas.ts';

/**
 * The work lists' other orders (docs/staff-workspace.md): the nearest deadline, the oldest, the
 * most supported, the highest priority first. They follow the newest-first list's shape
 * (report-list.repo.ts): each visibility branch reads its first `offset + pageSize + 1` rows in the
 * order, the union is ordered again and cut to the page, and a keyset cursor (the last row's sort
 * key and number) starts the next page. The deadline order is served by the organisation queue's
 * (organisation_id, due_at, number) index; the others read the queue's rows (work queues are open
 * work, not the archive).
 */

/** How one order reads: its key over `reports r`, its direction, and the key as cursor text. */
type Order = {
  key: SQL;
  dir: 'ASC' | 'DESC';
  /** The key as it travels in the cursor (text; null sorts last). */
  keyText: (column: SQL) => SQL;
  /** Rows after the cursor's (key, number) in this order, over `reports r`. */
  after: (key: string | null, n: number) => SQL;
};

const microText = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
const asTime = (key: string) => sql`(${key}::timestamp AT TIME ZONE 'UTC')`;
const supportCount = sql`(SELECT count(*) FROM report_followers f
  WHERE f.report_id = r.id AND f.reason IN ('supporter', 'merged'))::int`;

const orders: Record<Exclude<ReportSort, 'recent'>, Order> = {
  // Nearest deadline first; reports without one come last (NULLS LAST is ASC's default in indexes too).
  due: {
    key: sql`r.due_at`,
    dir: 'ASC',
    keyText: microText,
    after: (key, n) =>
      key === null
        ? sql`(r.due_at IS NULL AND r.number > ${n})`
        : sql`(r.due_at > ${asTime(key)} OR (r.due_at = ${asTime(key)} AND r.number > ${n}) OR r.due_at IS NULL)`,
  },
  age: {
    key: sql`r.created_at`,
    dir: 'ASC',
    keyText: microText,
    after: (key, n) => sql`(r.created_at, r.number) > (${asTime(key ?? '1970-01-01T00:00:00')}, ${n})`,
  },
  supporters: {
    key: supportCount,
    dir: 'DESC',
    keyText: (column) => sql`${column}::text`,
    after: (key, n) => sql`(${supportCount}, r.number) < (${Number(key ?? 0)}::int, ${n})`,
  },
  priority: {
    key: sql`r.priority`,
    dir: 'DESC',
    keyText: (column) => sql`${column}::text`,
    after: (key, n) => sql`(r.priority, r.number) < (${Number(key ?? 0)}::int, ${n})`,
  },
};

const orderBy = (o: Order, key: SQL, number: SQL) =>
  sql`ORDER BY ${key} ${sql.raw(o.dir)}${sql.raw(o.dir === 'ASC' ? ' NULLS LAST' : '')}, ${number} ${sql.raw(o.dir)}`;

export type SortedCursor = { key: string | null; n: number };

/** One page of a work list in the given order, with its capped total and the next page's cursor. */
export async function listSortedPage(
  exec: Executor,
  visibility: ListVisibility,
  filters: ListFilters,
  sort: Exclude<ReportSort, 'recent'>,
  position: { offset: number } | { after: SortedCursor },
  pageSize: number,
): Promise<Omit<ListPage, 'next'> & { next: SortedCursor | null }> {
  const o = orders[sort];
  const where = filterSql(filters);
  const offset = 'offset' in position ? position.offset : 0;
  const scoped = 'after' in position ? [...where, o.after(position.after.key, position.after.n)] : where;
  const take = offset + pageSize + 1;
  const branches = visibilityBranches(visibility, filters);
  const parts = branches.map(
    (b) =>
      sql`(SELECT r.number, ${o.key} AS sort_key FROM reports r
           WHERE ${sql.join([b.where, ...scoped], sql` AND `)}
           ${orderBy(o, o.key, sql`r.number`)} LIMIT ${take})`,
  );
  const page = sql`SELECT u.number, u.sort_key FROM (${sql.join(parts, sql` UNION `)}) u
    ${orderBy(o, sql`u.sort_key`, sql`u.number`)} LIMIT ${pageSize + 1} OFFSET ${offset}`;
  const pageRows = queryRows<Record<string, unknown>>(
    exec,
    sql`WITH page AS (${page})
        SELECT ${reportRowFields}, ${o.keyText(sql`p.sort_key`)} AS "sortCursor"
        FROM page p JOIN reports r ON r.number = p.number ${reportJoins}
        ${orderBy(o, sql`p.sort_key`, sql`p.number`)}`,
  );
  const [raw, count] = await Promise.all([pageRows, countCapped(exec, branches, where)]);
  const shown = raw.slice(0, pageSize);
  const last = shown.at(-1);
  const next =
    raw.length > pageSize && last
      ? { key: last.sortCursor === null ? null : String(last.sortCursor), n: Number(last.number) }
      : null;
  return { rows: shown.map(decodeReportRow), ...count, next };
}

/** Support counts of the given reports (the work lists show them beside each report). */
export async function supportCounts(exec: Executor, reportIds: string[]): Promise<Map<string, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; n: number }>(
    exec,
    sql`SELECT f.report_id AS id, count(*)::int AS n FROM report_followers f
        WHERE f.report_id IN (${sql.join(
          reportIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) AND f.reason IN ('supporter', 'merged')
        GROUP BY f.report_id`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}
