import type { Executor } from '../../db/connection.ts';
import { DAY_MS } from '../../lib/clock.ts';
import type { League, LeagueMetric, LeagueQuery, LeagueRow } from './analytics.schemas.ts';
import * as repo from './league.repo.ts';
import { medianInterval, quantileDisc, wilson } from './stats.ts';

const periodDays = { quarter: 92, year: 366, two_years: 731 } as const;

/** Lower is better for disputes and answer time; higher for the shares of good outcomes. */
export const higherIsBetter = (m: LeagueMetric): boolean =>
  m !== 'dispute_rate' && m !== 'median_answer_days';

type Sample = Omit<repo.LeagueSampleRow, 'organisationId'>;

/** One organisation's figure on its sample: the value, its 95 % interval and the sample size. */
export function scoreSample(metric: LeagueMetric, rows: Sample[]): Omit<LeagueRow, 'organisationId'> {
  const share = (hits: number, n: number) => {
    const ci = wilson(hits, n);
    return { value: n ? hits / n : null, low: ci?.low ?? null, high: ci?.high ?? null, n };
  };
  switch (metric) {
    case 'answered_on_time': {
      const withDeadline = rows.filter((r) => r.onTime !== null);
      return share(withDeadline.filter((r) => r.onTime).length, withDeadline.length);
    }
    case 'solved':
      return share(rows.filter((r) => r.solved).length, rows.length);
    case 'satisfied': {
      const rated = rows.filter((r) => r.rating !== null);
      return share(rated.filter((r) => (r.rating ?? 0) >= 4).length, rated.length);
    }
    case 'dispute_rate':
      return share(rows.filter((r) => r.disputed).length, rows.length);
    case 'median_answer_days': {
      const values = rows
        .map((r) => r.answerWorkingDays)
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b);
      const ci = medianInterval(values);
      return {
        value: quantileDisc(
          values.map((v) => [v, 1] as const),
          0.5,
        ),
        low: ci?.low ?? null,
        high: ci?.high ?? null,
        n: values.length,
      };
    }
  }
}

/**
 * The league table (FixMyStreet's lesson): each organisation judged on its own last N answered
 * reports, never on its volume; ranked by the figure, best first, ties by the larger sample; those
 * with fewer than `minSample` reports in the figure's denominator are listed apart, unranked.
 */
export function buildLeague(metric: LeagueMetric, minSample: number, rows: repo.LeagueSampleRow[]): League {
  const byOrg = new Map<string, Sample[]>();
  for (const { organisationId, ...rest } of rows) {
    const list = byOrg.get(organisationId) ?? [];
    if (
      rest.onTime !== null ||
      rest.solved !== null ||
      rest.answerWorkingDays !== null ||
      rest.disputed !== null
    )
      list.push(rest);
    byOrg.set(organisationId, list);
  }
  const scored = [...byOrg].map(([organisationId, sample]) => ({
    organisationId,
    ...scoreSample(metric, sample),
  }));
  const up = higherIsBetter(metric);
  const ranked = scored
    .filter((s) => s.n >= minSample && s.value !== null)
    .sort(
      (a, b) =>
        (up ? b.value! - a.value! : a.value! - b.value!) ||
        b.n - a.n ||
        a.organisationId.localeCompare(b.organisationId),
    );
  const unranked = scored
    .filter((s) => s.n < minSample || s.value === null)
    .sort((a, b) => b.n - a.n || a.organisationId.localeCompare(b.organisationId));
  return { metric, higherIsBetter: up, ranked, unranked };
}

export async function getLeague(exec: Executor, q: LeagueQuery, now: Date): Promise<League> {
  const since = new Date(now.getTime() - periodDays[q.period] * DAY_MS);
  return buildLeague(q.metric, q.minSample, await repo.lastAnswered(exec, q.n, since));
}
