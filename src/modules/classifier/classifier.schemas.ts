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

export const routingWeeksQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1).max(104).default(12),
});

/** One week of routing: how reports found their organisation, and how often the automatic way was wrong. */
export const routingWeekSchema = z.object({
  /** Monday of the week (Moscow time), YYYY-MM-DD. */
  week: z.string(),
  rule: z.number().int(),
  classifier: z.number().int(),
  curator: z.number().int(),
  ruleRedirected: z.number().int(),
  classifierRedirected: z.number().int(),
  /** Share of the automatic routings (rule or classifier) not redirected afterwards; null without any. */
  automaticPrecision: z.number().nullable(),
});
export type RoutingWeek = z.infer<typeof routingWeekSchema>;

export const routingWeeksSchema = z.object({ weeks: z.array(routingWeekSchema) });
export type RoutingWeeks = z.infer<typeof routingWeeksSchema>;
