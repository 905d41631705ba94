import { createRng, shuffle } from './hashing.ts';

/** Sparse rows (CSR) with a class index per row. */
export interface Dataset {
  indptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  y: Int32Array;
  /**
   * For a hierarchical softmax: the classes of example i are columns [blockFrom[i], blockTo[i]) (the
   * children of its known parent); the softmax and the update stay inside that block.
   */
  blockFrom?: Int32Array;
  blockTo?: Int32Array;
}

/** Weights of a multinomial logistic regression: row-major, `classes` weights per feature row. */
export interface LinearWeights {
  classes: number;
  rows: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface SgdOptions {
  epochs: number;
  /** Step size; decays as 1/sqrt(1 + epoch). */
  learningRate: number;
  /** Averaging (ASGD) starts at this epoch (0-based); the model is the average of the iterates from then on. */
  averageFrom: number;
  /** 0: no class weighting; 1: inverse class frequency; 0.5: its square root. */
  classWeightPower: number;
  /** Classes with a gradient below this are not updated for an example (they are nearly certain already). */
  skipBelow: number;
  seed: number;
}

export const DEFAULT_SGD: SgdOptions = {
  epochs: 6,
  learningRate: 0.5,
  averageFrom: 1,
  classWeightPower: 0,
  skipBelow: 1e-4,
  seed: 1,
};

/** Adds the linear scores of a sparse vector to `out` (which starts as the bias). */
export function addScores(
  w: LinearWeights,
  idx: ArrayLike<number>,
  val: ArrayLike<number>,
  out: Float64Array,
  from = 0,
  to = idx.length,
): void {
  const K = w.classes;
  const W = w.weights;
  for (let j = from; j < to; j++) {
    const row = idx[j]!;
    if (row >= w.rows) continue;
    const v = val[j]!;
    const base = row * K;
    for (let k = 0; k < K; k++) out[k]! += v * W[base + k]!;
  }
}

/** In-place softmax of scores[from..to). */
export function softmaxRange(scores: Float64Array, from: number, to: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = from; k < to; k++) if (scores[k]! > max) max = scores[k]!;
  let sum = 0;
  for (let k = from; k < to; k++) {
    const e = Math.exp(scores[k]! - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = from; k < to; k++) scores[k]! /= sum;
}

/** In-place softmax of all scores. */
export function softmax(scores: Float64Array): Float64Array {
  softmaxRange(scores, 0, scores.length);
  return scores;
}

function classWeights(y: Int32Array, K: number, power: number): Float64Array {
  const weights = new Float64Array(K).fill(1);
  if (power === 0 || y.length === 0) return weights;
  const counts = new Float64Array(K);
  for (const c of y) counts[c]!++;
  const mean = y.length / K;
  for (let k = 0; k < K; k++) weights[k] = counts[k]! > 0 ? (mean / counts[k]!) ** power : 1;
  // Keep the average step size: normalise so the weighted example count equals the example count.
  let total = 0;
  for (const c of y) total += weights[c]!;
  const norm = y.length / total;
  for (let k = 0; k < K; k++) weights[k]! *= norm;
  return weights;
}

/**
 * Multinomial logistic regression by averaged SGD. Deterministic: the example order comes from the
 * seeded generator, and every sum is taken in a fixed order, so one seed always gives the same weights.
 */
export function trainSoftmax(data: Dataset, classes: number, rows: number, opts: SgdOptions): LinearWeights {
  const K = classes;
  const W = new Float32Array(rows * K);
  const bias = new Float64Array(K);
  let avgW: Float32Array | null = null;
  let avgBias: Float64Array | null = null;
  const n = data.y.length;
  const cw = classWeights(data.y, K, opts.classWeightPower);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(opts.seed);
  const p = new Float64Array(K);
  const active = new Int32Array(K);
  const grad = new Float64Array(K);
  const { indptr, idx, val, y: labels, blockFrom, blockTo } = data;
  const skip = opts.skipBelow;
  let step = 0; // steps since averaging started
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    if (epoch === opts.averageFrom) {
      // Averaging from here: avg = ((m + 1)·W − U) / m with U = W_start + Σ s·Δ_s (s = 1..m).
      avgW = W.slice();
      avgBias = bias.slice();
    }
    const lr = opts.learningRate / Math.sqrt(1 + epoch);
    shuffle(order, rng);
    for (let o = 0; o < n; o++) {
      const i = order[o]!;
      const from = indptr[i]!;
      const to = indptr[i + 1]!;
      const y = labels[i]!;
      const k0 = blockFrom ? blockFrom[i]! : 0;
      const k1 = blockTo ? blockTo[i]! : K;
      if (k1 - k0 < 2) continue;
      for (let k = k0; k < k1; k++) p[k] = bias[k]!;
      for (let j = from; j < to; j++) {
        const base = idx[j]! * K;
        const v = val[j]!;
        for (let k = k0; k < k1; k++) p[k]! += v * W[base + k]!;
      }
      softmaxRange(p, k0, k1);
      let nActive = 0;
      const weight = cw[y]!;
      for (let k = k0; k < k1; k++) {
        const g = (p[k]! - (k === y ? 1 : 0)) * weight;
        if (g > skip || g < -skip) {
          active[nActive++] = k;
          grad[k] = -lr * g;
        }
      }
      if (avgW) {
        step++;
        for (let j = from; j < to; j++) {
          const base = idx[j]! * K;
          const v = val[j]!;
          for (let a = 0; a < nActive; a++) {
            const at = base + active[a]!;
            const d = v * grad[active[a]!]!;
            W[at]! += d;
            avgW[at]! += step * d;
          }
        }
      } else {
        for (let j = from; j < to; j++) {
          const base = idx[j]! * K;
          const v = val[j]!;
          for (let a = 0; a < nActive; a++) W[base + active[a]!]! += v * grad[active[a]!]!;
        }
      }
      for (let a = 0; a < nActive; a++) {
        const k = active[a]!;
        bias[k]! += grad[k]!;
        if (avgBias) avgBias[k]! += step * grad[k]!;
      }
    }
  }
  if (avgW && avgBias && step > 0) {
    const m = step;
    for (let i = 0; i < W.length; i++) W[i] = ((m + 1) * W[i]! - avgW[i]!) / m;
    for (let k = 0; k < K; k++) bias[k] = ((m + 1) * bias[k]! - avgBias[k]!) / m;
  }
  return { classes: K, rows, weights: W, bias: Float32Array.from(bias) };
}
