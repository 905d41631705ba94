import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/lib/clock.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  auditActions,
  driveTo,
  errorOf,
  getReport,
  loginStaff,
  postReport,
  rows,
  type Staff,
} from '../support/reports.ts';

/**
 * Region settings as data (issue 11, item 1): defaults from the environment until an admin saves;
 * each change audited and in force for the next request (this node at once, others within 5 s);
 * the web app reads the public part from /api/v1/config.
 */
let t: TestApp;
let staff: Staff;
let resident: Session;
const url = '/api/v1/admin/region-settings';

const patch = (who: Session, payload: object) =>
  t.app.inject({ method: 'PATCH', url, headers: who.headers, payload });

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  resident = await newResident(t.app);
});
afterAll(() => t?.close());

describe('region settings', () => {
  it('start from the environment, are the admin’s alone, and are refused with every problem listed', async () => {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: staff.curator.headers })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'GET', url, headers: staff.admin.headers });
    expect(res.json()).toMatchObject({
      stored: false,
      disputeWindowDays: t.app.ctx.config.disputeWindowDays,
      clarificationTimeoutDays: t.app.ctx.config.clarificationTimeoutDays,
      tileUrl: t.app.ctx.config.mapTileUrl,
      nearestDistrictToleranceMeters: t.app.ctx.config.regionToleranceMeters,
      languages: ['ru', 'en'],
    });
    const bad = await patch(staff.admin, { tileUrl: 'ftp://tiles', mapZoom: 40, languages: ['ru', 'ru'] });
    expect(bad.statusCode).toBe(400);
    expect(
      errorOf(bad)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['languages', 'mapZoom', 'tileUrl']);
  });

  it('change the map and languages the web app reads, audited, and the page CSP follows the tile server', async () => {
    const res = await patch(staff.admin, {
      nameRu: 'Санкт-Петербург',
      nameEn: 'Saint Petersburg',
      mapCenter: { lat: 59.94, lon: 30.31 },
      mapZoom: 12,
      tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
      languages: ['ru'],
    });
    expect(res.statusCode).toBe(200);
    const config = (await t.app.inject({ method: 'GET', url: '/api/v1/config' })).json();
    expect(config).toMatchObject({
      regionName: { ru: 'Санкт-Петербург', en: 'Saint Petersburg' },
      mapTileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
      mapView: { lat: 59.94, lon: 30.31, zoom: 12 },
      languages: ['ru'],
    });
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-security-policy']).toContain('https://tiles.example.org');
    const [audit] = await auditActions(t, 'region');
    expect(audit).toMatchObject({
      action: 'region_settings.update',
      details: { before: null, after: expect.objectContaining({ mapZoom: 12, languages: ['ru'] }) },
    });
  });

  it('take effect for the next request: the dispute window and the nearest-district tolerance', async () => {
    const answered = await driveTo(t, staff, resident, 'answered');
    t.clock.advance(8 * DAY_MS);
    const canDispute = async () =>
      (
        (await getReport(t, resident, answered.id)).json() as { allowedActions: string[] }
      ).allowedActions.includes('dispute');
    expect(await canDispute()).toBe(false);
    expect((await patch(staff.admin, { disputeWindowDays: 10 })).statusCode).toBe(200);
    expect(await canDispute()).toBe(true);

    // A point off every district (the corner of the region's extent): placed in the nearest district
    // with a wide tolerance, refused with none.
    const [corner] = await rows<{ lat: number; lon: number }>(
      t,
      sql`SELECT ST_YMin(e) AS lat, ST_XMin(e) AS lon FROM (SELECT ST_Extent(geom) AS e FROM territories WHERE kind = 'district') x`,
    );
    const point = { lat: Number(corner!.lat), lon: Number(corner!.lon) };
    expect((await patch(staff.admin, { nearestDistrictToleranceMeters: 0 })).statusCode).toBe(200);
    const refused = await postReport(t, resident, point);
    expect(refused.statusCode).toBe(422);
    expect((await patch(staff.admin, { nearestDistrictToleranceMeters: 50_000 })).statusCode).toBe(200);
    const placed = await postReport(t, resident, point);
    expect(placed.statusCode).toBe(201);
    expect((await auditActions(t, 'region')).length).toBe(4);
  });
});
