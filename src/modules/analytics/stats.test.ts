import { describe, expect, it } from 'vitest';
import { buildLeague } from './league.service.ts';
import { medianInterval, negBinomialUpperTail, poissonUpperTail, quantileDisc, wilson } from './stats.ts';

describe('statistics of the figures', () => {
  it('quantiles as percentile_disc over a histogram', () => {
    expect(
      quantileDisc(
        [
          [1, 1],
          [2, 1],
          [3, 1],
          [4, 1],
        ],
        0.5,
      ),
    ).toBe(2);
    expect(
      quantileDisc(
        [
          [4, 1],
          [1, 1],
          [3, 1],
          [2, 1],
          [5, 1],
        ],
        0.5,
      ),
    ).toBe(3);
    expect(
      quantileDisc(
        [
          [0, 9],
          [10, 1],
        ],
        0.9,
      ),
    ).toBe(0);
    expect(
      quantileDisc(
        [
          [0, 8],
          [10, 2],
        ],
        0.9,
      ),
    ).toBe(10);
    expect(quantileDisc([], 0.5)).toBeNull();
  });

  it('Wilson intervals match published values and stay inside [0, 1]', () => {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 0/10 → 0–0.2775.
    const a = wilson(81, 263)!;
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilson(0, 10)!;
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)!.high).toBe(1);
    expect(wilson(0, 0)).toBeNull();
  });

  it('median intervals from order statistics cover 95 %', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    // n = 20: ranks 6 and 15 (coverage 95.9 %).
    expect(medianInterval(values)).toEqual({ low: 6, high: 15 });
    expect(medianInterval([1, 2, 3, 4, 5, 6])).toEqual({ low: 1, high: 6 });
    expect(medianInterval([1, 2, 3, 4, 5])).toBeNull();
  });

  it('Poisson and negative binomial tails', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    // P(X >= 10 | mu = 3) = 0.001102
    expect(poissonUpperTail(10, 3)).toBeCloseTo(0.0011025, 6);
    // Overdispersion makes the same count less surprising.
    expect(negBinomialUpperTail(10, 3, 2)).toBeGreaterThan(poissonUpperTail(10, 3));
    expect(negBinomialUpperTail(10, 3, Number.POSITIVE_INFINITY)).toBeCloseTo(poissonUpperTail(10, 3), 9);
  });

  it('league: small organisations are listed apart, never ranked; lower-is-better metrics ascend', () => {
    const row = (org: string, onTime: boolean, days: number) => ({
      organisationId: org,
      onTime,
      solved: true,
      rating: 5,
      disputed: false,
      answerWorkingDays: days,
    });
    const rows = [
      ...Array.from({ length: 40 }, (_, i) =>
        row('00000000-0000-4000-8000-00000000000a', i < 30, 3 + (i % 4)),
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        row('00000000-0000-4000-8000-00000000000b', i < 36, 8 + (i % 4)),
      ),
      // A tiny organisation with a perfect record must not top the table.
      ...Array.from({ length: 5 }, () => row('00000000-0000-4000-8000-00000000000c', true, 1)),
    ];
    const league = buildLeague('answered_on_time', 30, rows);
    expect(league.ranked.map((r) => r.organisationId.slice(-1))).toEqual(['b', 'a']);
    expect(league.ranked[0]).toMatchObject({ value: 0.9, n: 40 });
    expect(league.unranked).toEqual([
      expect.objectContaining({ organisationId: '00000000-0000-4000-8000-00000000000c', n: 5, value: 1 }),
    ]);
    const speed = buildLeague('median_answer_days', 30, rows);
    expect(speed.ranked.map((r) => r.organisationId.slice(-1))).toEqual(['a', 'b']);
    expect(speed.ranked[0]!.low).toBeLessThanOrEqual(speed.ranked[0]!.value!);
  });
});
