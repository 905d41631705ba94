import type { Executor } from '../../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { visibilityFor, visibilitySql } from '../reports/index.ts';
import type { Clusters, ClustersQuery } from './analytics.schemas.ts';
import * as repo from './map.repo.ts';

/** Radius of the spherical Web-Mercator projection (EPSG:3857), metres. */
const R = 6378137;
/** The width of the world at zoom 0 in Web-Mercator metres, over 256 pixels. */
const WORLD = 2 * Math.PI * R;
/** Cluster cells are this many screen pixels wide: about a marker and its label. */
export const CLUSTER_CELL_PX = 64;
/** The heat layer uses a finer grid. */
export const HEAT_CELL_PX = 16;

export const toMercator = (lon: number, lat: number): [number, number] => [
  (R * lon * Math.PI) / 180,
  R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)),
];

export const fromMercator = (x: number, y: number): [number, number] => [
  (x / R) * (180 / Math.PI),
  (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI),
];

/** The side of a grid cell in Web-Mercator metres at a zoom. */
export const cellMetres = (zoom: number, px: number): number => (WORLD / (256 * 2 ** zoom)) * px;

function filtersOf(q: ClustersQuery): repo.MapFilters {
  return {
    statuses: q.status,
    categoryId: q.categoryId,
    territoryId: q.territoryId,
    organisationId: q.organisationId,
    from: q.from,
    to: q.to,
    overdue: q.overdue,
  };
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Every matching report the caller may see in the viewport, grouped per grid cell of the zoom: a
 * cell's feature sits at the mean of its reports and carries their count; a single report carries
 * its id and its own point.
 */
export async function getClusters(
  exec: Executor,
  actor: Actor | null,
  q: ClustersQuery,
  now: Date,
): Promise<Clusters> {
  const rows = await repo.gridCells(
    exec,
    q.bbox,
    cellMetres(q.zoom, CLUSTER_CELL_PX),
    visibilitySql(visibilityFor(actor)),
    repo.mapFilterSql(filtersOf(q), now),
  );
  let total = 0;
  const features = rows.map((r) => {
    total += r.n;
    const [lon, lat] = fromMercator(r.x, r.y);
    return {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [round(lon), round(lat)] as [number, number] },
      properties:
        r.n === 1 && r.id
          ? { count: 1, id: r.id, ...(r.status ? { status: r.status } : {}) }
          : { count: r.n },
    };
  });
  return { type: 'FeatureCollection', features, total, cellPixels: CLUSTER_CELL_PX };
}

/** The heat layer: the same reports on a finer grid, as [lat, lon, count]. */
export async function getHeat(exec: Executor, actor: Actor | null, q: ClustersQuery, now: Date) {
  const rows = await repo.gridCells(
    exec,
    q.bbox,
    cellMetres(q.zoom, HEAT_CELL_PX),
    visibilitySql(visibilityFor(actor)),
    repo.mapFilterSql(filtersOf(q), now),
  );
  return {
    points: rows.map((r) => {
      const [lon, lat] = fromMercator(r.x, r.y);
      return [round(lat), round(lon), r.n] as [number, number, number];
    }),
  };
}

/** The direct count the clusters of the same query must add up to (tests and the bench check it). */
export async function countMatching(
  exec: Executor,
  actor: Actor | null,
  q: ClustersQuery,
  now: Date,
): Promise<number> {
  return repo.countInBox(
    exec,
    q.bbox,
    visibilitySql(visibilityFor(actor)),
    repo.mapFilterSql(filtersOf(q), now),
  );
}
