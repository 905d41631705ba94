import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connection.ts';
import { initRegion, RegionFileError, regionInputProblems } from '../../src/db/seed/region.ts';
import { CATEGORY_TREE } from '../../src/demo/categories.ts';
import { createTestApp, login, newResident, type TestApp } from '../support/app.ts';
import { feature, square } from '../support/territories-file.ts';

/** A square "region" near Petrozavodsk split into a western and an eastern district. */
const goodFile = {
  type: 'FeatureCollection',
  features: [
    feature('karelia-city', 'region', square(34.2, 61.7, 34.5, 61.9)),
    feature('west', 'district', square(34.2, 61.7, 34.35, 61.9)),
    feature('east', 'district', square(34.35, 61.7, 34.5, 61.9)),
  ],
};
const admin = { email: 'First.Admin@Example.org', name: 'Первый Администратор' };

let t: TestApp;
const territoryCount = async () =>
  Number(
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM territories`))[0]?.n,
  );

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('region-init: a real region into an empty schema', () => {
  it('refuses a schema that already holds a region, storing nothing', async () => {
    const before = await territoryCount();
    await expect(
      initRegion(t.database.db, t.clock, { territories: goodFile, admin, origin: 'https://x.test' }),
    ).rejects.toThrow(/already holds a region/);
    expect(await territoryCount()).toBe(before);
  });

  it('lists every problem of a bad file and of the admin at once', () => {
    const { problems } = regionInputProblems({
      territories: {
        type: 'FeatureCollection',
        features: [
          feature('Bad Code', 'region', square(34.2, 61.7, 34.5, 61.9)),
          feature('west', 'county', { type: 'Point', coordinates: [34.3, 61.8] }),
          feature(
            'east',
            'region',
            {
              type: 'Polygon',
              coordinates: [
                [
                  [34.3, 61.8],
                  [200, 61.8],
                  [34.3, 61.8],
                ],
              ],
            },
            '',
          ),
          feature('west', 'district', square(34.2, 61.7, 34.35, 61.9)),
        ],
      },
      admin: { email: 'not-an-email', name: ' ' },
      origin: 'https://x.test',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'admin e-mail: "not-an-email" is not an e-mail address',
        'admin name: empty',
        'features[0].properties.code: lower-case letters, digits and "-" expected',
        'features[1].properties.kind: "region" or "district" expected',
        'features[1].geometry: a Polygon or MultiPolygon expected',
        'features[2].properties.nameRu: a name of 1 to 200 characters expected',
        'features[3].properties.code: "west" appears twice',
        'territories: exactly one feature of kind "region" expected, found 2',
      ]),
    );
    expect(problems.some((p) => p.startsWith('features[2].geometry.coordinates'))).toBe(true);
  });

  it('loads territories, the catalogue and a first admin who sets a password through the link; reports find their district', async () => {
    // An empty region schema: the template's demo region removed (nothing else refers to it yet).
    await t.database.db.execute(sql`TRUNCATE territories, categories, organisations, users CASCADE`);

    // PostGIS's checks: a bow-tie district and one mostly outside the region; nothing stored.
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [34.2, 61.7],
          [34.35, 61.9],
          [34.35, 61.7],
          [34.2, 61.9],
          [34.2, 61.7],
        ],
      ],
    };
    const bad = {
      type: 'FeatureCollection',
      features: [
        goodFile.features[0],
        feature('west', 'district', bowTie),
        feature('far', 'district', square(35, 62, 35.2, 62.1)),
      ],
    };
    const refused = await initRegion(t.database.db, t.clock, {
      territories: bad,
      admin,
      origin: 'https://x.test',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegionFileError);
    expect((refused as RegionFileError).problems).toEqual([
      expect.stringMatching(/^territory "west": Self-intersection/),
      'territory "far": 100.0 % of it lies outside the region (at most 1 %)',
    ]);
    expect(await territoryCount()).toBe(0);

    const loaded = await initRegion(t.database.db, t.clock, {
      territories: goodFile,
      admin,
      origin: 'https://vmeste.example.org',
    });
    const subjects = CATEGORY_TREE.reduce((n, topic) => n + topic.children.length, 0);
    expect(loaded).toMatchObject({
      territories: 3,
      categories: CATEGORY_TREE.length + subjects,
      adminEmail: 'first.admin@example.org',
    });
    expect(loaded.setupLink).toMatch(/^https:\/\/vmeste\.example\.org\/account\/reset\?token=/);

    const token = decodeURIComponent(loaded.setupLink.split('token=')[1]!);
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/password-resets/complete',
      payload: { token, password: 'a long new admin password' },
    });
    expect(set.statusCode).toBe(204);
    const adminSession = await login(t.app, 'first.admin@example.org', 'a long new admin password');
    const categories = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/categories',
      headers: adminSession.headers,
    });
    expect(categories.statusCode).toBe(200);
    // The link is single-use.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/password-resets/complete',
      payload: { token, password: 'another long password' },
    });
    expect(again.statusCode).toBe(400);

    // A resident's report inside the eastern district is filed there (no rules yet: the curator decides).
    const resident = await newResident(t.app);
    const subject = CATEGORY_TREE[0]!.children[0]!;
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/categories' });
    const categoryId = (list.json() as { items: { id: string; code: string }[] }).items.find(
      (c) => c.code === subject.code,
    )!.id;
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: resident.headers,
      payload: { categoryId, text: 'Яма на дороге у дома 5, опасно для машин', lat: 61.8, lon: 34.45 },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${(filed.json() as { id: string }).id}`,
      headers: resident.headers,
    });
    expect((report.json() as { territory: { name: { ru: string } } }).territory.name.ru).toBe('Тер east');
  });
});
