import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lib/clock.ts';
import { alertDecision, spikeTest } from './spikes.ts';

/** A seeded Poisson draw (Knuth), so the constructed series are the same on every run. */
function poissonSampler(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (mu: number) => {
    const l = Math.exp(-mu);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= uniform();
    } while (p > l);
    return k - 1;
  };
}

const START = Date.UTC(2024, 0, 1);
const days = 2 * 365 + 60;
const dayOf = (i: number) => new Date(START + i * DAY_MS);
/** Weekdays busy, weekends quiet (a strong weekly rhythm). */
const weekly = (i: number) => ([0, 6].includes(dayOf(i).getUTCDay()) ? 0.3 : 1.3);
/** Winter high, summer low: heating complaints (a strong seasonal rhythm). */
const seasonal = (i: number) => 1 + 0.8 * Math.cos((2 * Math.PI * (i - 15)) / 365.25);

function series(
  rate: (i: number) => number,
  seed: number,
  bump?: { from: number; factor: number },
): number[] {
  const draw = poissonSampler(seed);
  return Array.from({ length: days }, (_, i) => draw(rate(i) * (bump && i >= bump.from ? bump.factor : 1)));
}

describe('spike detection against the series’ own history', () => {
  it('finds a true spike: three times the usual rate for the last week', () => {
    const r = spikeTest(
      series((i) => 3 * weekly(i), 1, { from: days - 7, factor: 3 }),
      START,
    );
    expect(r).not.toBeNull();
    expect(r!.pValue).toBeLessThan(1e-6);
    expect(r!.observed).toBeGreaterThan(2 * r!.expected);
    expect(alertDecision(r, false)).toBe('raise');
  });

  it('does not flag a weekly rhythm', () => {
    for (let seed = 10; seed < 15; seed++) {
      // The last seven days end on a Friday after a busy week: still ordinary.
      const r = spikeTest(
        series((i) => 4 * weekly(i), seed),
        START,
      );
      expect(r!.pValue, `seed ${seed}`).toBeGreaterThan(1e-3);
      expect(alertDecision(r, false)).toBe('none');
    }
  });

  it('does not flag a seasonal rise seen in earlier years', () => {
    // The window falls in late February, the seasonal peak's tail, well above the summer's level.
    for (let seed = 20; seed < 25; seed++) {
      const counts = series((i) => 3 * seasonal(i) * weekly(i), seed);
      const summer = counts.slice(500, 560).reduce((s, v) => s + v, 0) / 60;
      const windowMean = counts.slice(-7).reduce((s, v) => s + v, 0) / 7;
      expect(windowMean).toBeGreaterThan(summer * 1.5);
      const r = spikeTest(counts, START);
      expect(r!.pValue, `seed ${seed}`).toBeGreaterThan(1e-3);
    }
  });

  it('an alert is raised once, kept while high, closed when the rate returns', () => {
    const high = { observed: 40, expected: 10, pValue: 1e-9, dispersion: 1 };
    const middling = { observed: 16, expected: 10, pValue: 0.03, dispersion: 1 };
    const ordinary = { observed: 11, expected: 10, pValue: 0.4, dispersion: 1 };
    expect(alertDecision(high, false)).toBe('raise');
    expect(alertDecision(high, true)).toBe('keep');
    expect(alertDecision(middling, true)).toBe('keep');
    expect(alertDecision(ordinary, true)).toBe('close');
    expect(alertDecision({ ...high, observed: 4, expected: 0.01 }, false)).toBe('none');
  });

  it('needs eight weeks of history', () => {
    expect(spikeTest(new Array(40).fill(3), START)).toBeNull();
  });
});
