import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AddressLineError,
  countAddresses,
  importAddresses,
  seedDemoAddresses,
} from '../../src/modules/addresses/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { errorOf, fieldPaths } from '../support/reports.ts';

/**
 * The address registry (issue 11, item 3): import with per-line errors, search as residents type
 * (abbreviations, typos, word forms), and the reverse look-up within a radius.
 */
let t: TestApp;
let dir: string;
const errors: AddressLineError[] = [];

const CSV = `id,address,lat,lon
1,"г.Санкт-Петербург, Невский проспект, дом 1, литера А",59.93665,30.31395
2,"г.Санкт-Петербург, Невский проспект, дом 11/2, литера А",59.93612,30.3154
3,"г.Санкт-Петербург, Невский проспект, дом 102, литера А",59.9318748,30.3562915
4,"г.Санкт-Петербург, улица Бабушкина, дом 113, корпус 2, литера Б",59.8841,30.4390
5,"г.Санкт-Петербург, улица Бабушкина, дом 113, корпус 1, литера А",59.8846,30.4385
6,"г.Санкт-Петербург, Лесной проспект, дом 61, корпус 3, литера Д",59.9830,30.3420
7,,59.9,30.3
,"Садовая улица, дом 1",north,30.3
`;

const search = (q: string, limit?: number) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/addresses/search?${new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) })}`,
  });
const first = async (q: string) =>
  ((await search(q)).json() as { items: { address: string }[] }).items[0]?.address;
const reverse = (lat: number, lon: number, radius?: number) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/addresses/reverse?lat=${lat}&lon=${lon}${radius ? `&radius=${radius}` : ''}`,
  });

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-addresses-'));
  const csv = path.join(dir, 'registry.csv');
  writeFileSync(csv, CSV);
  const totals = await importAddresses(t.app.ctx.db, csv, { source: 'test', onError: (e) => errors.push(e) });
  expect(totals).toEqual({ read: 8, imported: 6, failed: 2 });
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import', () => {
  it('reports every problem of a bad line by its line number and imports the rest', () => {
    expect(errors).toEqual([
      { line: 8, problems: [{ path: 'address', code: 'import_missing_field' }] },
      {
        line: 9,
        problems: [
          { path: 'id', code: 'import_missing_field' },
          { path: 'lat', code: 'import_invalid_coordinates' },
        ],
      },
    ]);
  });

  it('updates in place on a re-import, and reads GeoJSON too', async () => {
    const geo = path.join(dir, 'registry.geojson');
    writeFileSync(
      geo,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [30.3154, 59.93612] },
            properties: { id: '2', street: 'Невский проспект', house: '11/2', building: 'литера А' },
          },
          { type: 'Feature', geometry: null, properties: { id: '99', address: 'Невский проспект, дом 3' } },
        ],
      }),
    );
    const before = await countAddresses(t.app.ctx.db);
    const lines: AddressLineError[] = [];
    const totals = await importAddresses(t.app.ctx.db, geo, {
      source: 'test',
      onError: (e) => lines.push(e),
    });
    expect(totals).toEqual({ read: 2, imported: 1, failed: 1 });
    expect(lines).toEqual([{ line: 2, problems: [{ path: 'lat', code: 'import_invalid_coordinates' }] }]);
    expect(await countAddresses(t.app.ctx.db)).toBe(before);
  });
});

describe('search', () => {
  it('understands abbreviations: «пр.», «ул.», «д.», «к.»', async () => {
    expect(await first('Невский пр 1')).toBe('Невский проспект, дом 1, литера А');
    expect(await first('пр. Невский, д. 102')).toBe('Невский проспект, дом 102, литера А');
    expect(await first('ул.Бабушкина д.113 к.2')).toBe('улица Бабушкина, дом 113, корпус 2, литера Б');
    expect(await first('Лесной пр-т 61 к3')).toBe('Лесной проспект, дом 61, корпус 3, литера Д');
  });

  it('forgives typos and word forms, and suggests as the resident types', async () => {
    expect(await first('Невскй проспект 102')).toBe('Невский проспект, дом 102, литера А');
    expect(await first('Бабушкено 113')).toMatch(/^улица Бабушкина, дом 113/);
    expect(await first('Невского 11')).toBe('Невский проспект, дом 11/2, литера А');
    const typing = (await search('Невс')).json() as { items: { address: string; score: number }[] };
    expect(typing.items.map((i) => i.address)).toEqual([
      'Невский проспект, дом 1, литера А',
      'Невский проспект, дом 11/2, литера А',
      'Невский проспект, дом 102, литера А',
    ]);
    expect(typing.items[0]).toMatchObject({ lat: 59.93665, lon: 30.31395, score: expect.any(Number) });
  });

  it('answers nothing for a street type alone and refuses a one-letter query', async () => {
    expect((await search('пр.')).json()).toEqual({ items: [] });
    expect((await search('Москворецкая 5')).json()).toEqual({ items: [] });
    const short = await search('Н');
    expect(short.statusCode).toBe(400);
    expect(fieldPaths(short)).toEqual(['querystring.q']);
    expect((await search('Невский', 2)).json().items).toHaveLength(2);
  });
});

describe('reverse look-up', () => {
  it('gives the nearest address within the radius, or 404', async () => {
    // About 20 m south of Невский 1.
    const near = await reverse(59.9365, 30.31395);
    expect(near.statusCode).toBe(200);
    expect(near.json()).toMatchObject({ address: 'Невский проспект, дом 1, литера А' });
    expect(near.json().distanceMeters).toBeGreaterThan(10);
    expect(near.json().distanceMeters).toBeLessThan(30);
    // About 400 m from anything: outside the default 150 m, inside a 1 km radius.
    const far = await reverse(59.9405, 30.318);
    expect(far.statusCode).toBe(404);
    expect(errorOf(far).code).toBe('address_not_found');
    expect((await reverse(59.9405, 30.318, 1000)).json().address).toMatch(/^Невский проспект/);
    expect((await reverse(59.9405, 30.318, 5000)).statusCode).toBe(400);
  });
});

describe('the demo registry', () => {
  it('is generated from the shared reports file when present, else from the bundled extract', async () => {
    const shared = path.join(dir, 'reports.jsonl.gz');
    const lines = [
      { address: 'г.Санкт-Петербург, Садовая улица, дом 18, литера А', lat: 59.9334, lon: 30.3317 },
      { address: 'г.Санкт-Петербург, Садовая улица, дом 18, литера А', lat: 59.9335, lon: 30.3318 },
      { address: '', lat: 59.9, lon: 30.3 },
    ];
    writeFileSync(shared, gzipSync(lines.map((l) => JSON.stringify(l)).join('\n')));
    const seeded = await seedDemoAddresses(t.app.ctx.db, shared);
    expect(seeded.source).toBe('spb-portal');
    // One distinct address from the file, and the bundled landmarks it lacks (Садовая 18 is in both).
    expect(seeded.count).toBe(1 + 15);
    expect(await first('Садовая 18')).toBe('Садовая улица, дом 18, литера А');
    const bundled = await seedDemoAddresses(t.app.ctx.db, path.join(dir, 'absent.jsonl.gz'));
    expect(bundled.source).toBe('demo-extract');
    expect(bundled.count).toBeGreaterThan(10);
  });
});
