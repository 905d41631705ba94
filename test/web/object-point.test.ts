import { describe, expect, it } from 'vitest';
import { representativePoint } from '../../web/src/features/objects/api/object-point.ts';

describe('where a report about a city object starts', () => {
  it("takes a point as it is, a line's middle vertex and an area's average corner", () => {
    expect(representativePoint({ type: 'Point', coordinates: [30.4731, 59.9128] })).toEqual({
      lat: 59.9128,
      lon: 30.4731,
    });
    const line = [
      [30.3615, 59.9295],
      [30.3567, 59.9208],
      [30.3512, 59.9127],
    ];
    expect(representativePoint({ type: 'LineString', coordinates: line })).toEqual({
      lat: 59.9208,
      lon: 30.3567,
    });
    const square = [
      [30.0, 59.0],
      [30.2, 59.0],
      [30.2, 59.2],
      [30.0, 59.2],
      [30.0, 59.0],
    ];
    expect(representativePoint({ type: 'Polygon', coordinates: [square] })).toEqual({ lat: 59.1, lon: 30.1 });
    expect(representativePoint({ type: 'MultiPolygon', coordinates: [[square]] })).toEqual({
      lat: 59.1,
      lon: 30.1,
    });
  });

  it('gives no point for a geometry it cannot read', () => {
    expect(representativePoint({ type: 'GeometryCollection' })).toBeNull();
    expect(representativePoint({ type: 'LineString', coordinates: [] })).toBeNull();
    expect(representativePoint({ type: 'Point' })).toBeNull();
  });
});
