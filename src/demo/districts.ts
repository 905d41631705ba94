/**
 * The demo region: Saint Petersburg and its 18 administrative districts, and a loader for their
 * boundaries (src/demo/geo/spb-districts.geojson, © OpenStreetMap contributors, ODbL).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { urlInRepo } from '../lib/repo-root.ts';
import { type BBox, bboxOf, type MultiPolygonGeometry, normalizeRings, type Position } from './geometry.ts';

export interface DemoTerritory {
  /** ASCII slug, stable: used as the territory code in the database and in routing rules. */
  code: string;
  nameRu: string;
  nameEn: string;
}

export interface DemoDistrict extends DemoTerritory {
  /** `properties.name` of the district's feature in the GeoJSON file. */
  geoName: string;
  /** Genitive, for names such as «Администрация Курортного района». */
  nameRuGenitive: string;
}

export const CITY_CODE = 'spb';

export const CITY: DemoTerritory = { code: CITY_CODE, nameRu: 'Санкт-Петербург', nameEn: 'Saint Petersburg' };

export const DISTRICTS: readonly DemoDistrict[] = [
  d('admiralteysky', 'Адмиралтейский район', 'Admiralteysky District', 'Адмиралтейского'),
  d('vasileostrovsky', 'Василеостровский район', 'Vasileostrovsky District', 'Василеостровского'),
  d('vyborgsky', 'Выборгский район', 'Vyborgsky District', 'Выборгского'),
  d('kalininsky', 'Калининский район', 'Kalininsky District', 'Калининского'),
  d('kirovsky', 'Кировский район', 'Kirovsky District', 'Кировского'),
  d('kolpinsky', 'Колпинский район', 'Kolpinsky District', 'Колпинского'),
  d('krasnogvardeysky', 'Красногвардейский район', 'Krasnogvardeysky District', 'Красногвардейского'),
  d('krasnoselsky', 'Красносельский район', 'Krasnoselsky District', 'Красносельского'),
  // The file names this feature after the town; the district is officially Кронштадтский район.
  d('kronshtadtsky', 'Кронштадтский район', 'Kronshtadtsky District', 'Кронштадтского', 'Кронштадт'),
  d('kurortny', 'Курортный район', 'Kurortny District', 'Курортного'),
  d('moskovsky', 'Московский район', 'Moskovsky District', 'Московского'),
  d('nevsky', 'Невский район', 'Nevsky District', 'Невского'),
  d('petrogradsky', 'Петроградский район', 'Petrogradsky District', 'Петроградского'),
  d('petrodvortsovy', 'Петродворцовый район', 'Petrodvortsovy District', 'Петродворцового'),
  d('primorsky', 'Приморский район', 'Primorsky District', 'Приморского'),
  d('pushkinsky', 'Пушкинский район', 'Pushkinsky District', 'Пушкинского'),
  d('frunzensky', 'Фрунзенский район', 'Frunzensky District', 'Фрунзенского'),
  d('tsentralny', 'Центральный район', 'Tsentralny District', 'Центрального'),
];

function d(code: string, nameRu: string, nameEn: string, genitive: string, geoName = nameRu): DemoDistrict {
  return { code, nameRu, nameEn, geoName, nameRuGenitive: `${genitive} района` };
}

/** Districts keyed by the exact `properties.name` in the GeoJSON file. */
export const DISTRICTS_BY_GEO_NAME: ReadonlyMap<string, DemoDistrict> = new Map(
  DISTRICTS.map((x) => [x.geoName, x]),
);

export const DISTRICTS_BY_CODE: ReadonlyMap<string, DemoDistrict> = new Map(
  DISTRICTS.map((x) => [x.code, x]),
);

/** Every territory code of the demo region: the city and its districts. */
export const TERRITORY_CODES: readonly string[] = [CITY_CODE, ...DISTRICTS.map((x) => x.code)];

export interface DemoGeoFeature {
  /** `properties.name` as in the file. */
  name: string;
  /** Territory code: 'spb' for the city outline, else the district's code. */
  code: string;
  isCity: boolean;
  /** Valid RFC 7946 MultiPolygon (see geo/README.md on why the raw rings need normalising). */
  geometry: MultiPolygonGeometry;
  bbox: BBox;
}

export interface DemoGeo {
  features: DemoGeoFeature[];
  city: DemoGeoFeature;
  districts: DemoGeoFeature[];
}

export const DEMO_GEOJSON_URL = urlInRepo('src/demo/geo/spb-districts.geojson');

let cached: DemoGeo | undefined;

/**
 * Reads and normalises the boundaries (once; later calls return the same object). The city
 * outline is the feature with `properties.level === 4`; districts have level 5.
 */
export function loadDemoGeo(): DemoGeo {
  if (cached) return cached;
  const raw: unknown = JSON.parse(readFileSync(fileURLToPath(DEMO_GEOJSON_URL), 'utf8'));
  const features = rawFeatures(raw).map((f): DemoGeoFeature => {
    const isCity = f.level === 4;
    const code = isCity ? CITY_CODE : DISTRICTS_BY_GEO_NAME.get(f.name)?.code;
    if (!code) throw new Error(`district "${f.name}" in the GeoJSON file is not in DISTRICTS`);
    const geometry = normalizeRings(f.rings);
    return { name: f.name, code, isCity, geometry, bbox: bboxOf(geometry) };
  });
  const cities = features.filter((f) => f.isCity);
  const city = cities[0];
  if (cities.length !== 1 || !city) throw new Error(`expected one city outline, found ${cities.length}`);
  const districts = features.filter((f) => !f.isCity);
  if (districts.length !== DISTRICTS.length) {
    throw new Error(`expected ${DISTRICTS.length} districts, found ${districts.length}`);
  }
  cached = { features, city, districts };
  return cached;
}

/** The boundary of one district (or of the city, for 'spb'). */
export function geoFeatureByCode(code: string, geo: DemoGeo = loadDemoGeo()): DemoGeoFeature {
  const found = geo.features.find((f) => f.code === code);
  if (!found) throw new Error(`no boundary for territory ${code}`);
  return found;
}

interface RawFeature {
  name: string;
  level: number;
  rings: Position[][];
}

function rawFeatures(raw: unknown): RawFeature[] {
  if (!isRecord(raw) || raw.type !== 'FeatureCollection' || !Array.isArray(raw.features)) {
    throw new Error('the demo GeoJSON file is not a FeatureCollection');
  }
  return raw.features.map((f: unknown, i: number): RawFeature => {
    const props = isRecord(f) ? f.properties : undefined;
    const geom = isRecord(f) ? f.geometry : undefined;
    if (!isRecord(props) || typeof props.name !== 'string' || typeof props.level !== 'number') {
      throw new Error(`feature ${i}: properties.name and properties.level are required`);
    }
    if (!isRecord(geom) || !Array.isArray(geom.coordinates)) throw new Error(`feature ${i}: no geometry`);
    const polygons: unknown[] = geom.type === 'MultiPolygon' ? geom.coordinates : [geom.coordinates];
    const rings = polygons.flatMap((p) => (Array.isArray(p) ? p : [])).map((r) => toRing(r, i));
    return { name: props.name, level: props.level, rings };
  });
}

function toRing(ring: unknown, feature: number): Position[] {
  if (!Array.isArray(ring)) throw new Error(`feature ${feature}: a ring is not an array`);
  return ring.map((p: unknown): Position => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      throw new Error(`feature ${feature}: a position is not [lon, lat]`);
    }
    return [p[0], p[1]];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
