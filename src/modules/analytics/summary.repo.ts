import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';

/**
 * Dashboard reads (docs/analytics.md): whole months come from the monthly roll-up, the days at the
 * period's edges from the per-report facts; "in progress" and "overdue now" from the open facts.
 */

export type FactFilters = {
  territoryId?: string | undefined;
  categoryId?: string | undefined;
  organisationId?: string | undefined;
  /** The category filter is a top-level category (a topic), so the daily roll-up carries it. */
  categoryIsTop?: boolean | undefined;
};

/** A period split into whole months [monthFrom, monthTo) and the days around them. */
export type PeriodSplit = { from: string; to: string; monthFrom: string | null; monthTo: string | null };

/** Whether a category is top-level (the daily roll-up is keyed by it); false when unknown. */
export async function isTopCategory(exec: Executor, id: string): Promise<boolean> {
  const rows = await queryRows<{ top: boolean }>(
    exec,
    sql`SELECT parent_id IS NULL AS top FROM categories WHERE id = ${id}`,
  );
  return rows[0]?.top === true;
}

/** The daily roll-up carries the territory and topic filters; a subject or organisation reads the facts. */
const dailyServes = (f: FactFilters): boolean =>
  !f.organisationId && (!f.categoryId || f.categoryIsTop === true);

export type Counts = {
  received: number;
  answered: number;
  withDeadline: number;
  onTime: number;
  solved: number;
  rated: number;
  ratingSum: number;
  satisfied: number;
  disputed: number;
  redirected: number;
  supporters: number;
  closedWithoutRating: number;
};

function filterSql(alias: string, f: FactFilters): SQL[] {
  const a = sql.raw(alias);
  const out: SQL[] = [];
  if (f.territoryId)
    out.push(
      sql`${a}.territory_id IN (SELECT id FROM territories WHERE id = ${f.territoryId} OR parent_id = ${f.territoryId})`,
    );
  if (f.categoryId) out.push(sql`(${a}.category_id = ${f.categoryId} OR ${a}.topic_id = ${f.categoryId})`);
  if (f.organisationId) out.push(sql`${a}.organisation_id = ${f.organisationId}`);
  return out;
}

function dailyFilterSql(f: FactFilters): SQL[] {
  const out: SQL[] = [];
  if (f.territoryId)
    out.push(
      sql`d.territory_id IN (SELECT id FROM territories WHERE id = ${f.territoryId} OR parent_id = ${f.territoryId})`,
    );
  if (f.categoryId) out.push(sql`d.top_category_id = ${f.categoryId}`);
  return out;
}

const and = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`);

/** The edge days (all days when the period holds no whole month) over a day column. */
function edgeDays(p: PeriodSplit, day: SQL = sql`f.created_day`): SQL {
  if (!p.monthFrom || !p.monthTo) return sql`${day} BETWEEN ${p.from}::date AND ${p.to}::date`;
  return sql`((${day} >= ${p.from}::date AND ${day} < ${p.monthFrom}::date)
          OR (${day} >= ${p.monthTo}::date AND ${day} <= ${p.to}::date))`;
}

/**
 * The edge days' counts: from the daily roll-up when it carries the filters, else from the facts.
 * `key` is the grouping column over `f.created_day` (or `d.day`), e.g. the month, or none.
 */
function edgeCounts(
  p: PeriodSplit,
  f: FactFilters,
  opts: { key?: (day: SQL, alias: 'd' | 'f') => SQL; withOpen?: boolean; everyDay?: boolean } = {},
): SQL {
  const group = opts.key ? sql`GROUP BY 1` : sql``;
  const days = (day: SQL) =>
    opts.everyDay ? sql`${day} BETWEEN ${p.from}::date AND ${p.to}::date` : edgeDays(p, day);
  if (dailyServes(f)) {
    const day = sql`d.day`;
    const k = opts.key ? sql`${opts.key(day, 'd')} AS k, ` : sql``;
    return sql`SELECT ${k}${rollupCounts('d')}${opts.withOpen ? rollupOpen('d') : sql``} FROM analytics_daily d
      WHERE ${days(day)} AND ${and(dailyFilterSql(f))} ${group}`;
  }
  const day = sql`f.created_day`;
  const k = opts.key ? sql`${opts.key(day, 'f')} AS k, ` : sql``;
  return sql`SELECT ${k}${factCounts}${opts.withOpen ? factOpen : sql``} FROM analytics_report_facts f
    WHERE ${days(day)} AND ${and(filterSql('f', f))} ${group}`;
}

const wholeMonths = (p: PeriodSplit): SQL =>
  p.monthFrom && p.monthTo
    ? sql`m.month >= ${p.monthFrom}::date AND m.month < ${p.monthTo}::date`
    : sql`FALSE`;

const factCounts = sql`count(*) AS received, count(*) FILTER (WHERE f.answered) AS answered,
  count(*) FILTER (WHERE f.on_time IS NOT NULL) AS with_deadline, count(*) FILTER (WHERE f.on_time) AS on_time,
  count(*) FILTER (WHERE f.solved AND f.answered) AS solved, count(f.rating) AS rated,
  coalesce(sum(f.rating), 0) AS rating_sum, count(*) FILTER (WHERE f.rating >= 4) AS satisfied,
  count(*) FILTER (WHERE f.disputed AND f.answered) AS disputed, count(*) FILTER (WHERE f.redirected) AS redirected,
  coalesce(sum(f.supporters), 0) AS supporters, count(*) FILTER (WHERE f.closed_without_rating) AS closed_without_rating`;

/** The additive counts of a roll-up (`m` monthly or `d` daily: the same columns). */
const rollupCounts = (alias: 'm' | 'd'): SQL =>
  sql.raw(`sum(${alias}.received) AS received, sum(${alias}.answered) AS answered,
  sum(${alias}.with_deadline) AS with_deadline, sum(${alias}.on_time) AS on_time, sum(${alias}.solved) AS solved,
  sum(${alias}.rated) AS rated, sum(${alias}.rating_sum) AS rating_sum, sum(${alias}.satisfied) AS satisfied,
  sum(${alias}.disputed) AS disputed, sum(${alias}.redirected) AS redirected, sum(${alias}.supporters) AS supporters,
  sum(${alias}.closed_without_rating) AS closed_without_rating`);
const monthCounts = rollupCounts('m');

/** The open-work counts, as extra columns after the counts (see `openCountsSql` in facts.repo.ts). */
const rollupOpen = (alias: 'm' | 'd'): SQL =>
  sql.raw(`, sum(${alias}.open_now) AS open_now, sum(${alias}.running_due) AS running_due`);
const factOpen = sql`, count(*) FILTER (WHERE f.is_open) AS open_now,
  count(*) FILTER (WHERE f.is_open AND f.deadline_running AND f.due_at IS NOT NULL) AS running_due`;

type RawCounts = Record<string, string | number | null>;

const num = (v: string | number | null | undefined): number => Number(v ?? 0);

function toCounts(r: RawCounts | undefined): Counts {
  return {
    received: num(r?.received),
    answered: num(r?.answered),
    withDeadline: num(r?.with_deadline),
    onTime: num(r?.on_time),
    solved: num(r?.solved),
    rated: num(r?.rated),
    ratingSum: num(r?.rating_sum),
    satisfied: num(r?.satisfied),
    disputed: num(r?.disputed),
    redirected: num(r?.redirected),
    supporters: num(r?.supporters),
    closedWithoutRating: num(r?.closed_without_rating),
  };
}

const sumAll = sql`sum(received) AS received, sum(answered) AS answered, sum(with_deadline) AS with_deadline,
  sum(on_time) AS on_time, sum(solved) AS solved, sum(rated) AS rated, sum(rating_sum) AS rating_sum,
  sum(satisfied) AS satisfied, sum(disputed) AS disputed, sum(redirected) AS redirected,
  sum(supporters) AS supporters, sum(closed_without_rating) AS closed_without_rating`;

export async function periodCounts(exec: Executor, p: PeriodSplit, f: FactFilters): Promise<Counts> {
  const [row] = await queryRows<RawCounts>(
    exec,
    sql`SELECT ${sumAll} FROM (
          SELECT ${monthCounts} FROM analytics_monthly m WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))}
          UNION ALL
          ${edgeCounts(p, f)}
        ) parts`,
  );
  return toCounts(row);
}

/** Answer times of the period as a histogram [working days, reports]. */
export async function answerDays(
  exec: Executor,
  p: PeriodSplit,
  f: FactFilters,
): Promise<[number, number][]> {
  const edges = dailyServes(f)
    ? sql`SELECT d.working_days, d.n FROM analytics_daily_answer_days d
          WHERE ${edgeDays(p, sql`d.day`)} AND ${and(dailyFilterSql(f))}`
    : sql`SELECT f.answer_working_days, 1 FROM analytics_report_facts f
          WHERE ${edgeDays(p)} AND f.answer_working_days IS NOT NULL AND ${and(filterSql('f', f))}`;
  const rows = await queryRows<{ d: number; n: string | number }>(
    exec,
    sql`SELECT d, sum(n) AS n FROM (
          SELECT m.working_days AS d, m.n FROM analytics_monthly_answer_days m
          WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))}
          UNION ALL
          ${edges}
        ) parts GROUP BY d`,
  );
  return rows.map((r) => [Number(r.d), Number(r.n)]);
}

/**
 * The open work of the period's reports whose deadline has not passed at `now`: few rows (recent
 * reports with a running deadline), read through a partial index; overdue is the open work with a
 * running, set deadline (kept in the roll-ups) less these.
 */
const notYetDue = (p: PeriodSplit, f: FactFilters, now: Date, key?: SQL): SQL =>
  sql`SELECT ${key ? sql`${key} AS k, ` : sql``}count(*) AS not_due FROM analytics_report_facts f
      WHERE f.is_open AND f.deadline_running AND f.due_at >= ${now}
        AND f.created_day BETWEEN ${p.from}::date AND ${p.to}::date AND ${and(filterSql('f', f))}
      ${key ? sql`GROUP BY 1` : sql``}`;

/** Open work received in the period, and the part of it whose deadline has passed at `now`. */
export async function openCounts(
  exec: Executor,
  p: PeriodSplit,
  f: FactFilters,
  now: Date,
): Promise<{ open: number; overdue: number }> {
  const [row] = await queryRows<{
    open: string | number;
    running: string | number;
    not_due: string | number;
  }>(
    exec,
    sql`SELECT sum(open_now) AS open, sum(running_due) AS running, sum(not_due) AS not_due FROM (
          SELECT sum(m.open_now) AS open_now, sum(m.running_due) AS running_due, 0 AS not_due
          FROM analytics_monthly m WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))}
          UNION ALL
          SELECT open_now, running_due, 0 FROM (${edgeCounts(p, f, { withOpen: true })}) e
          UNION ALL
          SELECT 0, 0, not_due FROM (${notYetDue(p, f, now)}) n
        ) parts`,
  );
  return { open: num(row?.open), overdue: num(row?.running) - num(row?.not_due) };
}

export type TrendRow = Counts & { period: string };

const monthOf = (day: SQL): SQL => sql`date_trunc('month', ${day})::date`;
const weekOf = (day: SQL): SQL => sql`date_trunc('week', ${day})::date`;

/** Monthly trend: whole months from the roll-up, partial edge months from the daily roll-up or facts. */
export async function monthlyTrend(exec: Executor, p: PeriodSplit, f: FactFilters): Promise<TrendRow[]> {
  const rows = await queryRows<RawCounts & { period: string }>(
    exec,
    sql`SELECT to_char(k, 'YYYY-MM-DD') AS period, ${sumAll} FROM (
          SELECT m.month AS k, ${monthCounts} FROM analytics_monthly m
          WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))} GROUP BY m.month
          UNION ALL
          ${edgeCounts(p, f, { key: monthOf })}
        ) parts GROUP BY k ORDER BY k`,
  );
  return rows.map((r) => ({ ...toCounts(r), period: r.period }));
}

/** Weekly trend (ISO weeks from Monday) over every day of the period: periods of at most a quarter. */
export async function weeklyTrend(exec: Executor, p: PeriodSplit, f: FactFilters): Promise<TrendRow[]> {
  const rows = await queryRows<RawCounts & { period: string }>(
    exec,
    sql`SELECT to_char(k, 'YYYY-MM-DD') AS period, ${sumAll} FROM (${edgeCounts(p, f, { key: weekOf, everyDay: true })}) w
        GROUP BY k ORDER BY k`,
  );
  return rows.map((r) => ({ ...toCounts(r), period: r.period }));
}

/** Per-district figures for the choropleth (districts of the filter's territory, or all). */
export async function byTerritory(
  exec: Executor,
  p: PeriodSplit,
  f: FactFilters,
  now: Date,
): Promise<(Counts & { territoryId: string; overdue: number })[]> {
  const territory = (_day: SQL, alias: 'd' | 'f'): SQL => sql.raw(`${alias}.territory_id`);
  const zeros = sql.raw(Array.from({ length: 12 }, () => '0').join(', '));
  const rows = await queryRows<RawCounts & { territory_id: string; overdue: string | number | null }>(
    exec,
    sql`SELECT k AS territory_id, ${sumAll}, sum(running_due) - sum(not_due) AS overdue FROM (
          SELECT m.territory_id AS k, ${monthCounts}${rollupOpen('m')}, 0 AS not_due
          FROM analytics_monthly m
          WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))} GROUP BY m.territory_id
          UNION ALL
          SELECT e.*, 0 FROM (${edgeCounts(p, f, { key: territory, withOpen: true })}) e
          UNION ALL
          SELECT k, ${zeros}, 0, 0, not_due FROM (${notYetDue(p, f, now, sql`f.territory_id`)}) n
        ) parts WHERE k IS NOT NULL GROUP BY k`,
  );
  return rows.map((r) => ({ ...toCounts(r), territoryId: r.territory_id, overdue: num(r.overdue) }));
}
