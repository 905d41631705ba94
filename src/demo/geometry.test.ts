import { describe, expect, it } from 'vitest';
import {
  type MultiPolygonGeometry,
  normalizeRings,
  type Position,
  pointInArea,
  randomPointInArea,
  signedArea2,
} from './geometry.ts';
import { createRng } from './prng.ts';

const square = (x0: number, y0: number, size: number): Position[] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

describe('pointInArea', () => {
  const withHole: MultiPolygonGeometry = {
    type: 'MultiPolygon',
    coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 20, 1)]],
  };

  it('is inside the shell and outside the hole', () => {
    expect(pointInArea(1, 1, withHole)).toBe(true);
    expect(pointInArea(5, 5, withHole)).toBe(false);
    expect(pointInArea(20.5, 20.5, withHole)).toBe(true);
    expect(pointInArea(15, 15, withHole)).toBe(false);
  });

  it('reads a plain Polygon with a hole', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [square(0, 0, 10), square(4, 4, 2)] };
    expect(pointInArea(1, 1, polygon)).toBe(true);
    expect(pointInArea(5, 5, polygon)).toBe(false);
  });
});

describe('normalizeRings', () => {
  it('turns disjoint rings of one Polygon into separate parts, not holes', () => {
    // Like the demo file: a small fort listed first, the island last, wound alike.
    const fort = square(0, 0, 1).reverse();
    const island = square(5, 5, 10).reverse();
    const normalized = normalizeRings([fort, island]);
    expect(normalized.coordinates).toHaveLength(2);
    expect(pointInArea(10, 10, normalized)).toBe(true);
    expect(pointInArea(0.5, 0.5, normalized)).toBe(true);
    expect(pointInArea(3, 3, normalized)).toBe(false);
  });

  it('keeps a nested ring as a hole and winds rings the RFC 7946 way', () => {
    const normalized = normalizeRings([square(4, 4, 2), square(0, 0, 10)]);
    expect(normalized.coordinates).toHaveLength(1);
    const [shell, hole] = normalized.coordinates[0] ?? [];
    expect(signedArea2(shell ?? [])).toBeGreaterThan(0);
    expect(signedArea2(hole ?? [])).toBeLessThan(0);
    expect(pointInArea(5, 5, normalized)).toBe(false);
    expect(pointInArea(1, 5, normalized)).toBe(true);
  });

  it('treats an island inside a lake as land again', () => {
    const normalized = normalizeRings([square(0, 0, 10), square(2, 2, 6), square(4, 4, 2)]);
    expect(pointInArea(1, 1, normalized)).toBe(true);
    expect(pointInArea(3, 3, normalized)).toBe(false);
    expect(pointInArea(5, 5, normalized)).toBe(true);
  });
});

describe('randomPointInArea', () => {
  it('returns points inside, never in a hole', () => {
    const area = normalizeRings([square(0, 0, 10), square(1, 1, 8)]);
    const rng = createRng(1);
    for (let i = 0; i < 500; i++) {
      const [lon, lat] = randomPointInArea(area, rng);
      expect(pointInArea(lon, lat, area)).toBe(true);
      expect(lon < 1 || lon > 9 || lat < 1 || lat > 9).toBe(true);
    }
  });

  it('gives up on an empty area instead of looping', () => {
    const empty: MultiPolygonGeometry = { type: 'MultiPolygon', coordinates: [] };
    expect(() => randomPointInArea(empty, createRng(1), [0, 0, 1, 1], 100)).toThrow(/no point/);
  });
});
