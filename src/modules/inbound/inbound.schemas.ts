import { z } from 'zod';
import { isoDaySchema } from '../calendar/calendar.schemas.ts';
import { actionBodySchemas } from '../reports/reports.schemas.ts';

/** `X-API-Key`: a key issued to a client bound to an organisation. */
export const apiKeyHeaderSchema = z.object({ 'x-api-key': z.string().min(1).max(200).optional() });

/**
 * An organisation's answer from its own system. `stage` says how far it goes: a draft, submitted for
 * review (the default), or published — each allowed only as far as the organisation's permissions go.
 */
export const inboundAnswerBodySchema = z
  .object({
    text: z.string().trim().min(20).max(5000),
    result: z.enum(['solved', 'explained', 'planned', 'rejected']),
    plannedDate: isoDaySchema.optional(),
    legalReason: z.string().trim().min(5).max(1000).optional(),
    stage: z.enum(['draft', 'submit', 'publish']).default('submit'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.result === 'planned' && !b.plannedDate)
      ctx.addIssue({ code: 'custom', path: ['plannedDate'], message: 'vmeste:planned_date_required' });
    if (b.result === 'rejected' && !b.legalReason)
      ctx.addIssue({ code: 'custom', path: ['legalReason'], message: 'vmeste:legal_reason_required' });
  });
export type InboundAnswer = z.output<typeof inboundAnswerBodySchema>;

export const inboundStartBodySchema = actionBodySchemas.start;
