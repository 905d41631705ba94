import { z } from 'zod';
import {
  actionBodySchemas,
  reportQueues,
  reportSorts,
  reportStatusSchema,
} from '../reports/reports.schemas.ts';

/** At most this many saved views per person: a picker, not an archive. */
export const SAVED_VIEWS_MAX = 30;
/** One bulk action reaches at most this many reports (a page of a work list and more). */
export const BULK_MAX = 100;

/**
 * What a saved view keeps: the work list's query as the web app sends it to GET /api/v1/reports
 * (queue, order and filters; never a page or a cursor, which go stale).
 */
export const savedViewQuerySchema = z
  .object({
    queue: z.enum(reportQueues).optional(),
    sort: z.enum(reportSorts).optional(),
    status: z.array(reportStatusSchema).max(20).optional(),
    category: z.uuid().optional(),
    territory: z.uuid().optional(),
    organisation: z.uuid().optional(),
    overdue: z.enum(['true', 'false']).optional(),
    assignee: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  })
  .strict();
export type SavedViewQuery = z.infer<typeof savedViewQuerySchema>;

const viewName = z.string().trim().min(1).max(60);

export const createSavedViewSchema = z.object({ name: viewName, query: savedViewQuerySchema }).strict();
export const updateSavedViewSchema = z
  .object({ name: viewName.optional(), query: savedViewQuerySchema.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.query !== undefined, {
    message: 'vmeste:saved_view_nothing_to_change',
  });
export const savedViewParamsSchema = z.object({ id: z.uuid() });

export const savedViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  query: savedViewQuerySchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });

const reportIds = z
  .array(z.uuid())
  .min(1)
  .max(BULK_MAX)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'vmeste:bulk_duplicate_ids' });

/**
 * The actions that make sense on many reports at once: accept (moderation), assign (the curator's
 * queue), take into work (the organisation's queue). Each carries the action's own body.
 */
export const bulkActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), reportIds, body: actionBodySchemas.accept.default({}) }).strict(),
  z.object({ action: z.literal('assign'), reportIds, body: actionBodySchemas.assign }).strict(),
  z.object({ action: z.literal('start'), reportIds, body: actionBodySchemas.start.default({}) }).strict(),
]);
export type BulkActionInput = z.output<typeof bulkActionSchema>;
export const bulkActions = ['accept', 'assign', 'start'] as const;

export const bulkResultSchema = z.object({
  results: z.array(
    z.object({
      reportId: z.uuid(),
      ok: z.boolean(),
      /** The report's number and status after the action (when it succeeded). */
      number: z.number().int().nullable(),
      status: reportStatusSchema.nullable(),
      /** Why the action was refused for this report: the error code and its message. */
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;
