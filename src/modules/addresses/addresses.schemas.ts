import { z } from 'zod';

export const addressSearchQuerySchema = z.object({
  /** What the resident typed: "Невский пр 1", "ул.Бабушкина д.113 к.2". */
  q: z.string().trim().min(2, 'vmeste:address_query_short').max(200),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const addressSearchResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      address: z.string(),
      lat: z.number(),
      lon: z.number(),
      /** Higher is closer: street likeness (0–1) plus the exact house (0.5) and building (0.2). */
      score: z.number(),
    }),
  ),
});
export type AddressSearchResult = z.infer<typeof addressSearchResultSchema>;

export const reverseQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  /** How far the nearest address may be, in metres (default 150). */
  radius: z.coerce.number().min(1).max(1000).default(150),
});

export const reverseResultSchema = z.object({
  address: z.string(),
  distanceMeters: z.number(),
});
export type ReverseResult = z.infer<typeof reverseResultSchema>;
