/**
 * Acute spikes (docs/analytics.md "Spikes"): is the last week's count of a subject in a territory far
 * above what its own history predicts? The history is fitted with a Poisson log-linear model — a
 * level, a day-of-week term (six dummies), an annual seasonal term (one sine/cosine pair, only with a
 * year of history) and a linear trend — by iteratively reweighted least squares. Overdispersion is
 * estimated from the Pearson residuals, and the window's total is tested against a negative binomial
 * with that mean and variance. Pure functions, no I/O.
 */
import { DAY_MS } from '../../lib/clock.ts';
import { negBinomialUpperTail } from './stats.ts';

export const SPIKE_WINDOW_DAYS = 7;
/** Raise an alert below this p-value (many cells are tested each hour: a strict level). */
export const SPIKE_RAISE_P = 1e-3;
/** Close it once the window is ordinary again (p above this): hysteresis, so it does not flicker. */
export const SPIKE_CLOSE_P = 0.05;
/** Fewer reports than this in the window is never a spike, whatever the p-value. */
export const SPIKE_MIN_COUNT = 5;

export type SpikeResult = { observed: number; expected: number; pValue: number; dispersion: number };

function features(dayMs: number, t0: number, seasonal: boolean): number[] {
  const dow = new Date(dayMs).getUTCDay(); // 0 = Sunday, the baseline
  const x = [1, 0, 0, 0, 0, 0, 0];
  if (dow > 0) x[dow] = 1;
  if (seasonal) {
    const year = (dayMs - Date.UTC(new Date(dayMs).getUTCFullYear(), 0, 1)) / DAY_MS / 365.25;
    x.push(Math.sin(2 * Math.PI * year), Math.cos(2 * Math.PI * year));
  }
  x.push((dayMs - t0) / DAY_MS / 365);
  return x;
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Fits the Poisson GLM by IRLS; returns the coefficients. A small ridge keeps empty weekdays finite. */
export function fitPoisson(x: number[][], y: number[], iterations = 25): number[] {
  const p = x[0]!.length;
  const mean = Math.max(1e-3, y.reduce((s, v) => s + v, 0) / y.length);
  let beta = Array.from({ length: p }, (_, i) => (i === 0 ? Math.log(mean) : 0));
  for (let it = 0; it < iterations; it++) {
    const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xtwz = new Array<number>(p).fill(0);
    for (let i = 0; i < y.length; i++) {
      const xi = x[i]!;
      const eta = xi.reduce((s, v, j) => s + v * beta[j]!, 0);
      const mu = Math.exp(Math.min(20, eta));
      const z = eta + (y[i]! - mu) / mu;
      for (let j = 0; j < p; j++) {
        xtwz[j]! += xi[j]! * mu * z;
        for (let k = 0; k < p; k++) xtwx[j]![k]! += xi[j]! * mu * xi[k]!;
      }
    }
    for (let j = 1; j < p; j++) xtwx[j]![j]! += 1e-4;
    const next = solve(xtwx, xtwz);
    const change = next.reduce((s, v, j) => Math.max(s, Math.abs(v - beta[j]!)), 0);
    beta = next;
    if (change < 1e-8) break;
  }
  return beta;
}

/**
 * Tests the last `window` days of a daily series (counts[i] is day startMs + i days) against a model
 * fitted on the days before them. Null when the history is too short (under 8 weeks) or empty.
 */
export function spikeTest(counts: number[], startMs: number, window = SPIKE_WINDOW_DAYS): SpikeResult | null {
  const n = counts.length - window;
  if (n < 56) return null;
  const history = counts.slice(0, n);
  if (history.reduce((s, v) => s + v, 0) < 10) return null;
  const seasonal = n >= 365;
  const xs = counts.map((_, i) => features(startMs + i * DAY_MS, startMs, seasonal));
  const beta = fitPoisson(xs.slice(0, n), history);
  const mu = xs.map((x) =>
    Math.exp(
      Math.min(
        20,
        x.reduce((s, v, j) => s + v * beta[j]!, 0),
      ),
    ),
  );
  const p = beta.length;
  let pearson = 0;
  for (let i = 0; i < n; i++) pearson += (history[i]! - mu[i]!) ** 2 / mu[i]!;
  const dispersion = Math.max(1, pearson / Math.max(1, n - p));
  const expected = mu.slice(n).reduce((s, v) => s + v, 0);
  const observed = counts.slice(n).reduce((s, v) => s + v, 0);
  // Window total: mean `expected`, variance `dispersion × expected` → NB size expected / (dispersion − 1).
  const size = dispersion > 1 + 1e-6 ? expected / (dispersion - 1) : Number.POSITIVE_INFINITY;
  return { observed, expected, pValue: negBinomialUpperTail(observed, expected, size), dispersion };
}

/** Raise, keep or close: an alert is raised once and closed when the rate is ordinary again. */
export function alertDecision(r: SpikeResult | null, open: boolean): 'raise' | 'keep' | 'close' | 'none' {
  if (!r) return open ? 'close' : 'none';
  const spike = r.pValue < SPIKE_RAISE_P && r.observed >= SPIKE_MIN_COUNT;
  if (!open) return spike ? 'raise' : 'none';
  return r.pValue > SPIKE_CLOSE_P ? 'close' : 'keep';
}
