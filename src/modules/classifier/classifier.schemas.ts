import { z } from 'zod';

export const suggestBodySchema = z.object({
  text: z.string().max(100_000),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});

export const suggestionListSchema = z.object({
  items: z.array(z.object({ categoryId: z.uuid(), code: z.string(), p: z.number() })),
});
export type SuggestionList = z.infer<typeof suggestionListSchema>;

export const modelInfoSchema = z.object({
  id: z.uuid(),
  status: z.enum(['active', 'retired', 'rejected']),
  trainedOn: z.number().int(),
  trigger: z.enum(['seed', 'schedule', 'admin']),
  metrics: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const classifierStatusSchema = z.object({
  active: modelInfoSchema.nullable(),
  models: z.array(modelInfoSchema),
  correctionLabels: z.number().int(),
  retrainSchedule: z.string().nullable(),
});
export type ClassifierStatus = z.infer<typeof classifierStatusSchema>;

export const retrainResponseSchema = z.object({ jobId: z.string() });
