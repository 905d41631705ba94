import { z } from 'zod';

/** The languages the UI speaks; a region offers some of them (Russian always first). */
export const uiLanguages = ['ru', 'en'] as const;

/** The region's settings as an admin sees them (docs/administration.md, "Region settings"). */
export const regionSettingsSchema = z.object({
  name: z.object({ ru: z.string(), en: z.string() }),
  /** Null: the map opens on the whole region's extent. */
  mapCenter: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  mapZoom: z.number().int(),
  tileUrl: z.string(),
  languages: z.array(z.enum(uiLanguages)),
  disputeWindowDays: z.number().int(),
  clarificationTimeoutDays: z.number().int(),
  nearestDistrictToleranceMeters: z.number().int(),
  /** False until an admin first saves: the values are the deployment's environment defaults. */
  stored: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type RegionSettings = z.infer<typeof regionSettingsSchema>;

const name = z.string().trim().min(2).max(120);

/** A tile URL template: http(s) with {z}, {x} and {y}. */
const tileUrl = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => /^https?:\/\/\S+$/.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p)),
    'vmeste:tile_url_format',
  );

export const updateRegionSettingsSchema = z.strictObject({
  nameRu: name.optional(),
  nameEn: name.optional(),
  mapCenter: z
    .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  mapZoom: z.number().int().min(3).max(18).optional(),
  tileUrl: tileUrl.optional(),
  languages: z
    .array(z.enum(uiLanguages))
    .min(1)
    .refine((l) => new Set(l).size === l.length, 'vmeste:languages_repeated')
    .optional(),
  disputeWindowDays: z.number().int().min(1).max(90).optional(),
  clarificationTimeoutDays: z.number().int().min(1).max(90).optional(),
  nearestDistrictToleranceMeters: z.number().int().min(0).max(50_000).optional(),
});
export type UpdateRegionSettings = z.infer<typeof updateRegionSettingsSchema>;

/** `GET /api/v1/config`: what the web app needs before anything else (map, languages). Public. */
export const publicConfigSchema = z.object({
  regionName: z.object({ ru: z.string(), en: z.string() }),
  mapTileUrl: z.string(),
  /** Where the map opens; null: fit the region's extent (`region.bbox`). */
  mapView: z.object({ lat: z.number(), lon: z.number(), zoom: z.number().int() }).nullable(),
  languages: z.array(z.enum(uiLanguages)),
  /** Null until the deployment has territories. */
  region: z
    .object({
      center: z.object({ lat: z.number(), lon: z.number() }),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    })
    .nullable(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;
