import { z } from 'zod';

/*
 * GeoJSON geometries that people draw or upload (notice areas, city objects, subscription areas).
 * The structure is checked here, with every problem at its own path: an unknown type, a position
 * that is not [lon, lat], coordinates out of range, an open ring, a one-point line. What needs the
 * region (swapped latitude and longitude) is `regionProblems`; what needs PostGIS (self-intersection,
 * ST_IsValidReason) is the repositories' business.
 */

export const geometryTypes = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;
export type GeometryType = (typeof geometryTypes)[number];

export type Position = [number, number];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

type Path = (string | number)[];
/** A rectangle `halfWidth` × `halfHeight` degrees each side of a point (a block, a test area). */
export function rectangleAround(lon: number, lat: number, halfWidth: number, halfHeight = halfWidth) {
  const ring: Position[] = [
    [lon - halfWidth, lat - halfHeight],
    [lon + halfWidth, lat - halfHeight],
    [lon + halfWidth, lat + halfHeight],
    [lon - halfWidth, lat + halfHeight],
    [lon - halfWidth, lat - halfHeight],
  ];
  return { type: 'Polygon' as const, coordinates: [ring] };
}

export type GeometryIssue = { path: Path; message: string };

/** How deep positions are nested in each type's coordinates (0: the coordinates are one position). */
const depth: Record<GeometryType, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function isPosition(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

/** Checks a nesting level of arrays down to positions; returns false (with an issue) on a bad shape. */
function shapeIssues(value: unknown, level: number, path: Path, out: GeometryIssue[]): void {
  if (level === 0) {
    if (!isPosition(value)) out.push({ path, message: 'vmeste:geometry_position' });
    else if (value[0]! < -180 || value[0]! > 180 || value[1]! < -90 || value[1]! > 90)
      out.push({
        path,
        // Latitude beyond ±90 with a longitude that would be a fine latitude: the pair is swapped.
        message:
          Math.abs(value[1]!) > 90 && Math.abs(value[0]!) <= 90
            ? 'vmeste:geometry_swapped'
            : 'vmeste:geometry_out_of_range',
      });
    return;
  }
  if (!Array.isArray(value)) {
    out.push({ path, message: 'vmeste:geometry_position' });
    return;
  }
  if (value.length === 0) {
    out.push({ path, message: 'vmeste:geometry_empty' });
    return;
  }
  value.forEach((v, i) => {
    shapeIssues(v, level - 1, [...path, i], out);
  });
}

const samePosition = (a: number[], b: number[]) => a[0] === b[0] && a[1] === b[1];

function ringIssues(ring: number[][], path: Path, out: GeometryIssue[]): void {
  if (ring.length < 4 || !samePosition(ring[0]!, ring[ring.length - 1]!))
    out.push({ path, message: 'vmeste:geometry_ring' });
}

/** Every structural problem of a geometry, each with its path under `coordinates` (or `type`). */
export function geometryIssues(value: { type: string; coordinates?: unknown }): GeometryIssue[] {
  const out: GeometryIssue[] = [];
  if (!(geometryTypes as readonly string[]).includes(value.type)) {
    out.push({ path: ['type'], message: `vmeste:geometry_type_unknown:${value.type}` });
    return out;
  }
  const type = value.type as GeometryType;
  shapeIssues(value.coordinates, depth[type], ['coordinates'], out);
  if (out.length > 0) return out;
  const c = value.coordinates as number[][][][];
  if (type === 'LineString' && (c as unknown as number[][]).length < 2)
    out.push({ path: ['coordinates'], message: 'vmeste:geometry_line' });
  if (type === 'MultiLineString')
    (c as unknown as number[][][]).forEach((line, i) => {
      if (line.length < 2) out.push({ path: ['coordinates', i], message: 'vmeste:geometry_line' });
    });
  if (type === 'Polygon')
    (c as unknown as number[][][]).forEach((ring, i) => {
      ringIssues(ring, ['coordinates', i], out);
    });
  if (type === 'MultiPolygon')
    c.forEach((polygon, p) => {
      polygon.forEach((ring, i) => {
        ringIssues(ring, ['coordinates', p, i], out);
      });
    });
  return out;
}

/** A GeoJSON geometry, checked structurally (see geometryIssues); extra members such as `bbox` are dropped. */
export const geometrySchema = z
  .object({ type: z.string(), coordinates: z.unknown() })
  .describe('A GeoJSON geometry (RFC 7946) in WGS84: positions are [longitude, latitude]')
  .superRefine((value, ctx) => {
    for (const issue of geometryIssues(value))
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .transform((value) => ({ type: value.type, coordinates: value.coordinates }) as Geometry);

/** Every position of a geometry with its path under `coordinates`. */
export function positionsOf(g: Geometry): { path: Path; position: Position }[] {
  const out: { path: Path; position: Position }[] = [];
  const walk = (value: unknown, level: number, path: Path) => {
    if (level === 0) out.push({ path, position: value as Position });
    else
      (value as unknown[]).forEach((v, i) => {
        walk(v, level - 1, [...path, i]);
      });
  };
  walk(g.coordinates, depth[g.type], ['coordinates']);
  return out;
}

export type BBox = { west: number; south: number; east: number; north: number };

const inside = (b: BBox, lon: number, lat: number) =>
  lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;

/**
 * Positions outside the region's bounds: "swapped" when [lat, lon] would be inside (the most common
 * mistake with GeoJSON, which gives longitude first), "outside the region" otherwise.
 */
export function regionProblems(g: Geometry, region: BBox): GeometryIssue[] {
  const out: GeometryIssue[] = [];
  for (const { path, position } of positionsOf(g)) {
    const [lon, lat] = position;
    if (inside(region, lon, lat)) continue;
    out.push({
      path,
      message: inside(region, lat, lon) ? 'vmeste:geometry_swapped' : 'vmeste:geometry_outside_region',
    });
  }
  return out;
}

/** `west,south,east,north` as in `?bbox=` (refused unless four numbers in range, west < east, south < north). */
export const bboxSchema = z
  .string()
  .describe('west,south,east,north in degrees (WGS84)')
  .transform((value, ctx): BBox => {
    const parts = value.split(',').map((p) => Number(p.trim()));
    const [west, south, east, north] = parts as [number, number, number, number];
    if (
      parts.length !== 4 ||
      parts.some((n) => !Number.isFinite(n)) ||
      west < -180 ||
      east > 180 ||
      south < -90 ||
      north > 90 ||
      west >= east ||
      south >= north
    ) {
      ctx.addIssue({ code: 'custom', message: 'vmeste:bbox' });
      return z.NEVER;
    }
    return { west, south, east, north };
  });
