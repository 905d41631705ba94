import { z } from 'zod';
import { photoSchema } from '../media/media.schemas.ts';
import { reportStatuses } from '../reports/report-states.ts';

/* The statuses of an initiative (the table in src/db/schema uses them too). */
export const initiativeStatuses = ['moderation', 'rejected', 'collecting', 'sent', 'expired'] as const;
export type InitiativeStatus = (typeof initiativeStatuses)[number];

/** The initiative's title and text become the report's text: together within a report's limit. */
export const INITIATIVE_TEXT_MAX = 4500;

/** Photos of an initiative (they become the report's photos, whose limit is 10). */
export const INITIATIVE_PHOTOS_MAX = 10;

export const initiativeParamsSchema = z.object({ id: z.uuid() });

export const createInitiativeSchema = z.object({
  title: z.string().trim().min(5).max(200),
  text: z.string().trim().min(20).max(INITIATIVE_TEXT_MAX),
  categoryId: z.uuid().describe('A subject (second level) of the report categories'),
  territoryId: z.uuid().describe('Whose residents may support it'),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  mediaIds: z
    .array(z.uuid())
    .max(INITIATIVE_PHOTOS_MAX)
    .default([])
    .describe('Photos uploaded through POST /api/v1/media; they go with the initiative to its report'),
});
export type CreateInitiativeInput = z.output<typeof createInitiativeSchema>;

export const moderateInitiativeSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z
      .string()
      .trim()
      .min(5)
      .max(1000)
      .optional()
      .describe('Required for a rejection; shown to the author'),
  })
  .refine((b) => b.decision !== 'reject' || b.reason !== undefined, {
    path: ['reason'],
    message: 'vmeste:required',
  });

export const initiativeListQuerySchema = z.object({
  territoryId: z.uuid().optional(),
  status: z.enum(initiativeStatuses).optional(),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: only my own initiatives, in every state (moderation and rejected ones too)'),
});
export type InitiativeListQuery = z.output<typeof initiativeListQuerySchema>;

export const initiativeSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  text: z.string(),
  categoryId: z.uuid(),
  territoryId: z.uuid(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  photos: z.array(photoSchema),
  status: z.enum(initiativeStatuses),
  supporters: z.number().int(),
  threshold: z.number().int(),
  collectUntil: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  createdAt: z.string(),
  thresholdReachedAt: z.string().nullable(),
  /** The report the initiative became at its threshold: the organisation's official answer is there. */
  reportId: z.uuid().nullable(),
  reportStatus: z.enum(reportStatuses).nullable(),
  isMine: z.boolean(),
  supportedByMe: z.boolean(),
});
export type Initiative = z.infer<typeof initiativeSchema>;
export const initiativeListSchema = z.object({ items: z.array(initiativeSchema) });

export const thresholdParamsSchema = z.object({ territoryId: z.uuid() });
export const thresholdSchema = z.object({ threshold: z.number().int().min(1).max(10_000_000) });
