import { z } from 'zod';

/** The resident confirms in so many words: an erasure cannot be undone. */
export const selfErasureBodySchema = z.object({ confirm: z.literal(true) });

/** An admin erases on a request received by other means; `reference` is the request's number, not a name. */
export const adminErasureBodySchema = z.object({
  reference: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\p{L}\p{N} .,/№#_-]+$/u),
});

export const erasureResponseSchema = z.object({
  status: z.literal('erased'),
  /** True when the account had been erased before (the request changed nothing). */
  alreadyErased: z.boolean(),
  reports: z.number().int(),
  anonymisedTexts: z.number().int(),
  appeals: z.number().int(),
});

export type ErasureResult = z.infer<typeof erasureResponseSchema>;
