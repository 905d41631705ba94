import type { ClassifierModel, LabelModel } from './model.ts';
import { MAX_TEXT_CHARS } from './normalize.ts';
import { crossFeatures, distributions, type Encoded, encode, topIndices } from './predict.ts';
import { LABELS, type LabelName, type ReportInput } from './types.ts';

export interface Candidate {
  label: string;
  p: number;
}

export interface LabelPrediction {
  /** The most likely value. */
  label: string;
  /** Its calibrated probability. */
  p: number;
  /**
   * What routing should gate on: `p`, except 0 when the text gave the model nothing to go on
   * (empty, emoji only, unknown words): such reports go to a person, whatever the location suggests.
   */
  confidence: number;
  top3: Candidate[];
}

export interface Contribution {
  /** The word, word pair or context value ("district=невский") the evidence came from. */
  term: string;
  weight: number;
}

export type Explanation = Partial<Record<LabelName, { label: string; p: number; terms: Contribution[] }>>;

export type PredictionWarning = 'empty_text' | 'no_text_features' | 'text_truncated';

export interface Prediction {
  category: LabelPrediction | null;
  reason: LabelPrediction | null;
  executor_org: LabelPrediction | null;
  /** The terms that pushed each predicted label up most (relative to the other labels). */
  explanation: Explanation;
  warnings: PredictionWarning[];
}

export interface ClassifyOptions {
  /** Contributing terms to keep per label (default 5; 0 skips the explanation). */
  explainTerms?: number;
}

/** Evidence for class k of each feature: value × (w_k − mean_j w_j), summed per readable term. */
function contributions(
  model: ClassifierModel,
  label: LabelModel,
  enc: Encoded,
  column: number,
  given: string | null,
): Contribution[] {
  const byTerm = new Map<string, number>();
  const addRow = (row: number, value: number, term: string) => {
    if (row >= label.weights.rows) return;
    const C = label.weights.columns;
    const W = label.weights.weights;
    let mean = 0;
    for (let j = 0; j < C; j++) mean += W[row * C + j]!;
    mean /= C;
    byTerm.set(term, (byTerm.get(term) ?? 0) + value * (W[row * C + column]! - mean));
  };
  const { idx, val } = enc.vector;
  for (let j = 0; j < idx.length; j++) {
    const bucket = model.vocabulary.buckets[idx[j]!]!;
    addRow(idx[j]!, val[j]!, enc.raw.terms?.get(bucket) ?? `#${bucket}`);
  }
  if (given !== null) {
    for (const { key, row } of crossFeatures(model, enc.input, given))
      addRow(row, model.features.contextWeight, key);
  }
  return [...byTerm]
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([term, weight]) => ({ term, weight: Math.round(weight * 1000) / 1000 }));
}

/** The weight column of a class: itself, or in a hierarchical label its column under the predicted parent. */
function columnOf(model: ClassifierModel, label: LabelModel, k: number, prediction: Prediction): number {
  if (!label.hierarchy) return k;
  const { parent, columnParent, columnClass } = label.hierarchy;
  const parentIndex = model.labels[parent]?.classes.indexOf(prediction[parent]?.label ?? '') ?? -1;
  let fallback = -1;
  for (let j = 0; j < columnClass.length; j++) {
    if (columnClass[j] !== k) continue;
    if (columnParent[j] === parentIndex) return j;
    if (fallback < 0) fallback = j;
  }
  return fallback;
}

/** Predicts category, reason and executor_org of a report, each with a calibrated probability and a top 3. */
export function classify(
  model: ClassifierModel,
  input: ReportInput,
  options: ClassifyOptions = {},
): Prediction {
  const explainTerms = options.explainTerms ?? 5;
  const text = typeof input.text === 'string' ? input.text : '';
  const enc = encode(model, { ...input, text }, explainTerms > 0);
  const warnings: PredictionWarning[] = [];
  if (text.trim() === '') warnings.push('empty_text');
  const noText = enc.vector.textFeatures === 0 || enc.raw.lexicalTokens === 0;
  if (noText && warnings.length === 0) warnings.push('no_text_features');
  if (text.length > MAX_TEXT_CHARS) warnings.push('text_truncated');
  const dists = distributions(model, enc);
  const prediction: Prediction = {
    category: null,
    reason: null,
    executor_org: null,
    explanation: {},
    warnings,
  };
  for (const name of LABELS) {
    const label = model.labels[name];
    const p = dists[name];
    if (!label || !p) continue;
    const top = topIndices(p, 3);
    const best = top[0]!;
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    prediction[name] = {
      label: label.classes[best]!,
      p: round(p[best]!),
      confidence: noText ? 0 : round(p[best]!),
      top3: top.map((i) => ({ label: label.classes[i]!, p: round(p[i]!) })),
    };
    if (explainTerms > 0) {
      const givenName = label.given;
      const given = givenName ? (prediction[givenName]?.label ?? null) : null;
      prediction.explanation[name] = {
        label: label.classes[best]!,
        p: round(p[best]!),
        terms: contributions(model, label, enc, columnOf(model, label, best, prediction), given).slice(
          0,
          explainTerms,
        ),
      };
    }
  }
  return prediction;
}

/** One line per predicted label: the label, its probability and the terms that chose it (for routing records). */
export function explain(prediction: Prediction): string[] {
  const lines: string[] = [];
  for (const name of LABELS) {
    const e = prediction.explanation[name];
    if (!e) continue;
    const terms = e.terms.map((t) => `${t.term} (+${t.weight.toFixed(2)})`).join(', ');
    lines.push(`${name} = ${e.label} (p = ${e.p.toFixed(2)})${terms ? `: ${terms}` : ''}`);
  }
  if (prediction.warnings.length > 0) lines.push(`warnings: ${prediction.warnings.join(', ')}`);
  return lines;
}
