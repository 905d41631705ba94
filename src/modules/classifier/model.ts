import type { Reliability } from './calibration.ts';
import type { LinearWeights } from './linear.ts';
import type { FeatureConfig, LabelName } from './types.ts';
import type { Vocabulary } from './vectorizer.ts';

/** How the reason (subject) is reconciled with the category it belongs to. */
export type ReasonMode =
  /** The reason model alone. */
  | 'flat'
  /** P(reason) = P(category) · P(reason | category), P(reason | category) from the reason model renormalised within the category. */
  | 'joint'
  /** Only reasons of the most likely category. */
  | 'constrained'
  /**
   * A hierarchical softmax: one softmax over the reasons of each category, trained only within the
   * report's own category; P(reason) = Σ_c P(c) · P(reason | c).
   */
  | 'hierarchical';

export interface LabelModel {
  classes: string[];
  weights: LinearWeights;
  /** Calibration temperature of the final distribution, fitted on the held-out slice. */
  temperature: number;
  /** A conditional model crosses its context with this label's value and sums over its top candidates. */
  given: LabelName | null;
  /**
   * A hierarchical model: weight column j is class columnClass[j] under class columnParent[j] of the
   * parent label; columns are sorted by parent, so each parent's children are one block.
   */
  hierarchy: { parent: LabelName; columnParent: Int32Array; columnClass: Int32Array } | null;
}

export interface LabelReport {
  trained: number;
  skipped: number;
  classes: number;
  heldOut: number;
  heldOutAccuracy: number | null;
  temperature: number;
  /** Reliability of the calibrated confidence on the held-out slice. */
  reliability: Reliability | null;
  /** Lowest confidence whose held-out precision is ≥ 97 % (Wilson lower bound, 95 %), with its held-out coverage. */
  threshold97: { threshold: number; coverage: number; precision: number } | null;
}

export interface TrainingInfo {
  examples: number;
  labels: Partial<Record<LabelName, LabelReport>>;
}

export interface ClassifierModel {
  formatVersion: 1;
  features: FeatureConfig;
  vocabulary: Vocabulary;
  labels: Partial<Record<LabelName, LabelModel>>;
  /** reason → category → training count: a reason belongs to one category (rarely two). */
  reasonCategory: Record<string, Record<string, number>>;
  reasonMode: ReasonMode;
  /** How many candidate values of the given label a conditional model sums over. */
  givenTopK: number;
  info: TrainingInfo;
}
