type Geometry = { type: string; coordinates?: unknown };
type Position = [number, number];

/**
 * One point that stands for an object, where a report about it starts: a point itself, a line's
 * middle vertex, an area's average vertex (inside for the convex blocks, parks and yards objects
 * are). Null for a geometry it cannot read.
 */
export function representativePoint(g: Geometry): { lat: number; lon: number } | null {
  const at = ([lon, lat]: Position) => ({ lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) });
  const middle = (line: Position[]) => (line.length > 0 ? at(line[Math.floor(line.length / 2)]!) : null);
  const average = (ring: Position[]) => {
    const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
    if (corners.length === 0) return null;
    const sum = corners.reduce(([x, y], [lon, lat]) => [x + lon, y + lat], [0, 0]);
    return at([sum[0] / corners.length, sum[1] / corners.length]);
  };
  const c = g.coordinates;
  if (!Array.isArray(c)) return null;
  switch (g.type) {
    case 'Point':
      return at(c as Position);
    case 'MultiPoint':
    case 'LineString':
      return middle(c as Position[]);
    case 'MultiLineString':
      return middle((c as Position[][])[0] ?? []);
    case 'Polygon':
      return average((c as Position[][])[0] ?? []);
    case 'MultiPolygon':
      return average((c as Position[][][])[0]?.[0] ?? []);
    default:
      return null;
  }
}
