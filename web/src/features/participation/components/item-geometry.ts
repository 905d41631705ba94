import type { ItemGeometry } from '@shared/participation/kinds.schemas.ts';

/** [lon, lat], as GeoJSON has it. */
export type Vertex = [number, number];

const EARTH_RADIUS_M = 6_371_008;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle length of a line in metres (haversine: plenty for a road section). */
export function lineLengthMetres(coordinates: Vertex[]): number {
  let total = 0;
  for (let i = 1; i < coordinates.length; i++) {
    const [lon1, lat1] = coordinates[i - 1]!;
    const [lon2, lat2] = coordinates[i]!;
    const a =
      Math.sin(rad(lat2 - lat1) / 2) ** 2 +
      Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
    total += 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }
  return total;
}

/** "350 м" under a kilometre, "1,2 км" above, in the page's language. */
export function formatLength(
  metres: number,
  language: string,
): { key: 'metres' | 'kilometres'; value: string } {
  if (metres < 1000)
    return { key: 'metres', value: new Intl.NumberFormat(language).format(Math.round(metres / 10) * 10) };
  return {
    key: 'kilometres',
    value: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(metres / 1000),
  };
}

/** What the resident is drawing: a point, or a line vertex by vertex. */
export type PlaceDraft =
  | { mode: 'point'; point: Vertex | null }
  | { mode: 'line'; vertices: Vertex[]; finished: boolean };

export const emptyPlace: PlaceDraft = { mode: 'point', point: null };

/** The geometry to send, or null; a line needs two vertices at least (checked by `placeProblem`). */
export function geometryOf(draft: PlaceDraft): ItemGeometry | null {
  if (draft.mode === 'point') return draft.point ? { type: 'Point', coordinates: draft.point } : null;
  return draft.vertices.length >= 2 ? { type: 'LineString', coordinates: draft.vertices } : null;
}

/** A line of one vertex is neither a line nor nothing: the form asks for a second one. */
export function placeProblem(draft: PlaceDraft): 'lineTooShort' | null {
  return draft.mode === 'line' && draft.vertices.length === 1 ? 'lineTooShort' : null;
}
