import type { Executor } from '../../db/connection.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { dateKey, localDateOf } from '../../lib/working-days.ts';
import type { Dashboard, Summary, SummaryQuery } from './analytics.schemas.ts';
import { quantileDisc } from './stats.ts';
import * as repo from './summary.repo.ts';

export type Period = { from: string; to: string };

const dayMs = (s: string): number => Date.parse(`${s}T00:00:00Z`);
const key = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The asked period (the schema gives both ends or neither), or the 30 days up to today (local time). */
export function resolvePeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  if (q.from && q.to) return { from: q.from, to: q.to };
  const to = dateKey(localDateOf(now));
  return { from: key(dayMs(to) - 29 * DAY_MS), to };
}

/** The period of equal length just before `p`. */
export function previousPeriod(p: Period): Period {
  const length = dayMs(p.to) - dayMs(p.from) + DAY_MS;
  return { from: key(dayMs(p.from) - length), to: key(dayMs(p.from) - DAY_MS) };
}

/** Splits a period into whole months (read from the roll-up) and the edge days (read from the facts). */
export function splitPeriod(p: Period): repo.PeriodSplit {
  const from = new Date(dayMs(p.from));
  const monthFrom =
    from.getUTCDate() === 1 ? p.from : key(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const afterTo = new Date(dayMs(p.to) + DAY_MS);
  const monthTo =
    afterTo.getUTCDate() === 1
      ? key(afterTo.getTime())
      : key(Date.UTC(afterTo.getUTCFullYear(), afterTo.getUTCMonth(), 1));
  if (dayMs(monthFrom) >= dayMs(monthTo)) return { ...p, monthFrom: null, monthTo: null };
  return { ...p, monthFrom, monthTo };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Figures from counts: shares as numbers in [0, 1], null where the denominator is zero. */
export function figures(
  c: repo.Counts,
  open: { open: number; overdue: number },
  hist: [number, number][],
): Summary {
  return {
    received: c.received,
    inProgress: open.open,
    overdue: open.overdue,
    answered: c.answered,
    answeredOnTimeShare: ratio(c.onTime, c.withDeadline),
    medianAnswerWorkingDays: quantileDisc(hist, 0.5),
    p90AnswerWorkingDays: quantileDisc(hist, 0.9),
    solvedShare: ratio(c.solved, c.answered),
    meanRating: ratio(c.ratingSum, c.rated),
    disputeRate: ratio(c.disputed, c.answered),
    redirectRate: ratio(c.redirected, c.received),
    satisfiedShare: ratio(c.satisfied, c.rated),
    supporters: c.supporters,
    closedWithoutRating: c.closedWithoutRating,
  };
}

/** The filters, with whether the category is a topic (the daily roll-up then carries it). */
async function filtersOf(exec: Executor, q: SummaryQuery): Promise<repo.FactFilters> {
  return {
    territoryId: q.territoryId,
    categoryId: q.categoryId,
    organisationId: q.organisationId,
    categoryIsTop: q.categoryId ? await repo.isTopCategory(exec, q.categoryId) : false,
  };
}

export async function summaryFor(
  exec: Executor,
  p: Period,
  f: repo.FactFilters,
  now: Date,
): Promise<Summary> {
  const split = splitPeriod(p);
  const [counts, open, hist] = await Promise.all([
    repo.periodCounts(exec, split, f),
    repo.openCounts(exec, split, f, now),
    repo.answerDays(exec, split, f),
  ]);
  return figures(counts, open, hist);
}

export async function getSummary(exec: Executor, q: SummaryQuery, now: Date): Promise<Summary> {
  return summaryFor(exec, resolvePeriod(q, now), await filtersOf(exec, q), now);
}

/** Weekly points only for periods up to a quarter: longer ones read the monthly trend. */
export const WEEKLY_TREND_MAX_DAYS = 92;

export async function getDashboard(exec: Executor, q: SummaryQuery, now: Date): Promise<Dashboard> {
  const period = resolvePeriod(q, now);
  const previous = previousPeriod(period);
  const f = await filtersOf(exec, q);
  const days = (dayMs(period.to) - dayMs(period.from)) / DAY_MS + 1;
  const split = splitPeriod(period);
  const [summary, before, months, weeks] = await Promise.all([
    summaryFor(exec, period, f, now),
    summaryFor(exec, previous, f, now),
    repo.monthlyTrend(exec, split, f),
    days <= WEEKLY_TREND_MAX_DAYS ? repo.weeklyTrend(exec, split, f) : Promise.resolve([]),
  ]);
  const point = (r: repo.TrendRow) => ({
    period: r.period,
    received: r.received,
    answered: r.answered,
    answeredOnTimeShare: ratio(r.onTime, r.withDeadline),
    meanRating: ratio(r.ratingSum, r.rated),
  });
  return {
    ...period,
    summary,
    previous: { ...previous, summary: before },
    byMonth: months.map(point),
    byWeek: weeks.map(point),
  };
}

export async function getChoropleth(
  exec: Executor,
  q: SummaryQuery & { metric: 'received' | 'overdue' | 'answeredOnTimeShare' | 'disputeRate' | 'meanRating' },
  now: Date,
) {
  const rows = await repo.byTerritory(
    exec,
    splitPeriod(resolvePeriod(q, now)),
    await filtersOf(exec, q),
    now,
  );
  const value = (r: (typeof rows)[number]): number | null => {
    switch (q.metric) {
      case 'received':
        return r.received;
      case 'overdue':
        return r.overdue;
      case 'answeredOnTimeShare':
        return ratio(r.onTime, r.withDeadline);
      case 'disputeRate':
        return ratio(r.disputed, r.answered);
      case 'meanRating':
        return ratio(r.ratingSum, r.rated);
    }
  };
  return {
    metric: q.metric,
    items: rows.map((r) => ({ territoryId: r.territoryId, value: value(r), received: r.received })),
  };
}
