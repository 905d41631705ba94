import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_TREE } from '../../src/demo/categories.ts';
import { DISTRICTS } from '../../src/demo/districts.ts';
import { ORGANISATIONS } from '../../src/demo/organisations.ts';
import { reportActions } from '../../src/modules/reports/report-states.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type OpenApiDoc, openApiProblems, servedRoutes } from '../support/openapi.ts';
import { errorOf, rows } from '../support/reports.ts';

type Category = {
  id: string;
  parentId: string | null;
  code: string;
  name: { ru: string; en: string };
  slaDays: number | null;
};
type Territory = {
  id: string;
  parentId: string | null;
  kind: string;
  code: string;
  name: { ru: string; en: string };
  center: { lat: number; lon: number };
  geometry?: { type: string; coordinates: unknown[] };
};

const expectedEngine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

describe('reference data and platform endpoints', () => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('categories', () => {
    let items: Category[];
    beforeAll(async () => {
      items = (await get('/api/v1/categories')).json().items;
    });

    it('is a two-level tree: topics without SLA, subjects with SLA in working days', () => {
      const topics = items.filter((c) => c.parentId === null);
      const subjects = items.filter((c) => c.parentId !== null);
      expect(topics.map((c) => c.code).sort()).toEqual(CATEGORY_TREE.map((c) => c.code).sort());
      expect(subjects).toHaveLength(CATEGORY_TREE.flatMap((c) => c.children).length);
      const topicIds = new Set(topics.map((c) => c.id));
      for (const topic of topics) expect(topic.slaDays).toBeNull();
      for (const s of subjects) {
        expect(topicIds.has(s.parentId!), `${s.code} hangs under a topic`).toBe(true);
        expect(Number.isInteger(s.slaDays) && s.slaDays! >= 1, `${s.code} has an SLA`).toBe(true);
      }
    });

    it('places each subject under its own topic with its SLA and both names', () => {
      const byCode = new Map(items.map((c) => [c.code, c]));
      for (const topic of CATEGORY_TREE)
        for (const s of topic.children) {
          const found = byCode.get(s.code)!;
          expect(found).toMatchObject({
            parentId: byCode.get(topic.code)!.id,
            slaDays: s.slaDays,
            name: { ru: s.nameRu, en: s.nameEn },
          });
        }
      expect(byCode.get('street-light')).toMatchObject({
        slaDays: 5,
        name: { ru: 'Не горят уличные фонари' },
      });
    });

    it('lists a topic before its subjects', () => {
      const position = new Map(items.map((c, i) => [c.id, i]));
      for (const s of items.filter((c) => c.parentId))
        expect(position.get(s.parentId!)!).toBeLessThan(position.get(s.id)!);
    });
  });

  describe('territories', () => {
    it('are the region and its 18 districts, each with a centre inside it', async () => {
      const res = await get('/api/v1/territories');
      expect(res.statusCode).toBe(200);
      const items: Territory[] = res.json().items;
      expect(items).toHaveLength(19);
      const regions = items.filter((x) => x.kind === 'region');
      expect(regions).toEqual([
        expect.objectContaining({
          code: 'spb',
          parentId: null,
          name: { ru: 'Санкт-Петербург', en: 'Saint Petersburg' },
        }),
      ]);
      const districts = items.filter((x) => x.kind === 'district');
      expect(districts.map((d) => d.code).sort()).toEqual(DISTRICTS.map((d) => d.code).sort());
      for (const d of districts) {
        expect(d.parentId).toBe(regions[0]!.id);
        expect(d).not.toHaveProperty('geometry');
        const [inside] = await rows<{ ok: boolean }>(
          t,
          sql`SELECT ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${d.center.lon}, ${d.center.lat}), 4326)) AS ok FROM territories WHERE id = ${d.id}`,
        );
        expect(inside!.ok, `${d.code} centre`).toBe(true);
      }
    });

    it('add GeoJSON boundaries with ?geometry=true', async () => {
      const items: Territory[] = (await get('/api/v1/territories?geometry=true')).json().items;
      expect(items).toHaveLength(19);
      for (const x of items) {
        expect(['Polygon', 'MultiPolygon']).toContain(x.geometry?.type);
        expect(Array.isArray(x.geometry!.coordinates) && x.geometry!.coordinates.length > 0).toBe(true);
        const first = JSON.stringify(x.geometry!.coordinates).match(/\[(-?\d+\.?\d*),(-?\d+\.?\d*)\]/)!;
        const [lon, lat] = [Number(first[1]), Number(first[2])];
        // [lon, lat] order, somewhere around Saint Petersburg.
        expect(lon).toBeGreaterThan(29);
        expect(lon).toBeLessThan(31);
        expect(lat).toBeGreaterThan(59.5);
        expect(lat).toBeLessThan(60.5);
      }
    });

    it('refuses a geometry flag that is not a boolean', async () => {
      const res = await get('/api/v1/territories?geometry=perhaps');
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation_failed');
      expect(errorOf(res).details[0]!.path).toMatch(/geometry$/);
    });
  });

  it('lists the organisations with their public contacts, territories and subjects', async () => {
    const items = (await get('/api/v1/organisations')).json().items as {
      code: string;
      kind: string;
      name: { ru: string };
      email: string | null;
      territoryIds: string[];
      categoryIds: string[];
    }[];
    expect(items.map((o) => o.code).sort()).toEqual(ORGANISATIONS.map((o) => o.code).sort());
    const light = items.find((o) => o.code === 'city-light')!;
    expect(light).toMatchObject({
      kind: 'utility',
      name: { ru: 'СПб ГУП «Городской свет»' },
      email: 'info@city-light.example.org',
    });
    expect(light.territoryIds).toHaveLength(1);
    expect(light.categoryIds).toHaveLength(4);
    const nevsky = items.find((o) => o.code === 'adm-nevsky')!;
    const territories: Territory[] = (await get('/api/v1/territories')).json().items;
    expect(nevsky.territoryIds).toEqual([territories.find((x) => x.code === 'nevsky')!.id]);
  });

  it('gives the client its configuration: tiles and the region’s extent', async () => {
    const res = await get('/api/v1/config');
    expect(res.statusCode).toBe(200);
    const { mapTileUrl, region } = res.json();
    expect(mapTileUrl).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    const [minLon, minLat, maxLon, maxLat] = region.bbox;
    expect(minLon).toBeLessThan(maxLon);
    expect(minLat).toBeLessThan(maxLat);
    expect(region.center.lon).toBeGreaterThan(minLon);
    expect(region.center.lon).toBeLessThan(maxLon);
    expect(region.center.lat).toBeGreaterThan(minLat);
    expect(region.center.lat).toBeLessThan(maxLat);
    // Saint Petersburg, Kronstadt and the resort district included.
    expect(minLon).toBeGreaterThan(29.3);
    expect(maxLon).toBeLessThan(30.9);
    expect(maxLat).toBeGreaterThan(60.1);
  });

  describe('health', () => {
    it('is ok and names the engine the suite runs on', async () => {
      const res = await get('/api/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', db: expectedEngine, version: expect.any(String) });
      expect(t.database.engine).toBe(expectedEngine);
    });

    describe('when the database is gone', () => {
      // A second app and database of its own: made in a hook, whose budget allows for a database
      // created from the template (a distributed schema on Citus) while CI lanes share the cores.
      let other: TestApp;
      beforeAll(async () => {
        other = await createTestApp();
        await other.database.close();
      });
      afterAll(async () => {
        await other?.app.close();
      });

      it('says degraded (503)', async () => {
        const res = await other.app.inject({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ status: 'degraded', db: expectedEngine });
      });
    });
  });

  describe('OpenAPI', () => {
    let doc: OpenApiDoc;
    beforeAll(async () => {
      const res = await get('/api/openapi.json');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      doc = res.json();
    });

    it('is a valid OpenAPI 3 document', () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe('Vmeste API');
      expect(openApiProblems(doc)).toEqual([]);
    });

    it('documents every /api/v1 route the server serves, with its method', () => {
      const served = servedRoutes(t.app.printRoutes({ commonPrefix: false })).filter(
        (r) => r.path.startsWith('/api/v1/') && r.method !== 'HEAD',
      );
      expect(served.length).toBeGreaterThan(25);
      const missing = served
        .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') }))
        .filter((r) => !doc.paths[r.path]?.[r.method])
        .map((r) => `${r.method} ${r.path}`);
      expect(missing).toEqual([]);
    });

    it('documents each report action with its own body', () => {
      for (const action of reportActions) {
        const op = doc.paths[`/api/v1/reports/{id}/actions/${action}`]?.post;
        expect(op, action).toBeDefined();
        expect(op!.requestBody?.content?.['application/json'], action).toBeDefined();
        expect(op!.responses).toHaveProperty('200');
        expect(op!.responses).toHaveProperty('409');
      }
      const draft = JSON.stringify(doc.paths['/api/v1/reports/{id}/actions/draft-answer']!.post!.requestBody);
      for (const field of ['text', 'result', 'plannedDate', 'legalReason', 'mediaIds'])
        expect(draft).toContain(`"${field}"`);
    });

    it('documents the core routes and the error shape', () => {
      for (const [method, path] of [
        ['post', '/api/v1/users'],
        ['post', '/api/v1/session'],
        ['delete', '/api/v1/session'],
        ['get', '/api/v1/me'],
        ['get', '/api/v1/categories'],
        ['get', '/api/v1/territories'],
        ['get', '/api/v1/organisations'],
        ['get', '/api/v1/config'],
        ['post', '/api/v1/media'],
        ['get', '/api/v1/media/{id}'],
        ['get', '/api/v1/media/{id}/thumb'],
        ['post', '/api/v1/reports'],
        ['get', '/api/v1/reports'],
        ['get', '/api/v1/reports/{id}'],
        ['get', '/api/v1/reports/{id}/events'],
      ] as const)
        expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    });

    it('documents the error body { error: { code, message, details[] } } that the error responses refer to', () => {
      const ref = (
        doc.paths['/api/v1/users']!.post!.responses!['400'] as {
          content: { 'application/json': { schema: { $ref?: string } } };
        }
      ).content['application/json'].schema.$ref;
      expect(ref).toBe('#/components/schemas/Error');
      const error = doc.components?.schemas?.Error as
        | { properties?: { error?: { properties?: Record<string, unknown> } } }
        | undefined;
      expect(Object.keys(error?.properties?.error?.properties ?? {}).sort()).toEqual([
        'code',
        'details',
        'message',
      ]);
    });
  });

  it('serves the browsable API documentation as HTML', async () => {
    const res = await get('/api/docs');
    const page =
      res.statusCode >= 300 && res.statusCode < 400 ? await get(String(res.headers.location)) : res;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/<html/i);
    expect(page.body).toMatch(/swagger/i);
  });
});
