import { z } from 'zod';
import { bboxSchema, geometrySchema } from '../../lib/geojson.ts';
import { isoDaySchema } from '../calendar/calendar.schemas.ts';

import { type CityObjectKind, cityObjectKinds, type WorkStatus, workStatuses } from './kinds.schemas.ts';

export { type CityObjectKind, cityObjectKinds, type WorkStatus, workStatuses };

const localised = z.object({ ru: z.string(), en: z.string() });
const geoJsonGeometry = z.object({ type: z.string(), coordinates: z.unknown() }).describe('GeoJSON geometry');

export const objectParamsSchema = z.object({ id: z.uuid() });
export const workParamsSchema = z.object({ id: z.uuid(), workId: z.uuid() });

export const objectsQuerySchema = z.object({
  bbox: bboxSchema,
  kind: z.enum(cityObjectKinds).optional(),
});

/** What the catalogue's works filter asks for: works under way or planned, overdue, or completed. */
export const objectWorksFilters = ['active', 'overdue', 'completed'] as const;

export const objectSearchQuerySchema = z
  .object({
    /** Words of the name or the address, each to be found (case and ё/е do not matter). */
    q: z.string().trim().max(200).optional(),
    kind: z.enum(cityObjectKinds).optional(),
    works: z.enum(objectWorksFilters).optional(),
    /** Only the objects the signed-in resident follows. */
    following: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ObjectSearchQuery = z.output<typeof objectSearchQuerySchema>;

const worksSummarySchema = z.object({
  planned: z.number().int(),
  inProgress: z.number().int(),
  completed: z.number().int(),
  overdue: z.number().int(),
});

export const objectSearchResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(cityObjectKinds),
      address: z.string().nullable(),
      works: worksSummarySchema,
      /** The signed-in reader follows it (false for a visitor). */
      following: z.boolean(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ObjectSearchResult = z.infer<typeof objectSearchResultSchema>;

export const objectFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.uuid(),
  geometry: geoJsonGeometry,
  properties: z.object({
    name: z.string(),
    kind: z.enum(cityObjectKinds),
    address: z.string().nullable(),
    /** Works under way or planned on it (the map highlights them). */
    activeWorks: z.number().int(),
    overdueWorks: z.number().int(),
  }),
});
export const objectCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(objectFeatureSchema),
});
export type ObjectCollection = z.infer<typeof objectCollectionSchema>;

export const workSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  programme: z.string().nullable(),
  contractor: z.string().nullable(),
  /** Roubles as a decimal string (exact kopecks). */
  budget: z.string().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  status: z.enum(workStatuses),
  /** Finished after the planned end, or still unfinished past it. */
  overdue: z.boolean(),
  photos: z.array(
    z.object({ id: z.uuid(), stage: z.enum(['before', 'after']), url: z.string(), thumbUrl: z.string() }),
  ),
  rating: z.object({
    average: z.number().nullable(),
    count: z.number().int(),
    /** The signed-in resident's own score, if given. */
    mine: z.number().int().nullable(),
  }),
});
export type Work = z.infer<typeof workSchema>;

export const objectDetailSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  kind: z.enum(cityObjectKinds),
  name: z.string(),
  address: z.string().nullable(),
  organisation: z.object({ id: z.uuid(), name: localised }).nullable(),
  geometry: geoJsonGeometry,
  works: z.array(workSchema),
  /** Public reports that point at the object or were filed within 150 m of it. */
  reports: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      status: z.string(),
      text: z.string(),
      createdAt: z.string(),
      pointsAtObject: z.boolean(),
    }),
  ),
  followers: z.number().int(),
  following: z.boolean(),
  canEdit: z.boolean(),
});
export type ObjectDetail = z.infer<typeof objectDetailSchema>;

export const objectBodySchema = z
  .object({
    externalId: z.string().trim().min(1).max(200),
    kind: z.enum(cityObjectKinds),
    name: z.string().trim().min(2).max(300),
    geometry: geometrySchema,
    address: z.string().trim().max(300).nullable().optional(),
    organisationId: z.uuid().nullable().optional(),
  })
  .strict();
export type ObjectBody = z.output<typeof objectBodySchema>;

const dateOrder = (
  v: {
    plannedStart?: string | null;
    plannedEnd?: string | null;
    actualStart?: string | null;
    actualEnd?: string | null;
  },
  ctx: z.RefinementCtx,
) => {
  if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart)
    ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'vmeste:work_dates_order' });
  if (v.actualStart && v.actualEnd && v.actualEnd < v.actualStart)
    ctx.addIssue({ code: 'custom', path: ['actualEnd'], message: 'vmeste:work_dates_order' });
};

const workFields = {
  title: z.string().trim().min(3).max(300),
  programme: z.string().trim().max(300).nullable().optional(),
  contractor: z.string().trim().max(300).nullable().optional(),
  budget: z
    .string()
    .regex(/^\d{1,14}(\.\d{1,2})?$/)
    .nullable()
    .optional()
    .describe('Roubles, e.g. "1250000.50"'),
  plannedStart: isoDaySchema.nullable().optional(),
  plannedEnd: isoDaySchema.nullable().optional(),
  actualStart: isoDaySchema.nullable().optional(),
  actualEnd: isoDaySchema.nullable().optional(),
  status: z.enum(workStatuses),
};
export const workBodySchema = z.object(workFields).strict().superRefine(dateOrder);
export type WorkBody = z.output<typeof workBodySchema>;

export const rateWorkBodySchema = z.object({ score: z.number().int().min(1).max(5) }).strict();
export const workPhotoBodySchema = z
  .object({ mediaId: z.uuid(), stage: z.enum(['before', 'after']) })
  .strict();

export const followedObjectsSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(cityObjectKinds) })),
});

// ---- the registry import (docs/objects.md) -----------------------------------------------------
export const objectsImportResultSchema = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  errors: z
    .array(
      z.object({
        line: z.number().int(),
        problems: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    )
    .describe('The first 1,000 refused records by line, each with every problem; `failed` counts them all'),
});
export type ObjectsImportResult = z.infer<typeof objectsImportResultSchema>;

export const objectsImportBodySchema = z
  .object({
    mapping: z.record(z.string(), z.unknown()).describe('The mapping file (docs/objects.md)'),
    content: z.string().min(1).describe('The GeoJSON FeatureCollection or CSV text'),
  })
  .strict();
