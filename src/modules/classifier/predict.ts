import { temper } from './calibration.ts';
import { crossKeys, extractFeatures, hashCross, type RawFeatures } from './features.ts';
import { addScores, axpy, softmax, softmaxRange } from './linear.ts';
import type { ClassifierModel, LabelModel } from './model.ts';
import { LABELS, type LabelName, type ReportInput } from './types.ts';
import { crossRows, type SparseVector, vectorize } from './vectorizer.ts';

export interface Encoded {
  input: ReportInput;
  raw: RawFeatures;
  vector: SparseVector;
}

export function encode(model: ClassifierModel, input: ReportInput, withTerms = false): Encoded {
  const raw = extractFeatures(input, model.features, withTerms);
  return { input, raw, vector: vectorize(raw, model.vocabulary, model.features) };
}

/** Column scores (bias + weights · features) of a label. */
function baseScores(label: LabelModel, enc: Encoded): Float64Array {
  const out = Float64Array.from(label.weights.bias);
  addScores(label.weights, enc.vector.idx, enc.vector.val, out);
  return out;
}

/** Cross features of a report with one value of the given label that have a row, with their readable keys. */
export function crossFeatures(
  model: ClassifierModel,
  input: ReportInput,
  value: string,
): { key: string; row: number }[] {
  const out: { key: string; row: number }[] = [];
  for (const key of crossKeys(input, value)) {
    const [row] = crossRows([hashCross(key, model.features)], model.vocabulary);
    if (row !== undefined) out.push({ key, row });
  }
  return out;
}

/** Indices of the k largest probabilities, best first (ties by index, so the order is stable). */
export function topIndices(p: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < p.length; i++) {
    let pos = best.length;
    while (pos > 0 && p[best[pos - 1]!]! < p[i]!) pos--;
    if (pos < k) {
      best.splice(pos, 0, i);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/**
 * Distribution of a conditional label: Σ_v P(v) · P(label | x, v) over the top candidates v of the
 * given label (their probabilities renormalised).
 */
function conditionalDistribution(
  model: ClassifierModel,
  label: LabelModel,
  enc: Encoded,
  givenClasses: string[],
  givenP: Float64Array,
): Float64Array {
  const base = baseScores(label, enc);
  const K = label.classes.length;
  const C = label.weights.columns;
  const W = label.weights.weights;
  const cw = model.features.contextWeight;
  const mixed = new Float64Array(K);
  const candidates = topIndices(givenP, model.givenTopK);
  let mass = 0;
  for (const c of candidates) mass += givenP[c]!;
  for (const c of candidates) {
    const columnScores = base.slice();
    for (const { row } of crossFeatures(model, enc.input, givenClasses[c]!)) {
      if (row >= label.weights.rows) continue;
      axpy(cw, W, row * C, columnScores, 0, C);
    }
    const scores = softmax(columnScores);
    const w = mass > 0 ? givenP[c]! / mass : 1 / candidates.length;
    for (let k = 0; k < K; k++) mixed[k]! += w * scores[k]!;
  }
  return mixed;
}

type Shares = (readonly [number, number])[][];
const sharesCache = new WeakMap<ClassifierModel, Shares>();

/** f(c | r) for every reason: the share of its training reports filed under category c (by category index). */
function reasonShares(model: ClassifierModel): Shares {
  const cached = sharesCache.get(model);
  if (cached) return cached;
  const catIndex = new Map((model.labels.category?.classes ?? []).map((c, i) => [c, i]));
  const shares = (model.labels.reason?.classes ?? []).map((r) => {
    const counts = model.reasonCategory[r] ?? {};
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return Object.entries(counts).map(([c, n]) => [catIndex.get(c) ?? -1, n / total] as const);
  });
  sharesCache.set(model, shares);
  return shares;
}

/** Combines the reason model with the (calibrated) category distribution, as the model's reasonMode says. */
function reconcileReason(
  model: ClassifierModel,
  reasonP: Float64Array,
  categoryP: Float64Array | null,
): Float64Array {
  const category = model.labels.category;
  if (model.reasonMode === 'flat' || !category || !categoryP) return reasonP;
  const shares = reasonShares(model);
  if (model.reasonMode === 'constrained') {
    const top = topIndices(categoryP, 1)[0]!;
    const out = new Float64Array(reasonP.length);
    let sum = 0;
    for (let r = 0; r < reasonP.length; r++) {
      if (shares[r]!.some(([c]) => c === top)) {
        out[r] = reasonP[r]!;
        sum += reasonP[r]!;
      }
    }
    if (sum === 0) return reasonP;
    for (let r = 0; r < out.length; r++) out[r]! /= sum;
    return out;
  }
  const massPerCategory = new Float64Array(category.classes.length);
  for (let r = 0; r < reasonP.length; r++) {
    for (const [c, f] of shares[r]!) if (c >= 0) massPerCategory[c]! += reasonP[r]! * f;
  }
  const out = new Float64Array(reasonP.length);
  let sum = 0;
  for (let r = 0; r < reasonP.length; r++) {
    let v = 0;
    for (const [c, f] of shares[r]!) {
      if (c >= 0 && massPerCategory[c]! > 0) v += categoryP[c]! * ((reasonP[r]! * f) / massPerCategory[c]!);
    }
    out[r] = v;
    sum += v;
  }
  if (sum <= 0) return reasonP;
  for (let r = 0; r < out.length; r++) out[r]! /= sum;
  return out;
}

/** Blocks [from, to) of a hierarchical label's columns, one per parent class. */
const blocksCache = new WeakMap<LabelModel, [number, number][]>();
export function hierarchyBlocks(label: LabelModel): [number, number][] {
  const cached = blocksCache.get(label);
  if (cached) return cached;
  const parents = label.hierarchy!.columnParent;
  const blocks: [number, number][] = [];
  for (let j = 0; j < parents.length; j++) {
    if (j === 0 || parents[j] !== parents[j - 1]) blocks.push([j, j + 1]);
    else blocks[blocks.length - 1]![1] = j + 1;
  }
  blocksCache.set(label, blocks);
  return blocks;
}

/** Σ_parent P(parent) · P(class | parent): a softmax within each parent's block, weighted by the parent's probability. */
function hierarchicalDistribution(label: LabelModel, enc: Encoded, parentP: Float64Array): Float64Array {
  const { columnParent, columnClass } = label.hierarchy!;
  const scores = baseScores(label, enc);
  const out = new Float64Array(label.classes.length);
  for (const [from, to] of hierarchyBlocks(label)) {
    softmaxRange(scores, from, to);
    const pp = parentP[columnParent[from]!]!;
    for (let j = from; j < to; j++) out[columnClass[j]!]! += pp * scores[j]!;
  }
  return out;
}

export type Distributions = Partial<Record<LabelName, Float64Array>>;

/**
 * The calibrated distribution of every label, in order (category, reason, executor_org). With
 * `uncalibrated` set to a label, that label's distribution is returned before its temperature
 * (used while the temperature is being fitted).
 */
export function distributions(model: ClassifierModel, enc: Encoded, uncalibrated?: LabelName): Distributions {
  const out: Distributions = {};
  for (const name of LABELS) {
    const label = model.labels[name];
    if (!label) continue;
    let p: Float64Array;
    const givenLabel = label.given ? model.labels[label.given] : undefined;
    const givenP = label.given ? out[label.given] : undefined;
    const parentP = label.hierarchy ? out[label.hierarchy.parent] : undefined;
    if (givenLabel && givenP) p = conditionalDistribution(model, label, enc, givenLabel.classes, givenP);
    else if (parentP) p = hierarchicalDistribution(label, enc, parentP);
    else p = softmax(baseScores(label, enc));
    if (name === 'reason' && !label.hierarchy) p = reconcileReason(model, p, out.category ?? null);
    out[name] = name === uncalibrated ? p : temper(p, label.temperature);
    if (name === uncalibrated) break;
  }
  return out;
}
