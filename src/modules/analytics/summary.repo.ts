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
};

/** A period split into whole months [monthFrom, monthTo) and the days around them. */
export type PeriodSplit = { from: string; to: string; monthFrom: string | null; monthTo: string | null };

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

const and = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`);

/** Facts of the edge days (all days when the period holds no whole month). */
function edgeDays(p: PeriodSplit): SQL {
  if (!p.monthFrom || !p.monthTo) return sql`f.created_day BETWEEN ${p.from}::date AND ${p.to}::date`;
  return sql`((f.created_day >= ${p.from}::date AND f.created_day < ${p.monthFrom}::date)
          OR (f.created_day >= ${p.monthTo}::date AND f.created_day <= ${p.to}::date))`;
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

const monthCounts = sql`sum(m.received) AS received, sum(m.answered) AS answered, sum(m.with_deadline) AS with_deadline,
  sum(m.on_time) AS on_time, sum(m.solved) AS solved, sum(m.rated) AS rated, sum(m.rating_sum) AS rating_sum,
  sum(m.satisfied) AS satisfied, sum(m.disputed) AS disputed, sum(m.redirected) AS redirected,
  sum(m.supporters) AS supporters, sum(m.closed_without_rating) AS closed_without_rating`;

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
          SELECT ${factCounts} FROM analytics_report_facts f WHERE ${edgeDays(p)} AND ${and(filterSql('f', f))}
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
  const rows = await queryRows<{ d: number; n: string | number }>(
    exec,
    sql`SELECT d, sum(n) AS n FROM (
          SELECT m.working_days AS d, m.n FROM analytics_monthly_answer_days m
          WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))}
          UNION ALL
          SELECT f.answer_working_days, 1 FROM analytics_report_facts f
          WHERE ${edgeDays(p)} AND f.answer_working_days IS NOT NULL AND ${and(filterSql('f', f))}
        ) parts GROUP BY d`,
  );
  return rows.map((r) => [Number(r.d), Number(r.n)]);
}

/** Open work received in the period, and the part of it whose deadline has passed at `now`. */
export async function openCounts(
  exec: Executor,
  p: PeriodSplit,
  f: FactFilters,
  now: Date,
): Promise<{ open: number; overdue: number }> {
  const [row] = await queryRows<{ open: string | number; overdue: string | number }>(
    exec,
    sql`SELECT count(*) AS open, count(*) FILTER (WHERE f.deadline_running AND f.due_at < ${now}) AS overdue
        FROM analytics_report_facts f
        WHERE f.is_open AND f.created_day BETWEEN ${p.from}::date AND ${p.to}::date AND ${and(filterSql('f', f))}`,
  );
  return { open: num(row?.open), overdue: num(row?.overdue) };
}

export type TrendRow = Counts & { period: string };

/** Monthly trend: whole months from the roll-up, partial edge months from the facts. */
export async function monthlyTrend(exec: Executor, p: PeriodSplit, f: FactFilters): Promise<TrendRow[]> {
  const rows = await queryRows<RawCounts & { period: string }>(
    exec,
    sql`SELECT to_char(period, 'YYYY-MM-DD') AS period, ${sumAll} FROM (
          SELECT m.month AS period, ${monthCounts} FROM analytics_monthly m
          WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))} GROUP BY m.month
          UNION ALL
          SELECT date_trunc('month', f.created_day)::date, ${factCounts} FROM analytics_report_facts f
          WHERE ${edgeDays(p)} AND ${and(filterSql('f', f))} GROUP BY 1
        ) parts GROUP BY period ORDER BY period`,
  );
  return rows.map((r) => ({ ...toCounts(r), period: r.period }));
}

/** Weekly trend (ISO weeks from Monday) straight from the facts: periods of at most a quarter. */
export async function weeklyTrend(exec: Executor, p: PeriodSplit, f: FactFilters): Promise<TrendRow[]> {
  const rows = await queryRows<RawCounts & { period: string }>(
    exec,
    sql`SELECT to_char(date_trunc('week', f.created_day), 'YYYY-MM-DD') AS period, ${factCounts}
        FROM analytics_report_facts f
        WHERE f.created_day BETWEEN ${p.from}::date AND ${p.to}::date AND ${and(filterSql('f', f))}
        GROUP BY 1 ORDER BY 1`,
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
  const rows = await queryRows<RawCounts & { territory_id: string; overdue: string | number | null }>(
    exec,
    sql`SELECT territory_id, ${sumAll}, sum(overdue) AS overdue FROM (
          SELECT m.territory_id, ${monthCounts}, 0 AS overdue FROM analytics_monthly m
          WHERE ${wholeMonths(p)} AND ${and(filterSql('m', f))} GROUP BY m.territory_id
          UNION ALL
          SELECT f.territory_id, ${factCounts}, 0 FROM analytics_report_facts f
          WHERE ${edgeDays(p)} AND ${and(filterSql('f', f))} GROUP BY f.territory_id
          UNION ALL
          SELECT f.territory_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*) FROM analytics_report_facts f
          WHERE f.is_open AND f.deadline_running AND f.due_at < ${now}
            AND f.created_day BETWEEN ${p.from}::date AND ${p.to}::date AND ${and(filterSql('f', f))}
          GROUP BY f.territory_id
        ) parts WHERE territory_id IS NOT NULL GROUP BY territory_id`,
  );
  return rows.map((r) => ({ ...toCounts(r), territoryId: r.territory_id, overdue: num(r.overdue) }));
}
