import { type Clusters, clustersSchema } from '@shared/analytics/analytics.schemas.ts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

export type Bbox = [number, number, number, number];

export type ClustersQuery = {
  bbox: Bbox;
  zoom: number;
  status?: string[];
  categoryId?: string;
  territoryId?: string;
  organisationId?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
};

/**
 * The viewport as the API takes it: Leaflet's bounds may run past ±180° when the world is panned
 * round, and past the projection's ±85.05°; the request is clipped to the world (one side of the
 * antimeridian, which a city never straddles).
 */
export function worldBbox([west, south, east, north]: Bbox): Bbox {
  const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
  const w = clamp(west, 180);
  const e = clamp(east, 180);
  return [Math.min(w, e), clamp(south, 85.05), Math.max(w, e), clamp(north, 85.05)];
}

export async function getClusters(q: ClustersQuery, signal?: AbortSignal): Promise<Clusters> {
  const qs = queryString({
    bbox: worldBbox(q.bbox)
      .map((n) => n.toFixed(5))
      .join(','),
    zoom: Math.max(0, Math.min(20, Math.round(q.zoom))),
    status: q.status?.length ? q.status.join(',') : undefined,
    categoryId: q.categoryId,
    territoryId: q.territoryId,
    organisationId: q.organisationId,
    from: q.from,
    to: q.to,
    overdue: q.overdue ? 'true' : undefined,
  });
  return api(`/api/v1/map/clusters${qs}`, { schema: clustersSchema, signal });
}

export const clustersQueryOptions = (q: ClustersQuery) =>
  queryOptions({
    queryKey: ['map-clusters', q],
    queryFn: ({ signal }) => getClusters(q, signal),
    placeholderData: keepPreviousData,
  });

export function useClusters(q: ClustersQuery | undefined) {
  return useQuery({
    ...clustersQueryOptions(q ?? { bbox: [0, 0, 0, 0], zoom: 0 }),
    enabled: q !== undefined,
  });
}
