import { classify } from './classify.ts';
import type { ClassifierModel } from './model.ts';
import type { ReportInput, TrainingExample } from './types.ts';

/**
 * How a retraining learns from staff corrections, shared by the product's retraining and the replay
 * benchmark (`npm run bench -- learning`), so that the benchmark measures what the product does.
 *
 * - `union`: the original training set plus every vetted report, a corrected report with its corrected
 *   labels, each once.
 * - `reweight`: the same, with every corrected report repeated `correctionWeight` times: a correction is
 *   a label a curator checked against a model that got it wrong, so it says more than one more report.
 *
 * The method is chosen by the benchmark's curve (docs/classifier.md, "Learning from corrections").
 */
export type UpdateMethod = 'union' | 'reweight';

export interface UpdateOptions {
  method: UpdateMethod;
  /** How many times a corrected report is learnt from under `reweight`. */
  correctionWeight: number;
}

/**
 * Union won the replay of February–March 2021: the same accuracy gain as reweighting, and twice the
 * share routable at ≥ 97 % precision (reweighting made the model's own threshold over-cautious).
 */
export const DEFAULT_UPDATE: UpdateOptions = { method: 'union', correctionWeight: 1 };

/** A labelled report; `corrected` when staff changed one of its labels (training_labels). */
export interface LabelledReport extends TrainingExample {
  corrected?: boolean;
  /** When the latest correction was made (ISO 8601). */
  correctedAt?: string;
}

const timeOf = (ex: TrainingExample) => (typeof ex.dt === 'string' ? Date.parse(ex.dt) || 0 : 0);

/** The examples a retraining learns from, oldest first (the newest are the calibration slice). */
export function retrainingSet(
  base: readonly TrainingExample[],
  vetted: readonly LabelledReport[],
  update: UpdateOptions = DEFAULT_UPDATE,
): TrainingExample[] {
  const out: TrainingExample[] = [...base];
  for (const { corrected, correctedAt: _at, ...ex } of vetted) {
    const times = corrected && update.method === 'reweight' ? Math.max(1, update.correctionWeight) : 1;
    for (let i = 0; i < times; i++) out.push(ex);
  }
  // Stable: examples filed at the same moment keep their order, so the same input gives the same model.
  return out
    .map((ex, i) => ({ ex, i, t: timeOf(ex) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.ex);
}

/** Reports whose predicted label went from one value to another, counted per pair. */
export interface RoutingMove {
  label: 'category' | 'executor_org';
  from: string | null;
  to: string;
  reports: number;
}

export interface RoutingChanges {
  /** Reports compared. */
  checked: number;
  /** Reports whose predicted category or organisation differs between the two models. */
  changed: number;
  /** The most frequent moves, largest first. */
  moves: RoutingMove[];
}

/** What a new model changes in the routing of the given reports, against the model it replaces. */
export function routingChanges(
  before: ClassifierModel | null,
  after: ClassifierModel,
  reports: readonly ReportInput[],
  limit = 10,
): RoutingChanges {
  const counts = new Map<string, RoutingMove>();
  let changed = 0;
  for (const report of reports) {
    const input: ReportInput = {
      text: report.text,
      district: report.district ?? null,
      city_object: report.city_object ?? null,
    };
    const next = classify(after, input, { explainTerms: 0 });
    const prev = before ? classify(before, input, { explainTerms: 0 }) : null;
    let moved = false;
    for (const label of ['category', 'executor_org'] as const) {
      const to = next[label]?.label;
      const from = prev?.[label]?.label ?? null;
      if (to === undefined || to === from) continue;
      moved = true;
      const key = `${label}|${from}|${to}`;
      const move = counts.get(key) ?? { label, from, to, reports: 0 };
      move.reports++;
      counts.set(key, move);
    }
    if (moved) changed++;
  }
  const moves = [...counts.values()]
    .sort((a, b) => b.reports - a.reports || a.label.localeCompare(b.label) || a.to.localeCompare(b.to))
    .slice(0, limit);
  return { checked: reports.length, changed, moves };
}
