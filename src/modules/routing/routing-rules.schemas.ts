import { z } from 'zod';

/** A local date, "yyyy-mm-dd", that exists in the calendar. */
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'vmeste:routing_rule_date_format')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'vmeste:routing_rule_date_format');

const ref = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.object({ ru: z.string(), en: z.string() }),
});

export const routingRuleSchema = z.object({
  id: z.uuid(),
  category: ref.extend({ isActive: z.boolean() }),
  /** Null: anywhere in the region. */
  territory: ref.nullable(),
  organisation: ref.extend({ isActive: z.boolean() }),
  /** Within one territory level, the highest priority wins. */
  priority: z.number().int(),
  /** Local dates, inclusive; null is an open end. */
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** Applies today (valid on today's date, for an active category and organisation). */
  inForce: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const routingRuleListSchema = z.object({
  items: z.array(routingRuleSchema),
  /** Active subjects × districts that no rule covers today (the classifier or the curator decides). */
  gaps: z.array(z.object({ categoryId: z.uuid(), territoryId: z.uuid() })),
  /** Pairs of rules of equal priority for the same category and territory whose dates meet. */
  overlaps: z.array(z.object({ ruleIds: z.tuple([z.uuid(), z.uuid()]) })),
});
export type RoutingRuleList = z.infer<typeof routingRuleListSchema>;

export const routingRuleQuerySchema = z.object({
  categoryId: z.uuid().optional(),
  territoryId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
});

export const createRoutingRuleSchema = z.strictObject({
  categoryId: z.uuid(),
  territoryId: z.uuid().nullable().default(null),
  organisationId: z.uuid(),
  priority: z.number().int().min(-1000).max(1000).default(0),
  validFrom: localDate.nullable().default(null),
  validTo: localDate.nullable().default(null),
});
export type CreateRoutingRule = z.infer<typeof createRoutingRuleSchema>;

export const updateRoutingRuleSchema = z.strictObject({
  categoryId: z.uuid().optional(),
  territoryId: z.uuid().nullable().optional(),
  organisationId: z.uuid().optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  validFrom: localDate.nullable().optional(),
  validTo: localDate.nullable().optional(),
});
export type UpdateRoutingRule = z.infer<typeof updateRoutingRuleSchema>;

export const routingRuleParamsSchema = z.object({ id: z.uuid() });

export const routingTestQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  categoryId: z.uuid(),
  /** A report's text: where the rules give no single organisation, the classifier reads it. */
  text: z.string().trim().max(5000).optional(),
  /** The local date to test (default today): rules with validity dates differ by date. */
  date: localDate.optional(),
});

export const routingTestResultSchema = z.object({
  /** Null when the report would wait for the curator. */
  organisationId: z.uuid().nullable(),
  decidedBy: z.enum(['rule', 'classifier', 'curator']),
  ruleId: z.uuid().optional(),
  /** The district the point falls in (or the nearest within the tolerance). */
  territoryId: z.uuid(),
  /** Why the rules did not decide: no rule, or rules of equal standing naming different organisations. */
  reason: z.enum(['no_rule', 'ambiguous_rules']).optional(),
  candidateOrganisationIds: z.array(z.uuid()).optional(),
  confidence: z.number().optional(),
});
export type RoutingTestResult = z.infer<typeof routingTestResultSchema>;
