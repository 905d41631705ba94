/**
 * Confidence calibration: one temperature per label, fitted on a held-out slice by minimising the
 * negative log-likelihood of p_k^(1/T) / Σ_j p_j^(1/T) (temperature scaling of the final distribution,
 * which for a single softmax is the classic logit temperature). Checked with a reliability table.
 */

const EPS = 1e-12;

/** Applies a temperature to a probability distribution, in place. */
export function temper(p: Float64Array, temperature: number): Float64Array {
  if (temperature === 1) return p;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < p.length; k++) {
    const l = Math.log(p[k]! + EPS) / temperature;
    p[k] = l;
    if (l > max) max = l;
  }
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    const e = Math.exp(p[k]! - max);
    p[k] = e;
    sum += e;
  }
  for (let k = 0; k < p.length; k++) p[k]! /= sum;
  return p;
}

function nll(dists: Float64Array[], truth: number[], temperature: number): number {
  let total = 0;
  for (let i = 0; i < dists.length; i++) {
    const p = temper(dists[i]!.slice(), temperature);
    total -= Math.log(p[truth[i]!]! + EPS);
  }
  return total / Math.max(1, dists.length);
}

/** The temperature in [0.05, 20] that minimises held-out NLL (golden-section search on log T). */
export function fitTemperature(dists: Float64Array[], truth: number[]): number {
  if (dists.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(dists, truth, Math.exp(a));
  let fb = nll(dists, truth, Math.exp(b));
  for (let it = 0; it < 40; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(dists, truth, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(dists, truth, Math.exp(b));
    }
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1e4) / 1e4;
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error: Σ (n_bin / n) · |accuracy − mean confidence|. */
  ece: number;
  count: number;
}

/** Reliability table: reports binned by top-1 confidence, mean confidence against accuracy per bin. */
export function reliability(confidence: number[], correct: boolean[], binCount = 10): Reliability {
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    bins.push({ from: b / binCount, to: (b + 1) / binCount, count: 0, meanConfidence: 0, accuracy: 0 });
  }
  for (let i = 0; i < confidence.length; i++) {
    const bin = bins[Math.min(binCount - 1, Math.floor(confidence[i]! * binCount))]!;
    bin.count++;
    bin.meanConfidence += confidence[i]!;
    bin.accuracy += correct[i] ? 1 : 0;
  }
  let ece = 0;
  for (const bin of bins) {
    if (bin.count === 0) continue;
    bin.meanConfidence /= bin.count;
    bin.accuracy /= bin.count;
    ece += (bin.count / confidence.length) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return { bins: bins.filter((b) => b.count > 0), ece, count: confidence.length };
}

/** Wilson lower bound of a proportion (z = 1.645: one-sided 95 %). */
export function wilsonLower(successes: number, n: number, z = 1.645): number {
  if (n === 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * The lowest confidence threshold at which the reports at or above it are right at least `precision`
 * of the time (largest coverage), or null when no threshold reaches it. With `z` > 0 the precision
 * must hold for the Wilson lower bound, so a threshold chosen on a few hundred reports is not luck.
 */
export function thresholdForPrecision(
  confidence: number[],
  correct: boolean[],
  precision: number,
  { minCount = 20, z = 0 }: { minCount?: number; z?: number } = {},
): { threshold: number; coverage: number; precision: number } | null {
  const order = confidence.map((_, i) => i).sort((x, y) => confidence[y]! - confidence[x]! || x - y);
  let right = 0;
  let best: { threshold: number; coverage: number; precision: number } | null = null;
  for (let n = 1; n <= order.length; n++) {
    const i = order[n - 1]!;
    if (correct[i]) right++;
    const next = order[n];
    // Only cut between distinct confidence values.
    if (next !== undefined && confidence[next] === confidence[i]) continue;
    const bound = z > 0 ? wilsonLower(right, n, z) : right / n;
    if (n >= minCount && bound >= precision) {
      best = { threshold: confidence[i]!, coverage: n / order.length, precision: right / n };
    }
  }
  return best;
}
