import { type PublicConfig, publicConfigSchema } from '@shared/reference/region-settings.schemas.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type { PublicConfig };

/** `GET /api/v1/config` — the region's name, map tiles and view, languages (region settings, admin-edited). */
export async function getPublicConfig(): Promise<PublicConfig> {
  return api('/api/v1/config', { schema: publicConfigSchema });
}

// A minute: an admin's change of the map or languages reaches open pages soon, new pages at once.
export const configQueryOptions = () =>
  queryOptions({ queryKey: ['config'], queryFn: getPublicConfig, staleTime: 60_000 });

export function usePublicConfig() {
  return useQuery(configQueryOptions());
}
