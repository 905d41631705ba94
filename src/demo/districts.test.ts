import { describe, expect, it } from 'vitest';
import { CITY_CODE, DISTRICTS, DISTRICTS_BY_GEO_NAME, geoFeatureByCode, loadDemoGeo } from './districts.ts';
import { pointInArea, signedArea2 } from './geometry.ts';

describe('demo districts', () => {
  it('has 18 districts with unique ASCII codes', () => {
    expect(DISTRICTS).toHaveLength(18);
    const codes = DISTRICTS.map((d) => d.code);
    expect(new Set(codes).size).toBe(18);
    for (const code of [...codes, CITY_CODE]) expect(code).toMatch(/^[a-z][a-z0-9-]*$/);
    for (const d of DISTRICTS) {
      expect(d.nameEn).toMatch(/ District$/);
      expect(d.nameRu).toMatch(/ район$/);
    }
  });

  it('matches the GeoJSON file: one city outline (level 4) and the 18 districts by name', () => {
    const geo = loadDemoGeo();
    expect(geo.features).toHaveLength(19);
    expect(geo.city.name).toBe('Санкт-Петербург');
    expect(geo.city.code).toBe(CITY_CODE);
    expect(geo.districts.map((f) => f.name).sort()).toEqual([...DISTRICTS_BY_GEO_NAME.keys()].sort());
  });

  it('normalises every boundary into a valid MultiPolygon', () => {
    for (const feature of loadDemoGeo().features) {
      expect(feature.geometry.type).toBe('MultiPolygon');
      for (const [shell, ...holes] of feature.geometry.coordinates) {
        expect(signedArea2(shell ?? [])).toBeGreaterThan(0);
        for (const hole of holes) expect(signedArea2(hole)).toBeLessThan(0);
      }
    }
  });

  // Well-known places, each well inside its district.
  const landmarks: [string, number, number][] = [
    ['kronshtadtsky', 29.7756, 59.9925], // Anchor Square, Kotlin island (the last ring of the raw feature)
    ['petrodvortsovy', 29.9086, 59.8848], // Peterhof Grand Palace
    ['pushkinsky', 30.3956, 59.716], // Catherine Palace, Pushkin
    ['kolpinsky', 30.5893, 59.7507], // Kolpino centre
    ['moskovsky', 30.3294, 59.8669], // Moscow Victory Park
    ['kurortny', 29.96, 60.09], // Sestroretsk
    ['vasileostrovsky', 30.2785, 59.9425], // Vasilyevsky Island, Sredny prospekt
  ];

  it.each(landmarks)('places a landmark inside %s', (code, lon, lat) => {
    const geo = loadDemoGeo();
    expect(pointInArea(lon, lat, geoFeatureByCode(code, geo).geometry)).toBe(true);
    const others = geo.districts.filter((f) => f.code !== code && pointInArea(lon, lat, f.geometry));
    expect(others.map((f) => f.code)).toEqual([]);
  });
});
