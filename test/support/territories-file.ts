/**
 * The pieces of a territories file for `vmeste region-init` (docs/scale-out.md): a rectangle as a
 * GeoJSON Polygon in WGS84, and a feature with the properties the command reads.
 */
export const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

export const feature = (
  code: string,
  kind: string,
  geometry: unknown,
  nameRu = `Тер ${code}`,
  nameEn = `T ${code}`,
) => ({
  type: 'Feature',
  properties: { code, kind, nameRu, nameEn },
  geometry,
});
