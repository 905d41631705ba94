import { fitTemperature, reliability, thresholdForPrecision } from './calibration.ts';
import { crossKeys, extractFeatures, hashCross, type RawFeatures } from './features.ts';
import { type Dataset, DEFAULT_SGD, type SgdOptions, type SparseRows, trainSoftmax } from './linear.ts';
import type { ClassifierModel, LabelModel, LabelReport, ReasonMode } from './model.ts';
import { normalizeText } from './normalize.ts';
import { distributions, encode, topIndices } from './predict.ts';
import {
  DEFAULT_FEATURES,
  type FeatureConfig,
  LABELS,
  type LabelName,
  type TrainingExample,
} from './types.ts';
import { crossRows, fitVocabulary, type SparseVector, type Vocabulary, vectorize } from './vectorizer.ts';

export interface TrainOptions {
  features?: Partial<FeatureConfig>;
  sgd?: Partial<SgdOptions>;
  /** Per-label overrides of the SGD options (e.g. more epochs for executor_org). */
  labelSgd?: Partial<Record<LabelName, Partial<SgdOptions>>>;
  reasonMode?: ReasonMode;
  /** The label executor_org is conditioned on (crossed with district and object type), or null. */
  executorGiven?: 'reason' | 'category' | null;
  givenTopK?: number;
  /** Share of the newest reports held out to fit the calibration temperature (0 = no calibration). */
  heldOutShare?: number;
  /** After calibrating, train again on all reports (the temperatures carry over). */
  refit?: boolean;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface TrainResult {
  model: ClassifierModel;
  seconds: number;
}

/** The key under which two report texts count as the same text (normalised: case, ё, spaces, URLs). */
export function textKey(text: string): string {
  return normalizeText(text);
}

function labelOf(example: TrainingExample, name: LabelName): string | null {
  const v = example[name];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function sortedClasses(examples: TrainingExample[], name: LabelName): string[] {
  const set = new Set<string>();
  for (const ex of examples) {
    const v = labelOf(ex, name);
    if (v !== null) set.add(v);
  }
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Concatenates sparse vectors into one CSR. */
function toRows(vectors: SparseVector[]): SparseRows {
  let nnz = 0;
  for (const v of vectors) nnz += v.idx.length;
  const indptr = new Int32Array(vectors.length + 1);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let at = 0;
  for (let i = 0; i < vectors.length; i++) {
    idx.set(vectors[i]!.idx, at);
    val.set(vectors[i]!.val, at);
    at += vectors[i]!.idx.length;
    indptr[i + 1] = at;
  }
  return { indptr, idx, val };
}

interface Settings {
  features: FeatureConfig;
  sgd: SgdOptions;
  labelSgd: Partial<Record<LabelName, Partial<SgdOptions>>>;
  reasonMode: ReasonMode;
  executorGiven: LabelName | null;
  givenTopK: number;
  classes: Partial<Record<LabelName, string[]>>;
  reasonCategory: Record<string, Record<string, number>>;
  log: (message: string) => void;
}

function emptyReport(trained: number, skipped: number, classes: number): LabelReport {
  return {
    trained,
    skipped,
    classes,
    heldOut: 0,
    heldOutAccuracy: null,
    temperature: 1,
    reliability: null,
    threshold97: null,
  };
}

interface ReasonColumns {
  columnParent: Int32Array;
  columnClass: Int32Array;
  /** The column of a (reason, category) pair and its category's block; a missing category is taken as the reason's usual one. */
  columnOf(reason: string, category: string | null): { column: number; from: number; to: number } | null;
}

/** One weight column per (category, reason) pair seen in training, grouped by category. */
function reasonColumns(s: Settings): ReasonColumns | null {
  const categories = s.classes.category;
  const reasons = s.classes.reason;
  if (!categories || !reasons) return null;
  const catIndex = new Map(categories.map((c, i) => [c, i]));
  const reasonIndex = new Map(reasons.map((r, i) => [r, i]));
  const pairs: [number, number][] = [];
  for (const [r, counts] of Object.entries(s.reasonCategory)) {
    for (const c of Object.keys(counts)) pairs.push([catIndex.get(c)!, reasonIndex.get(r)!]);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const columnParent = Int32Array.from(pairs.map((p) => p[0]));
  const columnClass = Int32Array.from(pairs.map((p) => p[1]));
  const columnByPair = new Map(pairs.map((p, j) => [`${p[0]}|${p[1]}`, j]));
  const block = new Map<number, [number, number]>();
  pairs.forEach(([c], j) => {
    const b = block.get(c);
    if (b) b[1] = j + 1;
    else block.set(c, [j, j + 1]);
  });
  const usual = (reason: string): string | null => {
    const counts = Object.entries(s.reasonCategory[reason] ?? {});
    counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return counts[0]?.[0] ?? null;
  };
  return {
    columnParent,
    columnClass,
    columnOf(reason, category) {
      const c = catIndex.get(
        (category && s.reasonCategory[reason]?.[category] ? category : usual(reason)) ?? '',
      );
      const r = reasonIndex.get(reason);
      if (c === undefined || r === undefined) return null;
      const column = columnByPair.get(`${c}|${r}`);
      if (column === undefined) return null;
      const [from, to] = block.get(c)!;
      return { column, from, to };
    },
  };
}

/** Raw features are large (a map per report); they live only in here, until the sparse rows are made. */
function encodeAll(
  examples: TrainingExample[],
  crossBuckets: number[][],
  cfg: FeatureConfig,
): { vocabulary: Vocabulary; rows: SparseRows } {
  const raws: RawFeatures[] = examples.map((ex) => extractFeatures(ex, cfg));
  const vocabulary = fitVocabulary(raws, crossBuckets, cfg);
  return { vocabulary, rows: toRows(raws.map((raw) => vectorize(raw, vocabulary, cfg))) };
}

/** Fits the vocabulary and one linear model per label on these examples (temperatures 1). */
function fitOnce(examples: TrainingExample[], s: Settings): ClassifierModel {
  const cfg = s.features;
  const t0 = Date.now();
  const given =
    s.executorGiven && s.classes[s.executorGiven] && s.classes.executor_org ? s.executorGiven : null;
  const crossBuckets: number[][] = examples.map((ex) => {
    const value = given ? labelOf(ex, given) : null;
    return value && labelOf(ex, 'executor_org') ? crossKeys(ex, value).map((k) => hashCross(k, cfg)) : [];
  });
  const { vocabulary, rows: csr } = encodeAll(examples, crossBuckets, cfg);
  s.log(
    `features: ${vocabulary.sharedRows} shared rows, ${vocabulary.buckets.length - vocabulary.sharedRows} cross rows ` +
      `(${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const labels: Partial<Record<LabelName, LabelModel>> = {};
  const reports: Partial<Record<LabelName, LabelReport>> = {};
  for (const name of LABELS) {
    const classes = s.classes[name];
    if (!classes) continue;
    const index = new Map(classes.map((c, i) => [c, i]));
    const hierarchy = name === 'reason' && s.reasonMode === 'hierarchical' ? reasonColumns(s) : null;
    const chosen: number[] = [];
    const extraPtr: number[] = [0];
    const extraIdx: number[] = [];
    const y: number[] = [];
    const blockFrom: number[] = [];
    const blockTo: number[] = [];
    const conditional = name === 'executor_org' && given !== null;
    for (let i = 0; i < examples.length; i++) {
      const v = labelOf(examples[i]!, name);
      if (v === null) continue;
      if (hierarchy) {
        const column = hierarchy.columnOf(v, labelOf(examples[i]!, 'category'));
        if (column === null) continue;
        y.push(column.column);
        blockFrom.push(column.from);
        blockTo.push(column.to);
      } else y.push(index.get(v)!);
      chosen.push(i);
      if (conditional) {
        extraIdx.push(...crossRows(crossBuckets[i]!, vocabulary));
        extraPtr.push(extraIdx.length);
      }
    }
    const rows = conditional ? vocabulary.buckets.length : vocabulary.sharedRows;
    const sgd = { ...s.sgd, ...s.labelSgd[name] };
    const t1 = Date.now();
    const data: Dataset = { ...csr, examples: Int32Array.from(chosen), y: Int32Array.from(y) };
    if (conditional) {
      data.extra = {
        indptr: Int32Array.from(extraPtr),
        idx: Int32Array.from(extraIdx),
        val: cfg.contextWeight,
      };
    }
    if (hierarchy)
      Object.assign(data, { blockFrom: Int32Array.from(blockFrom), blockTo: Int32Array.from(blockTo) });
    const columns = hierarchy ? hierarchy.columnClass.length : classes.length;
    const weights = trainSoftmax(data, columns, rows, sgd);
    s.log(
      `${name}: ${y.length} reports, ${classes.length} classes, trained in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
    labels[name] = {
      classes,
      weights,
      temperature: 1,
      given: conditional ? given : null,
      hierarchy: hierarchy
        ? { parent: 'category', columnParent: hierarchy.columnParent, columnClass: hierarchy.columnClass }
        : null,
    };
    reports[name] = emptyReport(y.length, examples.length - y.length, classes.length);
  }
  return {
    formatVersion: 1,
    features: cfg,
    vocabulary,
    labels,
    reasonCategory: s.reasonCategory,
    reasonMode: s.reasonMode,
    givenTopK: s.givenTopK,
    info: { examples: examples.length, labels: reports },
  };
}

/** Fits each label's temperature on the held-out reports, in label order, and records its reliability. */
function calibrate(model: ClassifierModel, heldOut: TrainingExample[]): void {
  const encoded = heldOut.map((ex) => encode(model, ex));
  for (const name of LABELS) {
    const label = model.labels[name];
    const report = model.info.labels[name];
    if (!label || !report) continue;
    const index = new Map(label.classes.map((c, i) => [c, i]));
    const dists: Float64Array[] = [];
    const truth: number[] = [];
    const which: number[] = [];
    for (let i = 0; i < heldOut.length; i++) {
      const k = index.get(labelOf(heldOut[i]!, name) ?? '');
      if (k === undefined) continue;
      dists.push(distributions(model, encoded[i]!, name)[name]!);
      truth.push(k);
      which.push(i);
    }
    if (dists.length < 30) continue;
    label.temperature = fitTemperature(dists, truth);
    const confidence: number[] = [];
    const correct: boolean[] = [];
    for (let i = 0; i < dists.length; i++) {
      const p = distributions(model, encoded[which[i]!]!)[name]!;
      const top = topIndices(p, 1)[0]!;
      confidence.push(p[top]!);
      correct.push(top === truth[i]);
    }
    Object.assign(report, {
      heldOut: dists.length,
      heldOutAccuracy: correct.filter(Boolean).length / correct.length,
      temperature: label.temperature,
      reliability: reliability(confidence, correct),
      threshold97: thresholdForPrecision(confidence, correct, 0.97, { z: 1.645 }),
    });
  }
}

/**
 * The newest `share` of the examples (by `dt` when every example has one, else the last lines), minus
 * any whose text also occurs among the rest, so the slice is like reports the model has not seen.
 */
export function holdOutNewest(
  examples: TrainingExample[],
  share: number,
): { fitPart: TrainingExample[]; heldOut: TrainingExample[] } {
  const dated = examples.every((ex) => typeof ex.dt === 'string' && ex.dt !== '');
  const order = examples.map((_, i) => i);
  if (dated)
    order.sort((a, b) =>
      examples[a]!.dt! < examples[b]!.dt! ? -1 : examples[a]!.dt! > examples[b]!.dt! ? 1 : a - b,
    );
  const cut = examples.length - Math.round(examples.length * share);
  const fitPart = order.slice(0, cut).map((i) => examples[i]!);
  const seen = new Set(fitPart.map((ex) => textKey(ex.text)));
  const heldOut = order
    .slice(cut)
    .map((i) => examples[i]!)
    .filter((ex) => !seen.has(textKey(ex.text)));
  return { fitPart, heldOut };
}

/** Trains a classifier for every label present in the examples; the same seed gives the same model. */
export function trainModel(examples: TrainingExample[], options: TrainOptions = {}): TrainResult {
  const started = Date.now();
  const seed = options.seed ?? DEFAULT_SGD.seed;
  const classes: Partial<Record<LabelName, string[]>> = {};
  for (const name of LABELS) {
    const c = sortedClasses(examples, name);
    if (c.length > 0) classes[name] = c;
  }
  if (Object.keys(classes).length === 0)
    throw new Error('No training example has a category, reason or executor_org label');
  const reasonCategory: Record<string, Record<string, number>> = {};
  for (const ex of examples) {
    const r = labelOf(ex, 'reason');
    const c = labelOf(ex, 'category');
    if (r === null || c === null) continue;
    const counts = reasonCategory[r] ?? {};
    counts[c] = (counts[c] ?? 0) + 1;
    reasonCategory[r] = counts;
  }
  const settings: Settings = {
    features: { ...DEFAULT_FEATURES, ...options.features },
    sgd: { ...DEFAULT_SGD, ...options.sgd, seed },
    labelSgd: options.labelSgd ?? {},
    reasonMode: options.reasonMode ?? 'joint',
    executorGiven: options.executorGiven === undefined ? 'reason' : options.executorGiven,
    givenTopK: options.givenTopK ?? 3,
    classes,
    reasonCategory,
    log: options.onProgress ?? (() => {}),
  };
  const share = options.heldOutShare ?? 0.1;
  const { fitPart, heldOut } =
    share > 0 ? holdOutNewest(examples, share) : { fitPart: examples, heldOut: [] };
  const usable = heldOut.length >= 30 && fitPart.length > 0;
  let model = fitOnce(usable ? fitPart : examples, settings);
  if (usable) {
    settings.log(
      `calibrating on ${heldOut.length} held-out reports (newest ${Math.round(share * 100)} %, texts unseen)`,
    );
    calibrate(model, heldOut);
    if (options.refit ?? true) {
      // Keep only the calibration results, so the first model's weights can be freed during the refit.
      const temperatures = LABELS.map((name) => model.labels[name]?.temperature ?? 1);
      const calibration = model.info.labels;
      model = fitOnce(examples, settings);
      LABELS.forEach((name, i) => {
        const label = model.labels[name];
        if (label) label.temperature = temperatures[i]!;
        const report = model.info.labels[name];
        const old = calibration[name];
        if (report && old)
          Object.assign(report, { ...old, trained: report.trained, skipped: report.skipped });
      });
    }
  }
  return { model, seconds: (Date.now() - started) / 1000 };
}
