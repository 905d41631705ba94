import type { NoticeKind } from '@shared/notices/notices.schemas.ts';
import L from 'leaflet';

/** One colour per kind of notice, with enough contrast on the map tiles and in the legend. */
export const kindColour: Record<NoticeKind, string> = {
  planned_works: '#1d4ed8',
  emergency_outage: '#b91c1c',
  event: '#6d28d9',
  road_closure: '#c2410c',
};

type Geo = { type: string; coordinates?: unknown };

/**
 * A notice's area as a Leaflet layer: polygons filled, lines as thick strokes, points as circles of
 * the notice's radius (the strip or circle that reports are matched against).
 */
export function areaLayer(area: Geo, kind: NoticeKind, bufferMeters: number): L.GeoJSON {
  const colour = kindColour[kind];
  return L.geoJSON(area as GeoJSON.Geometry, {
    style: () => ({ color: colour, weight: 3, fillColor: colour, fillOpacity: 0.18 }),
    pointToLayer: (_feature, latlng) =>
      L.circle(latlng, { radius: Math.max(bufferMeters, 10), color: colour, weight: 2, fillOpacity: 0.18 }),
  });
}
