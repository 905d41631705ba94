import { z } from 'zod';

export const territoryKinds = ['region', 'district', 'municipality'] as const;

/** A territory as the admin edits it: archived ones included, with what refers to it. */
export const adminTerritorySchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(territoryKinds),
  code: z.string(),
  name: z.object({ ru: z.string(), en: z.string() }),
  isActive: z.boolean(),
  /** Area of the boundary in square kilometres. */
  areaKm2: z.number(),
  reportCount: z.number().int(),
  ruleCount: z.number().int(),
  childCount: z.number().int(),
  updatedAt: z.string(),
});
export type AdminTerritory = z.infer<typeof adminTerritorySchema>;
export const adminTerritoryListSchema = z.object({ items: z.array(adminTerritorySchema) });

/** One territory with its full boundary (GeoJSON MultiPolygon), for the editor and for download. */
export const adminTerritoryDetailSchema = adminTerritorySchema.extend({ boundary: z.unknown() });

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{1,62}$/, 'vmeste:territory_code_format');
const name = z.string().trim().min(2).max(120);
/**
 * A GeoJSON Polygon or MultiPolygon in WGS84 ([longitude, latitude]): a geometry, a Feature or a
 * FeatureCollection of them. Checked by the service, every problem listed.
 */
const boundary = z.unknown().describe('GeoJSON (Multi)Polygon, Feature or FeatureCollection (WGS84)');

export const createTerritorySchema = z.strictObject({
  kind: z.enum(territoryKinds),
  /** The region for a district, a district for a municipality; null for the region. */
  parentId: z.uuid().nullable().default(null),
  code,
  nameRu: name,
  nameEn: name,
  boundary,
});
export type CreateTerritory = z.infer<typeof createTerritorySchema>;

export const updateTerritorySchema = z.strictObject({
  nameRu: name.optional(),
  nameEn: name.optional(),
  /** A new boundary: the next report is placed by it, on every node. */
  boundary: boundary.optional(),
  /** False archives the territory (its reports keep it; it routes no new report); true restores it. */
  isActive: z.boolean().optional(),
});
export type UpdateTerritory = z.infer<typeof updateTerritorySchema>;

export const territoryParamsSchema = z.object({ id: z.uuid() });
