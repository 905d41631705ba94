import { z } from 'zod';

/**
 * A report's `routing` record (staff only) as the server writes it. The shared schema keeps it an
 * open record; these are the shapes the web app knows how to explain.
 */
const noSingleRule = z.enum(['no_rule', 'ambiguous_rules']);

const ruleSchema = z.object({ method: z.literal('rule'), territorySpecific: z.boolean().optional() });

const classifierSchema = z.object({
  method: z.literal('classifier'),
  rules: noSingleRule.optional(),
  organisationId: z.string().optional(),
  confidence: z.number(),
  threshold: z.number(),
  terms: z.array(z.string()).default([]),
});

const curatorQueueSchema = z.object({
  method: z.literal('curator'),
  reason: noSingleRule,
  candidateOrganisationIds: z.array(z.string()).default([]),
  classifier: z.object({ confidence: z.number(), threshold: z.number() }).optional(),
});

const curatorAssignedSchema = z.object({
  method: z.literal('curator'),
  organisationId: z.string(),
  previous: z.unknown().optional(),
});

const proposalSchema = z.object({ proposedRules: z.array(z.unknown()) });

export type Routing =
  | ({ kind: 'rule' } & z.infer<typeof ruleSchema>)
  | ({ kind: 'classifier' } & z.infer<typeof classifierSchema>)
  | ({ kind: 'curator' } & z.infer<typeof curatorQueueSchema>)
  | ({ kind: 'assigned'; previous: Routing | null } & Omit<z.infer<typeof curatorAssignedSchema>, 'previous'>)
  | { kind: 'proposal'; rules: number }
  | { kind: 'other'; method: string };

/** The routing record in a form the UI can explain; null when there is nothing to say. */
export function parseRouting(value: unknown, depth = 0): Routing | null {
  if (!value || typeof value !== 'object') return null;
  const rule = ruleSchema.safeParse(value);
  if (rule.success) return { kind: 'rule', ...rule.data };
  const classifier = classifierSchema.safeParse(value);
  if (classifier.success) return { kind: 'classifier', ...classifier.data };
  const queue = curatorQueueSchema.safeParse(value);
  if (queue.success) return { kind: 'curator', ...queue.data };
  const assigned = curatorAssignedSchema.safeParse(value);
  if (assigned.success)
    return {
      kind: 'assigned',
      ...assigned.data,
      // One step back is enough to explain a reassignment; older history is in the timeline.
      previous: depth === 0 ? parseRouting(assigned.data.previous, depth + 1) : null,
    };
  const proposal = proposalSchema.safeParse(value);
  if (proposal.success) return { kind: 'proposal', rules: proposal.data.proposedRules.length };
  const method = (value as { method?: unknown }).method;
  return typeof method === 'string' ? { kind: 'other', method } : null;
}

/**
 * One piece of the classifier's evidence: a word or word pair from the text, the subject the model
 * read in the text (`given=<subject code>`) or the district (`district=<name>`). Combined keys
 * (`district=…|given=…`, map cells, hashed buckets) say nothing readable and are left out.
 */
export type Term =
  | { kind: 'word'; text: string }
  | { kind: 'subject'; code: string }
  | { kind: 'district'; name: string };

export function readableTerms(terms: string[], max = 5): { shown: Term[]; more: boolean } {
  const readable = terms.flatMap((raw): Term[] => {
    const term = raw.trim();
    if (term === '' || term.includes('|') || /^#\d+$/.test(term)) return [];
    const [key, value] = term.split('=', 2);
    if (value === undefined) return [{ kind: 'word', text: term }];
    if (key === 'given' && value) return [{ kind: 'subject', code: value }];
    if (key === 'district' && value) return [{ kind: 'district', name: value }];
    return [];
  });
  return { shown: readable.slice(0, max), more: readable.length > max };
}
