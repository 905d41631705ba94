import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rectangleAround } from '../../src/lib/geojson.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  auditActions,
  errorOf,
  fileReport,
  loginStaff,
  rows,
  type Staff,
  territories,
} from '../support/reports.ts';

/**
 * Territories edited by an admin (issue 11, item 1): GeoJSON boundaries validated with every problem
 * listed and nothing stored on a refusal; a new boundary decides the next report's district; deletes
 * of what reports or rules use refused with archiving offered; every change audited.
 */
let t: TestApp;
let staff: Staff;
let resident: Session;
const base = '/api/v1/admin/territories';
type Terr = {
  id: string;
  code: string;
  kind: string;
  isActive: boolean;
  reportCount: number;
  ruleCount: number;
};

const call = (
  who: Session | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) => t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
const codes = (res: Parameters<typeof errorOf>[0]) =>
  (errorOf(res).details as { code?: string }[]).map((d) => d.code);
const count = async () =>
  Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM territories`))[0]!.n);

/** A square of `half` degrees around a point, as a GeoJSON polygon. */
const square = (lon: number, lat: number, half = 0.002) => rectangleAround(lon, lat, half);

let regionId: string;
let central: { id: string; lat: number; lon: number };

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  resident = await newResident(t.app);
  const all = await territories(t);
  regionId = [...all.values()].find((x) => x.kind === 'region')!.id;
  const c = all.get('tsentralny')!;
  central = { id: c.id, ...c.center };
});
afterAll(() => t?.close());

describe('territories', () => {
  it('are edited by the admin only', async () => {
    expect((await call(null, 'GET', base)).statusCode).toBe(401);
    for (const who of [resident, staff.curator, staff.moderator])
      expect((await call(who, 'GET', base)).statusCode).toBe(403);
    const list = (await call(staff.admin, 'GET', base)).json() as { items: Terr[] };
    expect(list.items[0]).toMatchObject({ kind: 'region' });
    expect(list.items.filter((x) => x.kind === 'district').length).toBeGreaterThan(5);
  });

  it('refuses bad boundaries with a specific code for each problem, storing nothing', async () => {
    const before = await count();
    const post = (boundary: unknown, code = `bad-${Math.random().toString(36).slice(2, 8)}`) =>
      call(staff.admin, 'POST', base, {
        kind: 'district',
        parentId: regionId,
        code,
        nameRu: 'Новый',
        nameEn: 'New',
        boundary,
      });

    const point = await post({ type: 'Point', coordinates: [central.lon, central.lat] });
    expect(point.statusCode).toBe(422);
    expect(errorOf(point).code).toBe('boundary_geometry_type');

    // A bow-tie: the ring crosses itself, and the answer says where.
    const { lon, lat } = central;
    const bowTie = await post({
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.01, lat + 0.01],
          [lon + 0.01, lat],
          [lon, lat + 0.01],
          [lon, lat],
        ],
      ],
    });
    expect(errorOf(bowTie).code).toBe('boundary_self_intersection');
    expect(errorOf(bowTie).details[0]!.message).toMatch(/\d+\.\d+ \d+\.\d+/);

    const moscow = await post(square(37.62, 55.75));
    expect(errorOf(moscow).code).toBe('boundary_outside_region');

    const swapped = square(lat, lon);
    expect(errorOf(await post(swapped)).code).toBe('boundary_coordinates_swapped');

    const outOfRange = await post(square(200, lat));
    expect(errorOf(outOfRange).code).toBe('boundary_coordinates_out_of_range');

    const open = await post({
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.01, lat],
          [lon, lat + 0.01],
        ],
      ],
    });
    expect(errorOf(open).code).toBe('boundary_ring');

    // Every problem listed: two features, two problems, each at its own path.
    const both = await post({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [lon, lat],
              [lon, lat + 1],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: square(200, lat) },
      ],
    });
    expect(codes(both)).toEqual(
      expect.arrayContaining(['boundary_geometry_type', 'boundary_coordinates_out_of_range']),
    );
    expect(errorOf(both).details.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        'boundary.features.0.geometry.type',
        expect.stringMatching(/^boundary\.features\.1\.geometry\.coordinates/),
      ]),
    );

    // Too detailed: more positions than a boundary may have.
    const ring: number[][] = [];
    for (let i = 0; i < 100_001; i++) {
      const a = (2 * Math.PI * i) / 100_001;
      ring.push([lon + 0.01 * Math.cos(a), lat + 0.01 * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const large = await post({ type: 'Polygon', coordinates: [ring] });
    expect(large.statusCode).toBe(413);
    expect(errorOf(large).code).toBe('boundary_too_large');

    // A municipality outside its district.
    const far = await call(staff.admin, 'POST', base, {
      kind: 'municipality',
      parentId: central.id,
      code: 'far-mo',
      nameRu: 'Далёкое МО',
      nameEn: 'Far municipality',
      boundary: square(lon + 0.3, lat + 0.1, 0.01),
    });
    expect(errorOf(far).code).toBe('boundary_outside_parent');

    // Hierarchy and code problems listed together.
    const wrongParent = await call(staff.admin, 'POST', base, {
      kind: 'municipality',
      parentId: regionId,
      code: 'tsentralny',
      nameRu: 'Неверное',
      nameEn: 'Wrong',
      boundary: square(lon, lat),
    });
    expect(codes(wrongParent)).toEqual(['territory_parent_kind', 'territory_code_taken']);
    expect(await count()).toBe(before);
  });

  it('adds a municipality, audited, and a changed boundary places the next report', async () => {
    const { lon, lat } = central;
    const created = await call(staff.admin, 'POST', base, {
      kind: 'municipality',
      parentId: central.id,
      code: 'mo-dvortsovy',
      nameRu: 'МО Дворцовый округ',
      nameEn: 'Dvortsovy municipal district',
      boundary: { type: 'Feature', properties: { name: 'x' }, geometry: square(lon, lat, 0.003) },
    });
    expect(created.statusCode).toBe(201);
    const mo = created.json() as Terr;
    expect(await auditActions(t, mo.id)).toEqual([
      expect.objectContaining({
        action: 'territory.create',
        details: {
          before: null,
          after: expect.objectContaining({ code: 'mo-dvortsovy', kind: 'municipality' }),
        },
      }),
    ]);

    // Move a square around the point from the Central district to a neighbour: the next report there
    // belongs to the neighbour, without a restart.
    const first = await fileReport(t, resident, { lat, lon });
    expect(first.territory?.id).toBe(central.id);
    const neighbour = (await territories(t)).get('admiralteysky')!;
    const [shapes] = await rows<{ shrunk: string; grown: string }>(
      t,
      sql`WITH sq AS (SELECT ST_Buffer(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), 0.004) AS g)
          SELECT ST_AsGeoJSON(ST_Difference(c.geom, sq.g), 7) AS shrunk, ST_AsGeoJSON(ST_Union(n.geom, sq.g), 7) AS grown
          FROM territories c, territories n, sq WHERE c.id = ${central.id} AND n.id = ${neighbour.id}`,
    );
    const shrink = await call(staff.admin, 'PATCH', `${base}/${central.id}`, {
      boundary: JSON.parse(shapes!.shrunk),
    });
    expect(shrink.statusCode).toBe(200);
    const grow = await call(staff.admin, 'PATCH', `${base}/${neighbour.id}`, {
      boundary: JSON.parse(shapes!.grown),
    });
    expect(grow.statusCode).toBe(200);
    const next = await fileReport(t, resident, { lat, lon });
    expect(next.territory?.id).toBe(neighbour.id);
    const audit = await auditActions(t, neighbour.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'territory.update',
      details: { before: { boundary: expect.anything() }, after: { boundary: expect.anything() } },
    });
  });

  it('takes a detailed boundary over the usual 1 MiB body limit, on creation and on change', async () => {
    // A circle of 40,000 positions (under the service's 100,000) at full precision: about 1.3 MB.
    const n = 40_000;
    // Inside a district no other test of this file changes.
    const parent = (await territories(t)).get('vyborgsky')!;
    const { lon, lat } = parent.center;
    const ring = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return [lon + 0.0021234567 * Math.cos(a), lat + 0.0011234567 * Math.sin(a)];
    });
    const circle = { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
    expect(JSON.stringify(circle).length).toBeGreaterThan(1024 * 1024);
    const created = await call(staff.admin, 'POST', base, {
      kind: 'municipality',
      parentId: parent.id,
      code: 'mo-detailed',
      nameRu: 'МО с подробной границей',
      nameEn: 'Detailed boundary',
      boundary: circle,
    });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(201);
    const id = (created.json() as Terr).id;
    const changed = await call(staff.admin, 'PATCH', `${base}/${id}`, { boundary: circle });
    expect(changed.statusCode).toBe(200);
  });

  it('refuses deleting what reports or rules use, archives instead; an archived district routes nothing new', async () => {
    const used = await call(staff.admin, 'DELETE', `${base}/${central.id}`);
    expect(used.statusCode).toBe(409);
    expect(codes(used)).toEqual(['territory_in_use', 'territory_has_children']);

    const { lon, lat } = central;
    const spare = (
      await call(staff.admin, 'POST', base, {
        kind: 'district',
        parentId: regionId,
        code: 'spare-district',
        nameRu: 'Запасной район',
        nameEn: 'Spare district',
        boundary: square(lon + 0.05, lat - 0.05, 0.001),
      })
    ).json() as Terr;
    const archived = await call(staff.admin, 'PATCH', `${base}/${spare.id}`, { isActive: false });
    expect(archived.json()).toMatchObject({ isActive: false });
    expect((await territories(t)).has('spare-district')).toBe(false);
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/routing-rules',
      headers: staff.admin.headers,
      payload: {
        categoryId: (
          await rows<{ id: string }>(t, sql`SELECT id FROM categories WHERE code = 'street-light'`)
        )[0]!.id,
        territoryId: spare.id,
        organisationId: (await rows<{ id: string }>(t, sql`SELECT id FROM organisations LIMIT 1`))[0]!.id,
      },
    });
    expect(errorOf(rule).code).toBe('territory_archived');

    const gone = await call(staff.admin, 'DELETE', `${base}/${spare.id}`);
    expect(gone.statusCode).toBe(204);
    expect((await auditActions(t, spare.id)).map((a) => a.action)).toEqual([
      'territory.create',
      'territory.archive',
      'territory.delete',
    ]);
  });
});
