import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { findCategory } from '../reference/index.ts';
import { type Visibility, visibilityFor, visibilitySql } from '../reports/index.ts';
import type { Clusters, ClustersQuery } from './analytics.schemas.ts';
import * as repo from './map.repo.ts';
import { baseShift, cellMetres, fromMercator, interiorCells, MAP_BASE_CELL_METRES } from './map-grid.ts';

/** Cluster cells are this many screen pixels wide: about a marker and its label. */
export const CLUSTER_CELL_PX = 64;
/** The heat layer uses a finer grid. */
export const HEAT_CELL_PX = 16;

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

/** The unlisted reports a scoped caller may also see (their own, organisation's, territory's), or null. */
function unlistedVisible(v: Visibility): SQL | null {
  if (v.kind === 'all') return null;
  const parts: SQL[] = [];
  if (v.userId) parts.push(sql`r.author_id = ${v.userId}`);
  if (v.organisationId) parts.push(sql`r.organisation_id = ${v.organisationId}`);
  if (v.territoryId)
    parts.push(
      sql`r.territory_id IN (SELECT id FROM territories WHERE id = ${v.territoryId} OR parent_id = ${v.territoryId})`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : null;
}

/**
 * The grid cells of `px` pixels at the query's zoom: from the roll-up plus the viewport's border when
 * the zoom's grid is a coarsening of the roll-up's and the filters are ones it carries (not a period
 * nor "overdue", which change without the roll-up knowing); otherwise straight from the reports.
 */
async function cells(
  exec: Executor,
  actor: Actor | null,
  q: ClustersQuery,
  px: number,
  now: Date,
  source: MapSource,
) {
  const v = visibilityFor(actor);
  const shift = baseShift(q.zoom, px);
  const interior = interiorCells(q.bbox);
  if (
    source === 'auto' &&
    shift !== null &&
    interior &&
    !q.from &&
    !q.to &&
    !q.overdue &&
    (await rollupBuilt(exec))
  ) {
    const filters: repo.RollupFilters = {
      statuses: q.status,
      categoryId: q.categoryId,
      territoryId: q.territoryId,
      organisationId: q.organisationId,
    };
    // Asked only where the answer chooses the grain: a topic alone reads the topic grain.
    if (q.categoryId && repo.categoryAlone(filters))
      filters.categoryIsTopic = (await findCategory(exec, q.categoryId))?.parentId === null;
    return repo.rollupCells(exec, {
      box: q.bbox,
      interior,
      baseMetres: MAP_BASE_CELL_METRES,
      shift,
      visibility: visibilitySql(v),
      rollupVisibility: v.kind === 'all' ? { all: true } : { all: false, extra: unlistedVisible(v) },
      filters,
    });
  }
  return repo.gridCells(
    exec,
    q.bbox,
    cellMetres(q.zoom, px),
    visibilitySql(v),
    repo.mapFilterSql(filtersOf(q), now),
  );
}

/** Once built, the roll-up stays built (only a migration clears its bookmark): remembered for a minute. */
let builtUntil = 0;
async function rollupBuilt(exec: Executor): Promise<boolean> {
  if (Date.now() < builtUntil) return true;
  const ready = await repo.rollupReady(exec);
  if (ready) builtUntil = Date.now() + 60_000;
  return ready;
}

/** `raw` reads the reports even where the roll-up could serve (the tests compare the two). */
export type MapSource = 'auto' | 'raw';

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
  source: MapSource = 'auto',
): Promise<Clusters> {
  const rows = await cells(exec, actor, q, CLUSTER_CELL_PX, now, source);
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
export async function getHeat(
  exec: Executor,
  actor: Actor | null,
  q: ClustersQuery,
  now: Date,
  source: MapSource = 'auto',
) {
  const rows = await cells(exec, actor, q, HEAT_CELL_PX, now, source);
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
