import { z } from 'zod';

export const localisedNameSchema = z.object({ ru: z.string(), en: z.string() });
export type LocalisedName = z.infer<typeof localisedNameSchema>;

export const categorySchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string(),
  name: localisedNameSchema,
  /** Working days to answer; null for topics (residents choose a subject). */
  slaDays: z.number().int().nullable(),
  /** A report of this subject must carry a photo. */
  photoRequired: z.boolean(),
});
export type Category = z.infer<typeof categorySchema>;
export const categoryListSchema = z.object({ items: z.array(categorySchema) });

export const territorySchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(['region', 'district', 'municipality']),
  code: z.string(),
  name: localisedNameSchema,
  center: z.object({ lat: z.number(), lon: z.number() }),
  /** GeoJSON (Multi)Polygon, simplified for the map; only with `?geometry=true`. */
  geometry: z.unknown().optional(),
});
export type Territory = z.infer<typeof territorySchema>;
export const territoryListQuerySchema = z.object({ geometry: z.stringbool().default(false) });
export const territoryListSchema = z.object({ items: z.array(territorySchema) });

export const organisationSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(['authority', 'institution', 'management_company', 'utility', 'hoa']),
  name: localisedNameSchema,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  workingHours: z.string().nullable(),
  territoryIds: z.array(z.uuid()),
  categoryIds: z.array(z.uuid()),
});
export type Organisation = z.infer<typeof organisationSchema>;
export const organisationListSchema = z.object({ items: z.array(organisationSchema) });
