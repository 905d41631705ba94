import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { CENTRAL_POINT, type Session, type TestApp } from './app.ts';
import { rows } from './reports.ts';

type RegistryPoint = { id: string; name: string; kind: string };

/**
 * Objects of the `city-registry` source, each a point at the city centre, imported by an administrator
 * through the registry import (as a city's GeoJSON file would bring them); their ids by registry id.
 */
export async function importRegistryPoints(
  t: TestApp,
  admin: Session,
  objects: RegistryPoint[],
): Promise<Record<string, string>> {
  const geometry = { type: 'Point', coordinates: [CENTRAL_POINT.lon, CENTRAL_POINT.lat] };
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/objects/import',
    headers: admin.headers,
    payload: {
      mapping: {
        source: 'city-registry',
        format: 'geojson',
        columns: { externalId: 'id', name: 'name', kind: 'kind' },
      },
      content: JSON.stringify({
        type: 'FeatureCollection',
        features: objects.map((properties) => ({ type: 'Feature', properties, geometry })),
      }),
    },
  });
  expect(res.json()).toMatchObject({ created: objects.length, failed: 0 });
  const stored = await rows<{ id: string; external_id: string }>(
    t,
    sql`SELECT id, external_id FROM city_objects
        WHERE external_id = ANY(${sql.param(objects.map((o) => `city-registry:${o.id}`))}::text[])`,
  );
  return Object.fromEntries(stored.map((o) => [o.external_id.slice('city-registry:'.length), o.id]));
}
