import { z } from 'zod';
import { localisedNameSchema } from '../reference/reference.schemas.ts';
import { reportStatuses } from '../reports/report-states.ts';

/** How many similar reports are offered at most. */
export const SIMILAR_LIMIT = 5;
/** The start of a report's text shown in a list of similar ones. */
export const SHORT_TEXT_MAX = 200;

/** The report form asks while the resident writes: subject and point are needed, the text helps rank. */
export const similarQuerySchema = z.object({
  categoryId: z.uuid(),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  text: z.string().trim().max(5000).optional(),
});
export type SimilarQuery = z.output<typeof similarQuerySchema>;

/** A report offered as "already reported": public fields only, never who wrote it. */
export const similarReportSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(reportStatuses),
  category: z.object({ id: z.uuid(), code: z.string(), name: localisedNameSchema }),
  distanceMeters: z.number().int(),
  /** 0–1: how alike the texts are (absent text: 0). */
  similarity: z.number(),
  shortText: z.string(),
  supportCount: z.number().int(),
  createdAt: z.string(),
  /** The caller wrote it (so it cannot be supported, only opened). */
  isMine: z.boolean(),
  supportedByMe: z.boolean(),
});
export type SimilarReport = z.infer<typeof similarReportSchema>;
export const similarListSchema = z.object({ items: z.array(similarReportSchema) });

/** Support and merge facts added to every report view. */
export const duplicateFieldsSchema = z.object({
  /** Residents who support the report plus authors of duplicates merged into it. */
  supportCount: z.number().int(),
  supportedByMe: z.boolean(),
  /** The caller may support it now (a resident, not its author, the report open and not yet supported). */
  canSupport: z.boolean(),
  /** Where a merged report went. */
  mergedInto: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
});
export type DuplicateFields = z.infer<typeof duplicateFieldsSchema>;

/** Merge: the primary is named by id or by its public number (exactly one of the two). */
export const mergeBodySchema = z
  .object({
    primaryId: z.uuid().optional(),
    primaryNumber: z.number().int().min(1).optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const given = Number(b.primaryId !== undefined) + Number(b.primaryNumber !== undefined);
    if (given !== 1)
      for (const path of ['primaryId', 'primaryNumber'])
        ctx.addIssue({ code: 'custom', path: [path], message: 'vmeste:merge_primary_required' });
  });

export const unmergeBodySchema = z.object({ comment: z.string().trim().max(2000).optional() }).strict();
