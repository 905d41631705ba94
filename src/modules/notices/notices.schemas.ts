import { z } from 'zod';
import { bboxSchema, geometrySchema } from '../../lib/geojson.ts';
import { markdownText } from '../../lib/markdown.ts';
import { isoMomentSchema } from '../calendar/calendar.schemas.ts';
import { type NoticeKind, noticeEventTypes, noticeKinds } from './kinds.schemas.ts';

export { type NoticeKind, noticeKinds };

export const noticeKindSchema = z.enum(noticeKinds);
const localised = z.object({ ru: z.string(), en: z.string() });

/** Lines and points cover a strip or a circle this wide on each side (metres) unless told otherwise. */
export const DEFAULT_LINE_BUFFER_METERS = 30;
export const DEFAULT_POINT_BUFFER_METERS = 50;

const noticeFields = {
  title: z.string().trim().min(3).max(200),
  description: markdownText(5000).describe('Markdown (no raw HTML, safe links only)'),
  kind: noticeKindSchema,
  organisationId: z.uuid(),
  categoryIds: z
    .array(z.uuid())
    .min(1)
    .max(50)
    .describe('Reports in these categories filed inside the area and window are linked to the notice'),
  area: geometrySchema,
  bufferMeters: z
    .number()
    .int()
    .min(1)
    .max(2000)
    .optional()
    .describe('For a line or points: how far on each side the notice reaches (default 30 m / 50 m)'),
  startsAt: isoMomentSchema,
  endsAt: isoMomentSchema,
};

function refineWindow(
  v: { startsAt?: string | undefined; endsAt?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.startsAt && v.endsAt && Date.parse(v.endsAt) <= Date.parse(v.startsAt))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'vmeste:notice_ends_before_start' });
}

export const createNoticeBodySchema = z.object(noticeFields).superRefine(refineWindow);
export type CreateNoticeInput = z.output<typeof createNoticeBodySchema>;

export const updateNoticeBodySchema = z
  .object({
    ...noticeFields,
    /** What changed, published as an update of the notice (and told to subscribers). */
    updateText: z.string().trim().min(3).max(2000).optional(),
  })
  .partial()
  .superRefine(refineWindow);
export type UpdateNoticeInput = z.output<typeof updateNoticeBodySchema>;

export const noticeUpdateBodySchema = z.object({ text: z.string().trim().min(3).max(2000) }).strict();

export const noticeParamsSchema = z.object({ id: z.uuid() });

export const noticesQuerySchema = z.object({
  bbox: bboxSchema.optional(),
  at: isoMomentSchema.optional().describe('Notices in force at this moment (default: now)'),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('With `at`: notices in force at any moment between `at` and `to` (e.g. the coming week)'),
  kind: noticeKindSchema.optional(),
  categoryId: z.uuid().optional(),
});
export type NoticesQuery = z.output<typeof noticesQuerySchema>;

const geoJsonGeometry = z
  .object({ type: z.string(), coordinates: z.unknown() })
  .describe('GeoJSON geometry as drawn or uploaded');

export const noticeStatusSchema = z.enum(['upcoming', 'active', 'ended']);

const noticeProperties = z.object({
  title: z.string(),
  kind: noticeKindSchema,
  status: noticeStatusSchema,
  organisation: z.object({ id: z.uuid(), name: localised }),
  categoryIds: z.array(z.uuid()),
  bufferMeters: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.string(),
});

export const noticeFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.uuid(),
  geometry: geoJsonGeometry,
  properties: noticeProperties,
});

export const noticeCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(noticeFeatureSchema),
});
export type NoticeCollection = z.infer<typeof noticeCollectionSchema>;

export const noticeDetailSchema = noticeProperties.extend({
  id: z.uuid(),
  description: z.string(),
  descriptionHtml: z.string().describe('The description rendered safely'),
  categories: z.array(z.object({ id: z.uuid(), name: localised })),
  area: geoJsonGeometry,
  version: z.number().int(),
  answeredAt: z.string().nullable(),
  updates: z.array(z.object({ id: z.number().int(), text: z.string(), createdAt: z.string() })),
  /** For staff who may edit it: reports linked to the notice, and how many are still open. */
  linkedReports: z.object({ total: z.number().int(), open: z.number().int() }).nullable(),
  canEdit: z.boolean(),
});
export type NoticeDetail = z.infer<typeof noticeDetailSchema>;

/** What a report shows about the notices that explain it. */
export const reportNoticeSchema = z.object({ id: z.uuid(), title: z.string(), endsAt: z.string() });
export type ReportNotice = z.infer<typeof reportNoticeSchema>;

// ---- the one-action answer to every linked report ---------------------------------------------
export const answerLinkedBodySchema = z
  .object({
    text: z.string().trim().min(20).max(5000),
    result: z.enum(['solved', 'explained']),
  })
  .strict();

export const answerLinkedResultSchema = z.object({
  items: z.array(
    z.object({
      reportId: z.uuid(),
      number: z.number().int(),
      outcome: z.enum(['in_review', 'skipped']),
      /** Why a report was skipped: its status, or the error code of the step refused. */
      reason: z.string().nullable(),
    }),
  ),
});
export type AnswerLinkedResult = z.infer<typeof answerLinkedResultSchema>;

// ---- subscriptions ------------------------------------------------------------------------------
export const createSubscriptionBodySchema = z
  .object({
    label: z.string().trim().min(1).max(200),
    point: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
    radiusMeters: z.number().int().min(50).max(5000).optional(),
    area: geometrySchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const byPoint = v.point !== undefined && v.radiusMeters !== undefined;
    if (byPoint === (v.area !== undefined) || (v.point === undefined) !== (v.radiusMeters === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'vmeste:subscription_place' });
    if (v.area && v.area.type !== 'Polygon' && v.area.type !== 'MultiPolygon')
      ctx.addIssue({ code: 'custom', path: ['area', 'type'], message: 'vmeste:subscription_area_polygon' });
  });
export type CreateSubscriptionInput = z.output<typeof createSubscriptionBodySchema>;

export const subscriptionSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  radiusMeters: z.number().int().nullable(),
  area: geoJsonGeometry,
  createdAt: z.string(),
});
export const subscriptionListSchema = z.object({ items: z.array(subscriptionSchema) });

export const noticeAlertSchema = z.object({
  id: z.number().int(),
  type: z.enum(noticeEventTypes),
  notice: z.object({
    id: z.uuid(),
    title: z.string(),
    kind: noticeKindSchema,
    startsAt: z.string(),
    endsAt: z.string(),
  }),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const noticeAlertListSchema = z.object({
  items: z.array(noticeAlertSchema),
  unread: z.number().int(),
});
