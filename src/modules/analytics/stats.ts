/**
 * The statistics behind the figures (docs/analytics.md): quantiles of integer samples kept as
 * histograms, the Wilson score interval for shares, the distribution-free (binomial order-statistic)
 * interval for medians, and the Poisson tail used by spike detection. Pure functions, no I/O.
 */

/** 1.959964: the two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

/** A histogram of integer values: [value, how many], in any order. */
export type Histogram = ReadonlyArray<readonly [number, number]>;

/**
 * The `p`-quantile of a histogram as `percentile_disc` computes it: the smallest value whose
 * cumulative share reaches `p` (so the median of 1, 2, 3, 4 is 2). Null for an empty sample.
 */
export function quantileDisc(hist: Histogram, p: number): number | null {
  const sorted = [...hist].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [value, n] of sorted) {
    seen += n;
    if (seen / total >= p - 1e-12) return value;
  }
  return sorted[sorted.length - 1]![0];
}

/** Wilson's score interval for `successes` out of `n` (95 %); null when n = 0. */
export function wilson(successes: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound on that side is exactly 0 or 1 (rounding would leave 1e-16).
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so large n does not overflow. */
function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logC = 0; // log C(n, 0)
  let sum = 0;
  const logHalfN = n * Math.log(0.5);
  for (let i = 0; i <= k; i += 1) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    sum += Math.exp(logC + logHalfN);
  }
  return Math.min(1, sum);
}

/**
 * The exact distribution-free 95 % interval for a median: the order statistics x(l) and x(u) with
 * l the largest rank such that P(Binomial(n, ½) < l) <= 2.5 %, u = n + 1 − l. Covers at least 95 %
 * whatever the distribution. Needs n >= 6 (below that no pair of ranks covers 95 %): null then.
 */
export function medianInterval(sortedValues: readonly number[]): { low: number; high: number } | null {
  const n = sortedValues.length;
  if (n < 6) return null;
  let l = 0;
  while (binomialHalfCdf(l, n) <= 0.025) l += 1;
  // Here P(X <= l-1) <= 0.025 < P(X <= l): rank l (1-based) is the lower bound.
  const lower = Math.max(1, l);
  const upper = n + 1 - lower;
  return { low: sortedValues[lower - 1]!, high: sortedValues[upper - 1]! };
}

/** log Γ(x) by Lanczos (g = 7), for the Poisson tail. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i += 1) a += c[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X >= k) for X ~ Poisson(mu): the upper tail, summed term by term from k. */
export function poissonUpperTail(k: number, mu: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  let term = Math.exp(k * Math.log(mu) - mu - logGamma(k + 1));
  let sum = 0;
  for (let i = k; i < k + 1000; i += 1) {
    sum += term;
    term *= mu / (i + 1);
    if (term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}

/**
 * P(X >= k) for a negative binomial with mean `mu` and dispersion `size` (variance mu + mu²/size):
 * overdispersed counts make a Poisson baseline flag ordinary bad weeks, this one does not.
 */
export function negBinomialUpperTail(k: number, mu: number, size: number): number {
  if (!Number.isFinite(size) || size > 1e6) return poissonUpperTail(k, mu);
  if (k <= 0) return 1;
  const p = size / (size + mu);
  // P(X = 0) = p^size, P(X = i+1) = P(X = i) · (i + size)/(i + 1) · (1 − p)
  let term = Math.exp(size * Math.log(p));
  let cdf = 0;
  for (let i = 0; i < k; i += 1) {
    cdf += term;
    term *= ((i + size) / (i + 1)) * (1 - p);
  }
  return Math.max(0, 1 - cdf);
}
