import { createRng, shuffle } from './hashing.ts';

/** Feature vectors of all reports as sparse rows (CSR). */
export interface SparseRows {
  indptr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
}

/** The training set of one label: which rows of the shared CSR it uses, and their classes. */
export interface Dataset extends SparseRows {
  /** Row of the shared CSR of each training example. */
  examples: Int32Array;
  /** Class (column) of each training example. */
  y: Int32Array;
  /** Extra feature rows per training example (cross features of a conditional label), each of value `extraVal`. */
  extra?: { indptr: Int32Array; idx: Int32Array; val: number };
  /**
   * For a hierarchical softmax: the classes of example e are columns [blockFrom[e], blockTo[e]) (the
   * children of its known parent); the softmax and the update stay inside that block.
   */
  blockFrom?: Int32Array;
  blockTo?: Int32Array;
}

/** Weights of a multinomial logistic regression: row-major, `columns` weights per feature row. */
export interface LinearWeights {
  columns: number;
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
  /** Weight decay applied to every weight at the end of each epoch (w ← (1 − d)·w): an L2 penalty in batch. */
  epochDecay: number;
  seed: number;
}

export const DEFAULT_SGD: SgdOptions = {
  epochs: 6,
  learningRate: 0.5,
  averageFrom: 2,
  classWeightPower: 0,
  skipBelow: 1e-3,
  epochDecay: 0,
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
  const K = w.columns;
  const W = w.weights;
  for (let j = from; j < to; j++) {
    const row = idx[j]!;
    if (row >= w.rows) continue;
    axpy(val[j]!, W, row * K, out, 0, K);
  }
}

/**
 * out[k] += v · W[base + k] for k in [from, to) (base: the row's first weight): the inner loop of training and scoring, unrolled by
 * four (V8 does not vectorise; unrolling alone makes it about 1.8 times faster).
 */
export function axpy(
  v: number,
  W: Float32Array,
  base: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  let k = from;
  for (; k + 3 < to; k += 4) {
    out[k]! += v * W[base + k]!;
    out[k + 1]! += v * W[base + k + 1]!;
    out[k + 2]! += v * W[base + k + 2]!;
    out[k + 3]! += v * W[base + k + 3]!;
  }
  for (; k < to; k++) out[k]! += v * W[base + k]!;
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

/** One SGD step on one feature row for the active classes (and the running average, when averaging). */
function update(
  W: Float32Array,
  avgW: Float32Array | null,
  step: number,
  base: number,
  v: number,
  active: Int32Array,
  nActive: number,
  grad: Float64Array,
): void {
  if (avgW) {
    for (let a = 0; a < nActive; a++) {
      const k = active[a]!;
      const d = v * grad[k]!;
      W[base + k]! += d;
      avgW[base + k]! += step * d;
    }
  } else {
    for (let a = 0; a < nActive; a++) W[base + active[a]!]! += v * grad[active[a]!]!;
  }
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
export function trainSoftmax(data: Dataset, columns: number, rows: number, opts: SgdOptions): LinearWeights {
  const K = columns;
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
  const { indptr, idx, val, examples, y: labels, blockFrom, blockTo, extra } = data;
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
      const e = order[o]!;
      const i = examples[e]!;
      const from = indptr[i]!;
      const to = indptr[i + 1]!;
      const xFrom = extra ? extra.indptr[e]! : 0;
      const xTo = extra ? extra.indptr[e + 1]! : 0;
      const y = labels[e]!;
      const k0 = blockFrom ? blockFrom[e]! : 0;
      const k1 = blockTo ? blockTo[e]! : K;
      if (k1 - k0 < 2) continue;
      for (let k = k0; k < k1; k++) p[k] = bias[k]!;
      for (let j = from; j < to; j++) axpy(val[j]!, W, idx[j]! * K, p, k0, k1);
      for (let j = xFrom; j < xTo; j++) axpy(extra!.val, W, extra!.idx[j]! * K, p, k0, k1);
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
      if (avgW) step++;
      for (let j = from; j < to; j++) update(W, avgW, step, idx[j]! * K, val[j]!, active, nActive, grad);
      for (let j = xFrom; j < xTo; j++)
        update(W, avgW, step, extra!.idx[j]! * K, extra!.val, active, nActive, grad);
      for (let a = 0; a < nActive; a++) {
        const k = active[a]!;
        bias[k]! += grad[k]!;
        if (avgBias) avgBias[k]! += step * grad[k]!;
      }
    }
    if (opts.epochDecay > 0) {
      const d = opts.epochDecay;
      for (let j = 0; j < W.length; j++) {
        const delta = -d * W[j]!;
        W[j]! += delta;
        if (avgW) avgW[j]! += step * delta;
      }
    }
  }
  if (avgW && avgBias && step > 0) {
    const m = step;
    for (let i = 0; i < W.length; i++) W[i] = ((m + 1) * W[i]! - avgW[i]!) / m;
    for (let k = 0; k < K; k++) bias[k] = ((m + 1) * bias[k]! - avgBias[k]!) / m;
  }
  return { columns: K, rows, weights: W, bias: Float32Array.from(bias) };
}
