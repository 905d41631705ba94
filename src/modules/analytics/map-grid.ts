/**
 * The map's Web-Mercator grid (docs/analytics.md "The map"). Every grid is a power-of-two division of
 * the world's width, so a coarse cell number is a fine one shifted right: `floor(x / (B·2^k))` equals
 * `floor(x / B) >> k` exactly (dividing a double by a power of two only changes its exponent).
 */

/** Radius of the spherical Web-Mercator projection (EPSG:3857), metres. */
export const MERCATOR_R = 6378137;
/** The width of the world in Web-Mercator metres. */
export const WORLD = 2 * Math.PI * MERCATOR_R;
/** The roll-up's base cells are 2^-17 of the world's width: about 306 m (150 m on the ground at 60° N). */
export const MAP_BASE_LEVEL = 17;
export const MAP_BASE_CELL_METRES = WORLD / 2 ** MAP_BASE_LEVEL;

/** The side of a grid cell in Web-Mercator metres at a zoom (256-pixel tiles). */
export const cellMetres = (zoom: number, px: number): number => (WORLD / (256 * 2 ** zoom)) * px;

/**
 * How many bits a base cell number is shifted right to give the cell of `px` screen pixels at `zoom`,
 * or null when that cell is finer than the base cell (or not a power-of-two division of it).
 */
export function baseShift(zoom: number, px: number): number | null {
  const level = zoom + 8 - Math.log2(px);
  if (!Number.isInteger(level) || level > MAP_BASE_LEVEL) return null;
  return MAP_BASE_LEVEL - level;
}

export const toMercator = (lon: number, lat: number): [number, number] => {
  const clamped = Math.max(-85.0511, Math.min(85.0511, lat));
  return [
    (MERCATOR_R * lon * Math.PI) / 180,
    MERCATOR_R * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)),
  ];
};

export const fromMercator = (x: number, y: number): [number, number] => [
  (x / MERCATOR_R) * (180 / Math.PI),
  (2 * Math.atan(Math.exp(y / MERCATOR_R)) - Math.PI / 2) * (180 / Math.PI),
];

/** A viewport's base cells that lie wholly inside it (inclusive ranges), or null when there are none. */
export type Interior = { i0: number; i1: number; j0: number; j1: number };

/**
 * The base cells wholly inside a lon/lat box: their reports are in the viewport whatever their exact
 * position, so the roll-up can count them. A centimetre of margin keeps a report on the box's edge
 * (where the JavaScript and SQL projections may differ in the last bit) out of them.
 */
export function interiorCells(box: {
  west: number;
  south: number;
  east: number;
  north: number;
}): Interior | null {
  const margin = 0.01;
  const [w, s] = toMercator(box.west, box.south);
  const [e, n] = toMercator(box.east, box.north);
  const B = MAP_BASE_CELL_METRES;
  const i0 = Math.ceil((w + margin) / B);
  const i1 = Math.floor((e - margin) / B) - 1;
  const j0 = Math.ceil((s + margin) / B);
  const j1 = Math.floor((n - margin) / B) - 1;
  if (i0 > i1 || j0 > j1) return null;
  return { i0, i1, j0, j1 };
}
