import type { ModelInfo } from '@shared/classifier/classifier.schemas.ts';
import { z } from 'zod';

/** What the classifier predicts, in the order the screen shows it. */
export const classifierLabels = ['category', 'reason', 'executor_org'] as const;
export type ClassifierLabel = (typeof classifierLabels)[number];

const scoresSchema = z.record(z.string(), z.number());
const moveSchema = z.object({
  label: z.enum(['category', 'executor_org']),
  from: z.string().nullable(),
  to: z.string(),
  reports: z.number(),
});
const metricsSchema = z.object({
  heldOut: z.number().optional(),
  candidate: scoresSchema.optional(),
  previous: scoresSchema.nullable().optional(),
  corrections: z.number().optional(),
  judgedOn: z.enum(['unseen', 'newest']).optional(),
  changes: z.object({ checked: z.number(), changed: z.number(), moves: z.array(moveSchema) }).optional(),
});

export type RoutingMove = z.infer<typeof moveSchema>;

export type ModelMetrics = {
  /** Reports in the held-out slice both models were judged on. */
  heldOut: number | null;
  /** Accuracy 0..1 of this model per label. */
  candidate: Partial<Record<string, number>>;
  /** Accuracy of the model active at the time, on the same slice (null for the first model). */
  previous: Partial<Record<string, number>> | null;
  /** Staff corrections the training learnt from (null for models recorded before it was kept). */
  corrections: number | null;
  judgedOn: 'unseen' | 'newest' | null;
  /** Reports the new model routes differently from the one before it, and the largest moves. */
  changed: number | null;
  moves: RoutingMove[];
};

/** The model's figures; the server keeps them as an open record, so anything unexpected is left out. */
export function modelMetrics(model: ModelInfo): ModelMetrics {
  const parsed = metricsSchema.safeParse(model.metrics);
  if (!parsed.success)
    return {
      heldOut: null,
      candidate: {},
      previous: null,
      corrections: null,
      judgedOn: null,
      changed: null,
      moves: [],
    };
  return {
    heldOut: parsed.data.heldOut ?? null,
    candidate: parsed.data.candidate ?? {},
    previous: parsed.data.previous ?? null,
    corrections: parsed.data.corrections ?? null,
    judgedOn: parsed.data.judgedOn ?? null,
    changed: parsed.data.changes?.changed ?? null,
    moves: parsed.data.changes?.moves ?? [],
  };
}
