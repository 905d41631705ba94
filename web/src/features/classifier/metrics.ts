import type { ModelInfo } from '@shared/classifier/classifier.schemas.ts';
import { z } from 'zod';

/** What the classifier predicts, in the order the screen shows it. */
export const classifierLabels = ['category', 'reason', 'executor_org'] as const;
export type ClassifierLabel = (typeof classifierLabels)[number];

const scoresSchema = z.record(z.string(), z.number());
const metricsSchema = z.object({
  heldOut: z.number().optional(),
  candidate: scoresSchema.optional(),
  previous: scoresSchema.nullable().optional(),
});

export type ModelMetrics = {
  /** Reports in the held-out slice both models were judged on. */
  heldOut: number | null;
  /** Accuracy 0..1 of this model per label. */
  candidate: Partial<Record<string, number>>;
  /** Accuracy of the model active at the time, on the same slice (null for the first model). */
  previous: Partial<Record<string, number>> | null;
};

/** The model's figures; the server keeps them as an open record, so anything unexpected is left out. */
export function modelMetrics(model: ModelInfo): ModelMetrics {
  const parsed = metricsSchema.safeParse(model.metrics);
  if (!parsed.success) return { heldOut: null, candidate: {}, previous: null };
  return {
    heldOut: parsed.data.heldOut ?? null,
    candidate: parsed.data.candidate ?? {},
    previous: parsed.data.previous ?? null,
  };
}
