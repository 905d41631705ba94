import { z } from 'zod';
import { isoDaySchema } from '../calendar/calendar.schemas.ts';
import { localisedNameSchema } from '../reference/reference.schemas.ts';
import { answerFlagCodes } from './answer-heuristics.ts';
import { placeholderNames } from './placeholders.ts';

// ---- templates ------------------------------------------------------------------------------------

export const TEMPLATE_TEXT_MAX = 5000;

const title = z.string().trim().min(3).max(200);
const text = z.string().trim().min(20).max(TEMPLATE_TEXT_MAX);

export const createTemplateBodySchema = z
  .object({
    organisationId: z.uuid(),
    /** A subject or a whole topic; absent: for every category the organisation answers. */
    categoryId: z.uuid().nullable().default(null),
    title,
    text,
  })
  .strict();
export type CreateTemplateInput = z.output<typeof createTemplateBodySchema>;

export const updateTemplateBodySchema = z
  .object({ categoryId: z.uuid().nullable().optional(), title: title.optional(), text: text.optional() })
  .strict();
export type UpdateTemplateInput = z.output<typeof updateTemplateBodySchema>;

export const listTemplatesQuerySchema = z.object({
  organisationId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
});
export type ListTemplatesQuery = z.output<typeof listTemplatesQuerySchema>;

export const templateParamsSchema = z.object({ id: z.uuid() });

export const templateSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  categoryId: z.uuid().nullable(),
  title: z.string(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof templateSchema>;

export const templateListSchema = z.object({
  items: z.array(templateSchema),
  /** The placeholders a template may use. */
  placeholders: z.array(z.enum(placeholderNames)),
});

/** Templates that fit a report, already filled in for it (the operator edits the text before drafting). */
export const renderedTemplateListSchema = z.object({
  items: z.array(
    z.object({ id: z.uuid(), title: z.string(), categoryId: z.uuid().nullable(), text: z.string() }),
  ),
});
export type RenderedTemplateList = z.infer<typeof renderedTemplateListSchema>;

// ---- quality flags (staff only) ---------------------------------------------------------------------

export const answerFlagSchema = z.object({
  code: z.enum(answerFlagCodes),
  reason: localisedNameSchema,
  reportNumbers: z.array(z.number().int()),
  similarity: z.number().nullable(),
});

export const answerQualitySchema = z.object({
  checkedAt: z.string(),
  flags: z.array(answerFlagSchema),
});
export type AnswerQuality = z.infer<typeof answerQualitySchema>;

// ---- dispute rate per organisation ------------------------------------------------------------------

export const qualityQuerySchema = z
  .object({ from: isoDaySchema.optional(), to: isoDaySchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'vmeste:period_order' });
export type QualityQuery = z.output<typeof qualityQuerySchema>;

export const organisationQualitySchema = z.object({
  organisation: z.object({ id: z.uuid(), name: localisedNameSchema }),
  /** Reports that received at least one published answer from the organisation in the period. */
  answeredReports: z.number().int(),
  /** Of those, reports whose author disputed an answer of the organisation. */
  disputedReports: z.number().int(),
  /** disputedReports / answeredReports; null without answered reports. */
  disputeRate: z.number().nullable(),
  publishedAnswers: z.number().int(),
  /** Published answers that had quality flags at review (the reviewer published them anyway). */
  flaggedAnswers: z.number().int(),
});
export type OrganisationQuality = z.infer<typeof organisationQualitySchema>;
export const organisationQualityListSchema = z.object({ items: z.array(organisationQualitySchema) });
