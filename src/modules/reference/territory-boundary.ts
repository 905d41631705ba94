import type { ErrorCode, ErrorDetail } from '../../lib/errors.ts';
import { type BBox, type Geometry, geometryIssues, regionProblems } from '../../lib/geojson.ts';

/*
 * A territory's boundary as an admin uploads it: a GeoJSON Polygon or MultiPolygon, bare, in a
 * Feature, or as a FeatureCollection of such features (joined into one MultiPolygon). What the
 * structure shows is checked here, every problem listed at its own path; what needs PostGIS
 * (self-intersection and where, inside the region) is the service's, through the repository.
 */

/** Positions a boundary may have: a district's official boundary has a few thousand. */
export const MAX_BOUNDARY_POSITIONS = 100_000;
/** How many problems of one kind are listed (a swapped file would otherwise list every position). */
const MAX_LISTED = 10;

export type BoundaryProblem = { code: ErrorCode; detail: ErrorDetail };

type Polygonal = Extract<Geometry, { type: 'Polygon' | 'MultiPolygon' }>;

const problem = (code: ErrorCode, path: string, message: string = code): BoundaryProblem => ({
  code,
  detail: { path, code, message },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The geometries inside what was uploaded, each with its path in the request. */
function geometriesOf(value: unknown, path: string): { geometry: unknown; path: string }[] | BoundaryProblem {
  if (!isObject(value)) return problem('boundary_geometry_type', path);
  if (value.type === 'FeatureCollection') {
    const features = Array.isArray(value.features) ? value.features : [];
    if (features.length === 0) return problem('boundary_geometry_type', `${path}.features`);
    return features.map((f, i) => ({
      geometry: isObject(f) ? f.geometry : undefined,
      path: `${path}.features.${i}.geometry`,
    }));
  }
  if (value.type === 'Feature') return [{ geometry: value.geometry, path: `${path}.geometry` }];
  return [{ geometry: value, path }];
}

const codeOfIssue: Record<string, ErrorCode> = {
  geometry_out_of_range: 'boundary_coordinates_out_of_range',
  geometry_swapped: 'boundary_coordinates_swapped',
  geometry_outside_region: 'boundary_outside_region',
  geometry_ring: 'boundary_ring',
  geometry_position: 'boundary_coordinates_out_of_range',
  geometry_empty: 'boundary_geometry_type',
};

function listed(problems: BoundaryProblem[]): BoundaryProblem[] {
  const seen = new Map<string, number>();
  return problems.filter((p) => {
    const n = (seen.get(p.code) ?? 0) + 1;
    seen.set(p.code, n);
    return n <= MAX_LISTED;
  });
}

function countPositions(g: Polygonal): number {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0);
}

/**
 * The boundary as one (Multi)Polygon, or every structural problem: a wrong geometry type,
 * coordinates out of range or swapped (against the region's extent when known), open rings, too
 * many positions.
 */
export function parseBoundary(
  value: unknown,
  regionExtent: BBox | null,
  path = 'boundary',
): { geometry: Polygonal } | { problems: BoundaryProblem[] } {
  const parts = geometriesOf(value, path);
  if (!Array.isArray(parts)) return { problems: [parts] };
  const problems: BoundaryProblem[] = [];
  const polygons: Polygonal[] = [];
  for (const part of parts) {
    const g = part.geometry;
    if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      problems.push(problem('boundary_geometry_type', `${part.path}.type`));
      continue;
    }
    const issues = geometryIssues({ type: g.type, coordinates: g.coordinates });
    for (const issue of issues) {
      const key = issue.message.replace(/^vmeste:/, '').split(':')[0]!;
      problems.push(
        problem(codeOfIssue[key] ?? 'boundary_invalid', [part.path, ...issue.path].join('.'), issue.message),
      );
    }
    if (issues.length === 0) polygons.push({ type: g.type, coordinates: g.coordinates } as Polygonal);
  }
  if (problems.length > 0) return { problems: listed(problems) };
  const geometry: Polygonal =
    polygons.length === 1
      ? polygons[0]!
      : {
          type: 'MultiPolygon',
          coordinates: polygons.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)),
        };
  if (countPositions(geometry) > MAX_BOUNDARY_POSITIONS)
    return { problems: [problem('boundary_too_large', path)] };
  if (regionExtent) {
    const outside = regionProblems(geometry, regionExtent).map((issue) => {
      const key = issue.message.replace(/^vmeste:/, '');
      return problem(
        codeOfIssue[key] ?? 'boundary_outside_region',
        [path, ...issue.path].join('.'),
        issue.message,
      );
    });
    if (outside.length > 0) return { problems: listed(outside) };
  }
  return { geometry };
}
