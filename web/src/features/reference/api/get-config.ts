import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

/** `GET /api/v1/config` — what the map needs; kept here because the server has no shared schema for it. */
export const publicConfigSchema = z.object({
  mapTileUrl: z.string(),
  /** Null until the deployment has territories. */
  region: z
    .object({
      center: z.object({ lat: z.number(), lon: z.number() }),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    })
    .nullable(),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

export async function getPublicConfig(): Promise<PublicConfig> {
  return api('/api/v1/config', { schema: publicConfigSchema });
}

export const configQueryOptions = () =>
  queryOptions({ queryKey: ['config'], queryFn: getPublicConfig, staleTime: 60 * 60_000 });

export function usePublicConfig() {
  return useQuery(configQueryOptions());
}
