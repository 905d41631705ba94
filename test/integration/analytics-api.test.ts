import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, rebuildAll } from '../../src/modules/analytics/index.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  detailFor,
  errorOf,
  fieldPaths,
  fileReport,
  loginStaff,
  rows,
  type Staff,
} from '../support/reports.ts';

/** The map clusters, league table, exports and open data over a generated set; and every refusal. */
describe('analytics API: clusters, league, exports, open data, bad input', () => {
  let t: TestApp;
  let staff: Staff;
  let author: Session;
  const CITY = '29.4,59.6,30.8,60.3';

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    author = await newResident(t.app);
    const now = t.clock.now();
    await generateDataset(t.database.db, {
      count: 1500,
      from: new Date('2025-03-01T00:00:00Z'),
      to: now,
      now,
      seed: 3,
    });
    await rebuildAll({ db: t.database.db, clock: t.clock, calendar: t.app.ctx.calendar });
  });
  afterAll(() => t.close());

  const get = (url: string, who?: Session) =>
    t.app.inject({ method: 'GET', url, headers: who ? who.headers : {} });

  async function visibleInBox(bbox: string, staffView: boolean, extra = sql`TRUE`): Promise<number> {
    const [w, s, e, n] = bbox.split(',').map(Number);
    const [row] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM reports r
          WHERE ST_X(r.location) BETWEEN ${w} AND ${e} AND ST_Y(r.location) BETWEEN ${s} AND ${n}
            AND (${staffView} OR (r.is_public AND r.kind = 'report'
                 AND r.status NOT IN ('submitted', 'clarification_requested', 'rejected')))
            AND ${extra}`,
    );
    return row!.n;
  }

  it('clusters add up to the matching reports in the viewport, at city, district and street zooms', async () => {
    for (const [bbox, zoom] of [
      [CITY, 9],
      ['30.2,59.85,30.5,60.0', 12],
      ['30.30,59.92,30.36,59.95', 15],
    ] as const) {
      const res = await get(`/api/v1/map/clusters?bbox=${bbox}&zoom=${zoom}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.type).toBe('FeatureCollection');
      const sum = body.features.reduce(
        (s: number, f: { properties: { count: number } }) => s + f.properties.count,
        0,
      );
      expect(sum).toBe(body.total);
      expect(sum, `${bbox} z${zoom}`).toBe(await visibleInBox(bbox, false));
      for (const f of body.features) {
        if (f.properties.count === 1) expect(f.properties.id).toMatch(/^[0-9a-f-]{36}$/);
        else expect(f.properties.id).toBeUndefined();
      }
      if (zoom === 9) expect(body.features.length).toBeLessThan(sum / 5);
    }
    // Staff see private reports too; a status filter narrows to exactly those.
    const all = (await get(`/api/v1/map/clusters?bbox=${CITY}&zoom=11`, staff.analyst)).json();
    expect(all.total).toBe(await visibleInBox(CITY, true));
    const open = (
      await get(`/api/v1/map/clusters?bbox=${CITY}&zoom=11&status=in_progress,assigned`, staff.analyst)
    ).json();
    expect(open.total).toBe(await visibleInBox(CITY, true, sql`r.status IN ('in_progress', 'assigned')`));
    const overdue = (
      await get(`/api/v1/map/clusters?bbox=${CITY}&zoom=11&overdue=true`, staff.analyst)
    ).json();
    expect(overdue.total).toBe(
      await visibleInBox(
        CITY,
        true,
        sql`r.status IN ('assigned', 'in_progress') AND r.due_at < ${t.clock.now()}`,
      ),
    );
    expect(overdue.total).toBeGreaterThan(0);
    const heat = (await get(`/api/v1/map/heat?bbox=${CITY}&zoom=11`)).json();
    expect(heat.points.reduce((s: number, p: number[]) => s + p[2]!, 0)).toBe(
      await visibleInBox(CITY, false),
    );
  });

  it('refuses bad map input, every problem listed', async () => {
    const cases: [string, string[]][] = [
      ['bbox=170,50,-170,60&zoom=5', ['bbox.east']],
      ['bbox=30,NaN,31,abc&zoom=5', ['bbox.south', 'bbox.north']],
      ['bbox=30,61,31,60&zoom=5', ['bbox.north']],
      ['bbox=30,60,31&zoom=5', ['bbox']],
      ['bbox=30,60,31,61&zoom=21', ['zoom']],
      ['bbox=30,60,31,61&zoom=-1', ['zoom']],
      ['bbox=30,60,31,61&zoom=2.5', ['zoom']],
      ['bbox=30,60,31,61&zoom=9&colour=red&status=lost', ['', 'status.0']],
      ['bbox=200,60,31,61&zoom=99', ['bbox.west', 'zoom']],
    ];
    for (const [query, paths] of cases) {
      const res = await get(`/api/v1/map/clusters?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(errorOf(res).code).toBe('validation_failed');
      expect(fieldPaths(res).sort(), query).toEqual(
        paths.map((p) => (p ? `querystring.${p}` : 'querystring')).sort(),
      );
    }
    const anti = await get('/api/v1/map/clusters?bbox=170,50,-170,60&zoom=5');
    expect(detailFor(anti, 'querystring.bbox.east')?.message).toMatch(/180/);
  });

  it('refuses a reversed or too long period, half a period and unknown filters', async () => {
    const cases: [string, string[]][] = [
      ['from=2026-02-01&to=2026-01-01', ['from']],
      ['from=2023-01-01&to=2026-01-01', ['to']],
      ['from=2026-01-01', ['to']],
      ['from=2026-02-30&to=2026-03-01', ['from']],
      ['from=2026-01-01&to=2026-01-31&district=x&organisationId=nope', ['', 'organisationId']],
      // Days PostgreSQL has no timestamp for (year 0) or past any report: each answered 500 before.
      ['from=0000-01-01&to=0000-12-31', ['from', 'to']],
      ['from=9999-01-01&to=9999-12-31', ['from', 'to']],
    ];
    for (const [query, paths] of cases) {
      const res = await get(`/api/v1/analytics/summary?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(fieldPaths(res).sort(), query).toEqual(
        paths.map((p) => (p ? `querystring.${p}` : 'querystring')).sort(),
      );
    }
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/summary?from=2026-02-01&to=2026-01-01',
      headers: { 'accept-language': 'en' },
    });
    expect(detailFor(en, 'querystring.from')?.message).toBe('The period starts after it ends');
    const league = await get('/api/v1/analytics/league?metric=speed&n=5');
    expect(fieldPaths(league).sort()).toEqual(['querystring.metric', 'querystring.n']);
  });

  it('ranks organisations on their last N answered reports with intervals, small samples apart', async () => {
    const res = await get(
      '/api/v1/analytics/league?metric=answered_on_time&period=two_years&n=60&minSample=20',
    );
    expect(res.statusCode, res.body).toBe(200);
    const league = res.json();
    expect(league.ranked.length).toBeGreaterThan(1);
    for (const r of league.ranked) {
      expect(r.n).toBeGreaterThanOrEqual(20);
      expect(r.n).toBeLessThanOrEqual(60);
      expect(r.low).toBeLessThanOrEqual(r.value);
      expect(r.high).toBeGreaterThanOrEqual(r.value);
    }
    for (let i = 1; i < league.ranked.length; i++)
      expect(league.ranked[i - 1].value).toBeGreaterThanOrEqual(league.ranked[i].value);
    for (const r of league.unranked) expect(r.n).toBeLessThan(20);
    const median = (
      await get('/api/v1/analytics/league?metric=median_answer_days&period=two_years&minSample=20')
    ).json();
    expect(median.higherIsBetter).toBe(false);
    for (let i = 1; i < median.ranked.length; i++)
      expect(median.ranked[i - 1].value).toBeLessThanOrEqual(median.ranked[i].value);
  });

  it('open data: public reports only, no personal data, private-address points coarsened, licence given', async () => {
    // A public report by a named resident, filed yesterday with an address naming a flat.
    t.clock.set(new Date('2026-03-01T09:00:00Z'));
    const secret = await fileReport(t, author, {
      text: 'Во дворе дома течёт труба, звоните 89991234567',
      isPublic: true,
    });
    const hidden = await fileReport(t, author, {
      text: 'Частное сообщение о соседях, не для публикации',
      isPublic: false,
    });
    await t.database.db.execute(
      sql`UPDATE reports SET status = 'in_progress', address = 'ул. Садовая, д. 3, кв. 12' WHERE id = ${secret.id}`,
    );
    await t.database.db.execute(sql`UPDATE reports SET status = 'in_progress' WHERE id = ${hidden.id}`);
    t.clock.set(new Date('2026-03-02T09:00:00Z'));

    const csv = await get('/api/v1/open-data/reports.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = lines[0]!.split(',');
    expect(header).toContain('licence');
    const [publicCount] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM reports WHERE is_public AND kind = 'report'
          AND status NOT IN ('submitted', 'clarification_requested', 'rejected') AND created_at < '2026-03-01T21:00:00Z'`,
    );
    expect(lines.length - 1).toBe(publicCount!.n);
    const users = await rows<{ email: string }>(t, sql`SELECT email FROM users`);
    for (const needle of [
      '89991234567',
      'Садовая',
      'кв. 12',
      'Частное сообщение',
      ...users.map((u) => u.email),
    ])
      expect(csv.body.includes(needle), needle).toBe(false);
    const [number] = await rows<{ number: number }>(
      t,
      sql`SELECT number FROM reports WHERE id = ${secret.id}`,
    );
    const row = lines.find((l) => l.startsWith(`${number!.number},`))!.split(',');
    const col = (name: string) => row[header.indexOf(name)];
    expect(col('location_precision')).toBe('coarsened');
    expect(col('licence')).toBe('CC-BY-4.0');
    const [hiddenNumber] = await rows<{ number: number }>(
      t,
      sql`SELECT number FROM reports WHERE id = ${hidden.id}`,
    );
    expect(lines.some((l) => l.startsWith(`${hiddenNumber!.number},`))).toBe(false);

    const geo = await get('/api/v1/open-data/reports.geojson');
    expect(geo.statusCode).toBe(200);
    const fc = geo.json();
    expect(fc.licence).toBe('CC-BY-4.0');
    expect(fc.features.length).toBe(publicCount!.n);
    const feature = fc.features.find(
      (f: { properties: { number: number } }) => f.properties.number === Number(number!.number),
    );
    const [lon, lat] = feature.geometry.coordinates;
    // On the centre of a 0.02° × 0.01° cell.
    const offGrid = (x: number) => Math.abs(x - Math.round(x));
    expect(offGrid((lon - 0.01) / 0.02)).toBeLessThan(1e-6);
    expect(offGrid((lat - 0.005) / 0.01)).toBeLessThan(1e-6);
    for (const key of ['text', 'address', 'author', 'authorId', 'email'])
      expect(feature.properties).not.toHaveProperty(key);
  });

  it('exports tables as CSV and XLSX that open; the report list only for staff', async () => {
    const csv = await get('/api/v1/analytics/export?table=summary&from=2025-06-01&to=2025-06-30');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/vmeste-summary\.csv/);
    expect(csv.body).toMatch(/received,\d+,\d+/);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/export?table=months&format=xlsx&from=2025-04-01&to=2025-09-30',
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('period');
    expect(sheet.rowCount).toBe(7);
    expect(errorOf(await get('/api/v1/analytics/export?table=reports')).code).toBe('forbidden');
    const list = await get(
      '/api/v1/analytics/export?table=reports&from=2025-03-01&to=2026-03-02',
      staff.analyst,
    );
    expect(list.statusCode).toBe(200);
    const [n] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM analytics_report_facts WHERE created_day BETWEEN '2025-03-01' AND '2026-03-02'`,
    );
    expect(list.body.trim().split('\r\n').length - 1).toBe(n!.n);
  });
});
