import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../src/jobs/housekeeping.job.ts';
import { CENTRAL_POINT, createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { plainJpeg, upload } from '../support/media.ts';
import { fieldPaths, loginStaff, must, postReport, rows, type Staff } from '../support/reports.ts';

describe('city objects and their works (public control)', () => {
  let t: TestApp;
  let staff: Staff;
  let resident: Session;
  const { lat, lon } = CENTRAL_POINT;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    resident = await newResident(t.app);
  });
  afterAll(() => t.close());

  const mapping = {
    source: 'perm-registry',
    format: 'geojson',
    columns: { externalId: 'id', name: 'name', kind: 'type', address: 'addr', organisation: 'org' },
    kinds: { Двор: 'yard', Школа: 'school', Дорога: 'road' },
    organisations: { 'Дорожная дирекция': 'roads-directorate' },
  };
  const yard = {
    type: 'Feature',
    properties: { id: 'Y-1', name: 'Двор у дома 5', type: 'Двор', addr: 'Невский пр., 5' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon - 0.0005, lat - 0.0005],
          [lon + 0.0005, lat - 0.0005],
          [lon + 0.0005, lat + 0.0005],
          [lon - 0.0005, lat + 0.0005],
          [lon - 0.0005, lat - 0.0005],
        ],
      ],
    },
  };
  const road = {
    type: 'Feature',
    properties: { id: 'R-7', name: 'Улица Марата', type: 'Дорога', org: 'Дорожная дирекция' },
    geometry: {
      type: 'LineString',
      coordinates: [
        [lon + 0.01, lat],
        [lon + 0.01, lat - 0.01],
      ],
    },
  };
  const importFile = (features: unknown[], m: object = mapping) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/objects/import',
      headers: staff.admin.headers,
      payload: { mapping: m, content: JSON.stringify({ type: 'FeatureCollection', features }) },
    });
  const objectsInBox = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/objects?bbox=${lon - 0.02},${lat - 0.02},${lon + 0.02},${lat + 0.02}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().features as { id: string; properties: { name: string; overdueWorks: number } }[];
  };

  it('imports a registry with per-record problems, idempotently, and shows it on the map', async () => {
    const bad = [
      // Swapped coordinates and an unknown kind, in one record: both listed.
      {
        type: 'Feature',
        properties: { id: 'B-1', name: 'Школа', type: 'Бассейн' },
        geometry: { type: 'Point', coordinates: [lat, lon] },
      },
      {
        type: 'Feature',
        properties: { id: 'B-2', name: '' },
        geometry: { type: 'Circle', coordinates: [lon, lat] },
      },
    ];
    const first = await importFile([yard, road, ...bad]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ read: 4, created: 2, updated: 0, unchanged: 0, failed: 2 });
    const errors = first.json().errors as { line: number; problems: { path: string; message: string }[] }[];
    expect(errors.map((e) => e.line)).toEqual([3, 4]);
    expect(errors[0]!.problems.map((p) => p.path).sort()).toEqual(['geometry.coordinates', 'type']);
    expect(errors[1]!.problems.map((p) => p.path).sort()).toEqual(['geometry.type', 'name', 'type']);

    const again = await importFile([yard, road]);
    expect(again.json()).toMatchObject({ read: 2, created: 0, updated: 0, unchanged: 2, failed: 0 });
    const renamed = await importFile([
      { ...yard, properties: { ...yard.properties, name: 'Двор у дома 5 (новый)' } },
    ]);
    expect(renamed.json()).toMatchObject({ updated: 1 });

    const csv = [
      'id;name;type;lat;lon',
      `S-3;Школа № 3;Школа;${lat + 0.002};${lon}`,
      `S-4;Школа № 4;Школа;;`,
    ].join('\n');
    const csvRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/objects/import',
      headers: staff.admin.headers,
      payload: {
        mapping: {
          ...mapping,
          format: 'csv',
          csv: { delimiter: ';' },
          columns: { externalId: 'id', name: 'name', kind: 'type', lat: 'lat', lon: 'lon' },
        },
        content: csv,
      },
    });
    expect(csvRes.json()).toMatchObject({ read: 2, created: 1, failed: 1, errors: [{ line: 3 }] });

    const badMapping = await importFile([yard], {
      ...mapping,
      organisations: { X: 'no-such-org' },
      extra: 1,
    });
    expect(badMapping.statusCode).toBe(422);
    expect(badMapping.json().error.code).toBe('objects_mapping_invalid');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/objects/import',
          headers: resident.headers,
          payload: { mapping, content: '{}' },
        })
      ).statusCode,
    ).toBe(403);

    const names = (await objectsInBox()).map((f) => f.properties.name).sort();
    expect(names).toEqual(['Двор у дома 5 (новый)', 'Улица Марата', 'Школа № 3']);
  });

  it("shows an object's works with the overdue flag, ratings once per resident, follows and reports on it", async () => {
    const yardId = (await objectsInBox()).find((f) => f.properties.name.startsWith('Двор'))!.id;
    const addWork = (body: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/objects/${yardId}/works`,
        headers: staff.admin.headers,
        payload: body,
      });
    expect(
      (
        await addWork({
          title: 'Благоустройство двора',
          programme: 'Формирование комфортной городской среды',
          contractor: 'ООО «Двор»',
          budget: '2500000.00',
          plannedStart: '2025-05-01',
          plannedEnd: '2025-08-31',
          actualStart: '2025-05-10',
          actualEnd: '2025-09-20',
          status: 'completed',
        })
      ).statusCode,
    ).toBe(201);
    const planned = await addWork({
      title: 'Ремонт освещения',
      plannedStart: '2026-04-01',
      plannedEnd: '2026-05-01',
      status: 'planned',
    });
    expect(planned.statusCode).toBe(201);
    const backwards = await addWork({
      title: 'Наоборот',
      plannedStart: '2026-05-01',
      plannedEnd: '2026-04-01',
      status: 'planned',
    });
    expect(backwards.statusCode).toBe(400);
    // Days outside 1900–2100 (year 0 has no PostgreSQL date: a 500 before), every one listed.
    const timeless = await addWork({
      title: 'Вне времени',
      plannedStart: '0000-01-01',
      plannedEnd: '9999-12-31',
      status: 'planned',
    });
    expect(timeless.statusCode).toBe(400);
    expect(fieldPaths(timeless).sort()).toEqual(['plannedEnd', 'plannedStart']);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/objects/${yardId}/works`,
          headers: resident.headers,
          payload: { title: 'Моё', status: 'planned' },
        })
      ).statusCode,
    ).toBe(403);

    const page = await t.app.inject({ method: 'GET', url: `/api/v1/objects/${yardId}` });
    expect(page.statusCode, page.body).toBe(200);
    const works = page.json().works as {
      id: string;
      title: string;
      overdue: boolean;
      status: string;
      budget: string;
    }[];
    const done = works.find((w) => w.title === 'Благоустройство двора')!;
    expect(done).toMatchObject({ overdue: true, budget: '2500000.00' });
    expect(works.find((w) => w.title === 'Ремонт освещения')!.overdue).toBe(false);
    expect((await objectsInBox()).find((f) => f.id === yardId)!.properties.overdueWorks).toBe(1);

    const rate = (who: Session, workId: string, score: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/objects/${yardId}/works/${workId}/rating`,
        headers: who.headers,
        payload: { score },
      });
    const rated = await rate(resident, done.id, 4);
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().works.find((w: { id: string }) => w.id === done.id).rating).toEqual({
      average: 4,
      count: 1,
      mine: 4,
    });
    expect((await rate(resident, done.id, 5)).json().error.code).toBe('work_already_rated');
    const other = await newResident(t.app);
    expect(
      (await rate(other, done.id, 2)).json().works.find((w: { id: string }) => w.id === done.id).rating,
    ).toEqual({
      average: 3,
      count: 2,
      mine: 2,
    });
    const plannedId = works.find((w) => w.title === 'Ремонт освещения')!.id;
    expect((await rate(resident, plannedId, 5)).json().error.code).toBe('work_not_completed');
    // Staff do not rate works: the figure is the residents' judgement (and refused before any check).
    for (const who of [staff.admin, staff.moderator]) {
      const refused = await rate(who, done.id, 5);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('work_rating_residents_only');
    }
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/objects/${yardId}` }))
        .json()
        .works.find((w: { id: string }) => w.id === done.id).rating,
    ).toMatchObject({ average: 3, count: 2 });
    expect((await rate(resident, done.id, 6)).statusCode).toBe(400);

    const followed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/objects/${yardId}/follow`,
      headers: resident.headers,
    });
    expect(followed.json()).toMatchObject({ followers: 1, following: true });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/followed-objects',
      headers: resident.headers,
    });
    expect(mine.json().items.map((o: { id: string }) => o.id)).toEqual([yardId]);

    // A report pointing at the object: shown on the object's page once public, and on the report.
    const filed = await postReport(t, resident, {
      text: 'Во дворе после благоустройства провалился асфальт',
      objectId: yardId,
    } as never);
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().object).toEqual({ id: yardId, name: 'Двор у дома 5 (новый)' });
    await must(t, staff.moderator, filed.json().id, 'accept', {});
    const withReport = await t.app.inject({ method: 'GET', url: `/api/v1/objects/${yardId}` });
    expect(withReport.json().reports).toEqual([
      expect.objectContaining({ id: filed.json().id, pointsAtObject: true }),
    ]);
    const unknown = await postReport(t, resident, {
      objectId: '00000000-0000-4000-8000-000000000000',
    } as never);
    expect(unknown.json().error.code).toBe('object_not_found');
  });
});

describe('photos of works before and after', () => {
  let t: TestApp;
  let staff: Staff;
  const DAY = 24 * 3600_000;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  it('attaches the editor’s own uploads before and after, shows them to everyone and keeps them from the orphan clean-up', async () => {
    const admin = staff.admin;
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/objects',
      headers: admin.headers,
      payload: {
        externalId: 'photo-yard',
        kind: 'yard',
        name: 'Двор с фотографиями',
        geometry: { type: 'Point', coordinates: [CENTRAL_POINT.lon, CENTRAL_POINT.lat] },
      },
    });
    expect(made.statusCode, made.body).toBe(200);
    const objectId = made.json().id as string;
    const work = await t.app.inject({
      method: 'POST',
      url: `/api/v1/objects/${objectId}/works`,
      headers: admin.headers,
      payload: { title: 'Ремонт детской площадки', status: 'completed' },
    });
    expect(work.statusCode, work.body).toBe(201);
    const workId = (work.json().works as { id: string; title: string }[]).find(
      (w) => w.title === 'Ремонт детской площадки',
    )!.id;
    const attach = (who: Session, mediaId: string, stage: 'before' | 'after') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/objects/${objectId}/works/${workId}/photos`,
        headers: who.headers,
        payload: { mediaId, stage },
      });

    const before = await upload(t, admin, await plainJpeg());
    const after = await upload(t, admin, await plainJpeg());
    expect((await attach(admin, before.id, 'before')).statusCode).toBe(200);
    const answered = await attach(admin, after.id, 'after');
    expect(answered.statusCode, answered.body).toBe(200);

    // Someone else's upload, or one already attached, is refused; a resident may not attach at all.
    const resident = await newResident(t.app);
    const theirs = await upload(t, resident, await plainJpeg());
    expect((await attach(admin, theirs.id, 'after')).json().error.code).toBe('work_photo_unusable');
    expect((await attach(admin, before.id, 'after')).json().error.code).toBe('work_photo_unusable');
    expect((await attach(resident, theirs.id, 'after')).statusCode).toBe(403);

    // The public page (no session) shows both, in their stages, and the files are served.
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/objects/${objectId}` });
    const photos = (
      page.json().works as { id: string; photos: { id: string; stage: string; url: string }[] }[]
    )
      .find((w) => w.id === workId)!
      .photos.map((p) => ({ id: p.id, stage: p.stage }))
      .sort((a, b) => a.stage.localeCompare(b.stage));
    expect(photos).toEqual([
      { id: after.id, stage: 'after' },
      { id: before.id, stage: 'before' },
    ]);
    const file = await t.app.inject({ method: 'GET', url: before.url });
    expect(file.statusCode).toBe(200);

    // A day later the clean-up removes the resident's unattached upload, never the works' photos.
    t.clock.advance(2 * DAY);
    const swept = await runHousekeeping({ db: t.app.ctx.db, clock: t.clock, storage: t.app.ctx.storage });
    expect(swept.orphanMedia).toBe(1);
    const left = await rows<{ id: string }>(
      t,
      sql`SELECT id::text FROM media WHERE id IN (${before.id}::uuid, ${after.id}::uuid, ${theirs.id}::uuid) ORDER BY id`,
    );
    expect(left.map((r) => r.id).sort()).toEqual([before.id, after.id].sort());
  });
});
