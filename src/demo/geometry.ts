/**
 * Plain planar geometry on WGS84 degrees, enough for the demo region: ring orientation,
 * point-in-polygon (MultiPolygon with holes), normalising odd GeoJSON into RFC 7946, and random
 * points inside an area. Planar maths on degrees is fine at city scale for "is it inside".
 */
import type { Rng } from './prng.ts';

/** [longitude, latitude], as in GeoJSON. */
export type Position = [number, number];
/** A closed ring: the first position equals the last. */
export type Ring = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

/** Twice the signed area (shoelace); positive means counter-clockwise. */
export function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/** Even-odd ray casting; a point exactly on an edge may go either way. */
export function pointInRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring and outside every hole of at least one polygon. */
export function pointInArea(lon: number, lat: number, geometry: AreaGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    const [outer, ...holes] = rings;
    if (!outer || !pointInRing(lon, lat, outer)) continue;
    if (!holes.some((hole) => pointInRing(lon, lat, hole))) return true;
  }
  return false;
}

export function bboxOf(geometry: AreaGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [lon, lat] of ring) {
        if (lon < box[0]) box[0] = lon;
        if (lat < box[1]) box[1] = lat;
        if (lon > box[2]) box[2] = lon;
        if (lat > box[3]) box[3] = lat;
      }
    }
  }
  return box;
}

function closed(ring: readonly Position[]): Ring {
  const out = ring.map((p): Position => [p[0], p[1]]);
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out;
}

function oriented(ring: Ring, counterClockwise: boolean): Ring {
  return signedArea2(ring) > 0 === counterClockwise ? ring : ring.slice().reverse();
}

/**
 * Turns a bag of non-crossing rings into a valid RFC 7946 MultiPolygon, whatever order and
 * winding they came in: a ring inside an even number of other rings is an exterior, a ring inside
 * an odd number is a hole of the smallest ring around it. Exteriors are wound counter-clockwise,
 * holes clockwise. This reads both standard GeoJSON (exterior then holes) and exports that list
 * disjoint parts as the rings of one Polygon (as the demo region's file does).
 */
export function normalizeRings(input: readonly (readonly Position[])[]): MultiPolygonGeometry {
  const rings = input.filter((r) => r.length >= 4).map(closed);
  const areas = rings.map((r) => Math.abs(signedArea2(r)));
  const containers = rings.map((ring, i) => {
    const probe = ring[0] as Position;
    return rings
      .map((_, j) => j)
      .filter(
        (j) =>
          j !== i && (areas[j] ?? 0) > (areas[i] ?? 0) && pointInRing(probe[0], probe[1], rings[j] as Ring),
      );
  });
  const polygons = new Map<number, Ring[]>();
  rings.forEach((ring, i) => {
    const around = containers[i] ?? [];
    if (around.length % 2 === 0) polygons.set(i, [oriented(ring, true)]);
  });
  rings.forEach((ring, i) => {
    const around = containers[i] ?? [];
    if (around.length % 2 === 0) return;
    // The direct parent is the smallest container that is itself an exterior.
    const parent = around.filter((j) => polygons.has(j)).sort((a, b) => (areas[a] ?? 0) - (areas[b] ?? 0))[0];
    if (parent !== undefined) polygons.get(parent)?.push(oriented(ring, false));
  });
  return { type: 'MultiPolygon', coordinates: [...polygons.values()] };
}

/**
 * A random point inside the area by rejection sampling over its bounding box. Throws after
 * maxTries misses (an empty or degenerate area), rather than looping for ever.
 */
export function randomPointInArea(
  geometry: AreaGeometry,
  rng: Rng,
  box: BBox = bboxOf(geometry),
  maxTries = 10_000,
): Position {
  for (let i = 0; i < maxTries; i++) {
    const lon = rng.float(box[0], box[2]);
    const lat = rng.float(box[1], box[3]);
    if (pointInArea(lon, lat, geometry)) return [lon, lat];
  }
  throw new Error(`no point found inside the area after ${maxTries} tries`);
}
