import { heatSchema } from '@shared/analytics/analytics.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';
import { type Bbox, worldBbox } from '../../map/api/get-clusters';
import type { AnalyticsFilters } from './get-dashboard';

export async function getHeat(f: AnalyticsFilters, bbox: Bbox, zoom: number, signal?: AbortSignal) {
  const qs = queryString({
    bbox: worldBbox(bbox)
      .map((n) => n.toFixed(5))
      .join(','),
    zoom: Math.max(0, Math.min(20, Math.round(zoom))),
    from: f.from,
    to: f.to,
    territoryId: f.territoryId,
    categoryId: f.categoryId,
    organisationId: f.organisationId,
  });
  return api(`/api/v1/map/heat${qs}`, { schema: heatSchema, signal });
}

export function useHeat(
  f: AnalyticsFilters,
  view: { bbox: Bbox; zoom: number } | undefined,
  enabled: boolean,
) {
  return useQuery({
    ...queryOptions({
      queryKey: ['analytics', 'heat', f, view],
      queryFn: ({ signal }) => getHeat(f, view!.bbox, view!.zoom, signal),
      placeholderData: keepPreviousData,
    }),
    enabled: enabled && view !== undefined,
  });
}
