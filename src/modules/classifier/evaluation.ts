import { type Reliability, reliability } from './calibration.ts';
import { classify } from './classify.ts';
import type { ClassifierModel } from './model.ts';
import { textKey } from './train.ts';
import { LABELS, type LabelName, type TrainingExample } from './types.ts';

export interface TimeSplit<T extends TrainingExample> {
  train: T[];
  test: T[];
  /** Test-month reports dropped because their text (normalised) also occurs in the training months. */
  duplicatesRemoved: number;
  /** Reports filed after the test month or without a date (used by neither side). */
  unused: number;
}

/** Train on every month before `month` (YYYY-MM), test on `month`, minus texts already seen in training. */
export function splitByMonth<T extends TrainingExample>(examples: T[], month: string): TimeSplit<T> {
  const train: T[] = [];
  const candidates: T[] = [];
  let unused = 0;
  for (const ex of examples) {
    const m = typeof ex.dt === 'string' ? ex.dt.slice(0, 7) : '';
    if (m === '') unused++;
    else if (m < month) train.push(ex);
    else if (m === month) candidates.push(ex);
    else unused++;
  }
  const seen = new Set(train.map((ex) => textKey(ex.text)));
  const test = candidates.filter((ex) => !seen.has(textKey(ex.text)));
  return { train, test, duplicatesRemoved: candidates.length - test.length, unused };
}

/** Mean F1 over every class that occurs in the truth or the predictions (as scikit-learn's macro average). */
export function macroF1(truth: string[], predicted: string[]): number {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const classes = new Set<string>([...truth, ...predicted]);
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === predicted[i]) inc(tp, truth[i]!);
    else {
      inc(fp, predicted[i]!);
      inc(fn, truth[i]!);
    }
  }
  let sum = 0;
  for (const c of classes) {
    const t = tp.get(c) ?? 0;
    const denom = 2 * t + (fp.get(c) ?? 0) + (fn.get(c) ?? 0);
    sum += denom > 0 ? (2 * t) / denom : 0;
  }
  return classes.size > 0 ? sum / classes.size : 0;
}

export interface GatingPoint {
  threshold: number;
  coverage: number;
  precision: number;
  routed: number;
}

/** Routing only when confidence ≥ t: the share routed (coverage) and the share of those routed right (precision). */
export function gatingCurve(confidence: number[], correct: boolean[], thresholds: number[]): GatingPoint[] {
  return thresholds.map((threshold) => {
    let routed = 0;
    let right = 0;
    for (let i = 0; i < confidence.length; i++) {
      if (confidence[i]! >= threshold) {
        routed++;
        if (correct[i]) right++;
      }
    }
    return {
      threshold,
      coverage: confidence.length > 0 ? routed / confidence.length : 0,
      precision: routed > 0 ? right / routed : 1,
      routed,
    };
  });
}

export const CURVE_THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99];

export interface LabelScore {
  n: number;
  accuracy: number;
  macroF1: number;
  reliability: Reliability;
  /** Routing curve of this label's confidence. */
  curve: GatingPoint[];
  /** Lowest threshold (0.50 … 0.99 by 0.01) whose precision is ≥ 97 %: the largest coverage. */
  best97: GatingPoint | null;
  /** The test figures at the threshold the model chose on its own held-out slice (no peeking at the test). */
  atModelThreshold: GatingPoint | null;
}

export interface EvaluationResult {
  labels: Partial<Record<LabelName, LabelScore>>;
  reports: number;
  classifyMs: { mean: number; p50: number; p99: number };
}

export function evaluateModel(model: ClassifierModel, test: TrainingExample[]): EvaluationResult {
  const truth: Record<LabelName, string[]> = { category: [], reason: [], executor_org: [] };
  const predicted: Record<LabelName, string[]> = { category: [], reason: [], executor_org: [] };
  const confidence: Record<LabelName, number[]> = { category: [], reason: [], executor_org: [] };
  const times: number[] = [];
  for (const ex of test) {
    const t0 = process.hrtime.bigint();
    const prediction = classify(model, ex);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    for (const name of LABELS) {
      const value = ex[name];
      const p = prediction[name];
      if (typeof value !== 'string' || value === '' || !p) continue;
      truth[name].push(value);
      predicted[name].push(p.label);
      confidence[name].push(p.confidence);
    }
  }
  const labels: Partial<Record<LabelName, LabelScore>> = {};
  const grid = Array.from({ length: 50 }, (_, i) => Math.round((0.5 + i * 0.01) * 100) / 100);
  for (const name of LABELS) {
    const n = truth[name].length;
    if (n === 0) continue;
    const correct = truth[name].map((t, i) => t === predicted[name][i]);
    const fine = gatingCurve(confidence[name], correct, grid);
    const own = model.info.labels[name]?.threshold97?.threshold;
    labels[name] = {
      n,
      accuracy: correct.filter(Boolean).length / n,
      macroF1: macroF1(truth[name], predicted[name]),
      reliability: reliability(confidence[name], correct),
      curve: gatingCurve(confidence[name], correct, CURVE_THRESHOLDS),
      best97: fine.find((g) => g.precision >= 0.97 && g.routed > 0) ?? null,
      atModelThreshold: own === undefined ? null : gatingCurve(confidence[name], correct, [own])[0]!,
    };
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    labels,
    reports: test.length,
    classifyMs: {
      mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
      p50: at(0.5),
      p99: at(0.99),
    },
  };
}
