import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntakeInput, insertSubmittedReports } from '../../src/modules/reports/intake.repo.ts';
import {
  CENTRAL_POINT,
  createTestApp,
  newResident,
  organisationId,
  type Session,
  type TestApp,
} from '../support/app.ts';
import { categoryIdCached, getReport, loginStaff, postReport, rows, type Staff } from '../support/reports.ts';

/** A closed square ring around (lon, lat), `d` degrees from the centre on each side. */
const square = (lon: number, lat: number, d: number) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];

describe('notices of works and outages', () => {
  let t: TestApp;
  let staff: Staff;
  let resident: Session;
  let hotWater: string;
  let heat: string;
  const { lat, lon } = CENTRAL_POINT;
  const hour = 3600_000;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    resident = await newResident(t.app);
    hotWater = await categoryIdCached(t, 'no-hot-water');
    heat = await organisationId(t.app, 'city-heat');
  });
  afterAll(() => t.close());

  const window = () => ({
    startsAt: new Date(t.clock.now().getTime() - hour).toISOString(),
    endsAt: new Date(t.clock.now().getTime() + 24 * hour).toISOString(),
  });
  const notice = (extra: Record<string, unknown>) => ({
    title: 'Отключение горячей воды: плановый ремонт теплосети',
    description: 'Ремонт трубопровода. **Горячей воды не будет** до пятницы.',
    kind: 'planned_works',
    organisationId: heat,
    categoryIds: [hotWater],
    ...window(),
    ...extra,
  });
  const post = (who: Session, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/notices', headers: who.headers, payload });
  const created = async (payload: object) => {
    const res = await post(staff.admin, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; title: string; endsAt: string; status: string };
  };
  const fileAt = async (p: { lat: number; lon: number }, category = 'no-hot-water') => {
    const res = await postReport(t, resident, { category, text: 'Нет горячей воды в квартире с утра', ...p });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; notices: { id: string; title: string; endsAt: string }[] };
  };
  const countNotices = async () =>
    (await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM notices`))[0]!.n;

  it('publishes a notice and shows it on the map while in force, inside the box only', async () => {
    const n = await created(
      notice({ title: 'Карта: ремонт', area: { type: 'Polygon', coordinates: [square(lon, lat, 0.002)] } }),
    );
    expect(n.status).toBe('active');
    const map = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/notices?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { type: string; features: { id: string; geometry: { type: string } }[] };
      expect(body.type).toBe('FeatureCollection');
      return body.features;
    };
    const box = `bbox=${lon - 0.01},${lat - 0.01},${lon + 0.01},${lat + 0.01}`;
    const here = await map(box);
    expect(here.find((f) => f.id === n.id)?.geometry.type).toBe('Polygon');
    expect((await map('bbox=30.0,60.1,30.1,60.2')).some((f) => f.id === n.id)).toBe(false);
    const later = new Date(t.clock.now().getTime() + 48 * hour).toISOString();
    expect((await map(`${box}&at=${encodeURIComponent(later)}`)).some((f) => f.id === n.id)).toBe(false);
    // Filtered by kind, by category and by a period (in force at any moment of it).
    expect((await map(`${box}&kind=planned_works`)).some((f) => f.id === n.id)).toBe(true);
    expect((await map(`${box}&kind=event`)).some((f) => f.id === n.id)).toBe(false);
    expect((await map(`${box}&categoryId=${hotWater}`)).some((f) => f.id === n.id)).toBe(true);
    const cold = await categoryIdCached(t, 'no-cold-water');
    expect((await map(`${box}&categoryId=${cold}`)).some((f) => f.id === n.id)).toBe(false);
    const before = new Date(t.clock.now().getTime() - 48 * hour).toISOString();
    const week = new Date(t.clock.now().getTime() + 7 * 24 * hour).toISOString();
    const earlier = `${box}&at=${encodeURIComponent(before)}`;
    expect((await map(earlier)).some((f) => f.id === n.id)).toBe(false);
    expect((await map(`${earlier}&to=${encodeURIComponent(week)}`)).some((f) => f.id === n.id)).toBe(true);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/notices?bbox=1,2,3' });
    expect(bad.statusCode).toBe(400);
    // Year 0 is a valid ISO moment PostgreSQL has no timestamp for (a 500 before it was bounded).
    const timeless = await t.app.inject({ method: 'GET', url: '/api/v1/notices?at=0000-01-01T00:00:00Z' });
    expect(timeless.statusCode).toBe(400);
    expect(timeless.json().error.details).toEqual([
      expect.objectContaining({ path: 'querystring.at', message: 'Время вне 1900–2100 годов' }),
    ]);
  });

  it('refuses bad areas and windows with every problem listed, and stores nothing', async () => {
    const before = await countNotices();
    // A bow tie: the ring crosses itself.
    const bowTie = await post(
      staff.admin,
      notice({
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [lon, lat],
              [lon + 0.002, lat + 0.002],
              [lon + 0.002, lat],
              [lon, lat + 0.002],
              [lon, lat],
            ],
          ],
        },
      }),
    );
    expect(bowTie.statusCode).toBe(422);
    expect(bowTie.json().error.code).toBe('invalid_geometry');
    expect(bowTie.json().error.details[0].message).toMatch(/Self-intersection/);

    // GeoJSON wants [lon, lat]; this is [lat, lon] — lands in Kazakhstan unless we notice.
    const swapped = await post(staff.admin, notice({ area: { type: 'Point', coordinates: [lat, lon] } }));
    expect(swapped.statusCode).toBe(422);
    expect(swapped.json().error.details).toEqual([
      expect.objectContaining({ path: 'area.coordinates', code: 'geometry_swapped' }),
    ]);

    // Several problems at once: all of them are listed.
    const many = await post(staff.admin, {
      ...notice({}),
      title: '',
      area: { type: 'Circle', coordinates: [lon, lat] },
      startsAt: '2026-03-05T10:00:00Z',
      endsAt: '2026-03-04T10:00:00Z',
    });
    expect(many.statusCode).toBe(400);
    expect((many.json().error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'area.type',
      'endsAt',
      'title',
    ]);
    const outOfRange = await post(
      staff.admin,
      notice({
        area: {
          type: 'LineString',
          coordinates: [
            [lon, lat],
            [200, lat],
          ],
        },
      }),
    );
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.details[0].path).toBe('area.coordinates.1');
    const openRing = await post(
      staff.admin,
      notice({ area: { type: 'Polygon', coordinates: [square(lon, lat, 0.001).slice(0, 4)] } }),
    );
    expect(openRing.json().error.details[0].path).toBe('area.coordinates.0');

    // A 10 MB upload is refused before it is parsed.
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: { ...staff.admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify(
        notice({ area: { type: 'MultiPoint', coordinates: Array(700_000).fill([lon, lat]) } }),
      ),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('file_too_large');

    // Residents do not publish notices; scripts in the description are refused.
    expect(
      (await post(resident, notice({ area: { type: 'Point', coordinates: [lon, lat] } }))).statusCode,
    ).toBe(403);
    const script = await post(
      staff.admin,
      notice({ description: '<script>alert(1)</script>', area: { type: 'Point', coordinates: [lon, lat] } }),
    );
    expect(script.statusCode).toBe(400);
    expect(await countNotices()).toBe(before);
  });

  it('links a report filed inside a polygon, also on its boundary, but not outside or in another category', async () => {
    const d = 0.003;
    const n = await created(
      notice({ title: 'Полигон', area: { type: 'Polygon', coordinates: [square(lon + 0.02, lat, d)] } }),
    );
    const inside = await fileAt({ lat, lon: lon + 0.02 });
    expect(inside.notices).toEqual([{ id: n.id, title: 'Полигон', endsAt: n.endsAt }]);
    const boundary = await fileAt({ lat, lon: lon + 0.02 - d });
    expect(boundary.notices.map((x) => x.id)).toEqual([n.id]);
    expect((await fileAt({ lat, lon: lon + 0.02 + 2 * d })).notices).toEqual([]);
    expect((await fileAt({ lat, lon: lon + 0.02 }, 'no-cold-water')).notices).toEqual([]);
    // The report page shows the notice to its author.
    const page = await getReport(t, resident, inside.id);
    expect(page.json().notices).toEqual([{ id: n.id, title: 'Полигон', endsAt: n.endsAt }]);
  });

  it('does not link inside the hole of a multipolygon, and links in its second part', async () => {
    const c = { lon: lon - 0.02, lat };
    const outer = square(c.lon, c.lat, 0.004);
    const hole = square(c.lon, c.lat, 0.001).reverse();
    const n = await created(
      notice({
        title: 'С дыркой',
        area: {
          type: 'MultiPolygon',
          coordinates: [[outer, hole], [square(c.lon, c.lat + 0.01, 0.001)]],
        },
      }),
    );
    expect((await fileAt(c)).notices).toEqual([]);
    expect((await fileAt({ lon: c.lon + 0.0025, lat: c.lat })).notices.map((x) => x.id)).toEqual([n.id]);
    expect((await fileAt({ lon: c.lon, lat: c.lat + 0.01 })).notices.map((x) => x.id)).toEqual([n.id]);
  });

  it('links each report of one batched intake statement to its own notices (overlapping ones too)', async () => {
    const c = { lon: lon + 0.06, lat: lat + 0.01 };
    const a = await created(
      notice({ title: 'Квартал А', area: { type: 'Polygon', coordinates: [square(c.lon, c.lat, 0.004)] } }),
    );
    const b = await created(
      notice({
        title: 'Квартал Б',
        area: { type: 'Polygon', coordinates: [square(c.lon + 0.004, c.lat, 0.002)] },
      }),
    );
    // One intake statement for the whole batch, as the intake batcher sends it under load.
    const points = [
      { lon: c.lon - 0.002, lat: c.lat },
      { lon: c.lon + 0.003, lat: c.lat },
      { lon: c.lon + 0.02, lat: c.lat },
      { lon: c.lon + 0.005, lat: c.lat },
      { lon: c.lon - 0.002, lat: c.lat + 0.001 },
    ];
    const inputs: IntakeInput[] = points.map((p, k) => ({
      id: randomUUID(),
      kind: 'report',
      isPublic: true,
      categoryId: hotWater,
      text: `Нет горячей воды, дом ${k + 1}`,
      address: null,
      authorId: resident.userId,
      authorRole: 'resident',
      idempotencyKey: null,
      requestHash: `batch-${k}`,
      now: t.clock.now(),
      ...p,
    }));
    const outcomes = await insertSubmittedReports(t.database.db, inputs, 100);
    const filed = inputs.map((i) => ({ id: i.id, ...outcomes.get(i.id)! }));
    expect(filed.every((r) => r.inserted)).toBe(true);
    const ids = filed.map((r) => r.notices.map((x) => x.title).sort());
    expect(ids).toEqual([['Квартал А'], ['Квартал А', 'Квартал Б'], [], ['Квартал Б'], ['Квартал А']]);
    expect(filed[1]!.notices.find((x) => x.id === b.id)?.endsAt).toBe(b.endsAt);
    const stored = await rows<{ report: string; notice: string }>(
      t,
      sql`SELECT report_id::text AS report, notice_id::text AS notice FROM report_notices
          WHERE notice_id IN (${a.id}::uuid, ${b.id}::uuid) ORDER BY report_id, notice_id`,
    );
    const expected = filed.flatMap((r) => r.notices.map((x) => ({ report: r.id, notice: x.id })));
    expect(stored).toEqual(
      expected.sort((x, y) => x.report.localeCompare(y.report) || x.notice.localeCompare(y.notice)),
    );
  });

  it('widens a line by its buffer, and links nothing before the notice starts', async () => {
    const y = lat - 0.008;
    const n = await created(
      notice({
        title: 'Линия',
        kind: 'road_closure',
        bufferMeters: 30,
        area: {
          type: 'LineString',
          coordinates: [
            [lon - 0.01, y],
            [lon + 0.01, y],
          ],
        },
      }),
    );
    // 0.0001° of latitude is about 11 m; 0.001° about 111 m.
    expect((await fileAt({ lon, lat: y + 0.0001 })).notices.map((x) => x.id)).toEqual([n.id]);
    expect((await fileAt({ lon, lat: y + 0.001 })).notices).toEqual([]);
    const future = await created(
      notice({
        title: 'Завтра',
        startsAt: new Date(t.clock.now().getTime() + 24 * hour).toISOString(),
        endsAt: new Date(t.clock.now().getTime() + 48 * hour).toISOString(),
        area: { type: 'Point', coordinates: [lon + 0.04, lat] },
      }),
    );
    expect(future.status).toBe('upcoming');
    expect((await fileAt({ lon: lon + 0.04, lat })).notices).toEqual([]);
  });

  it('answers every linked report with one action once the notice has ended, each through the review', async () => {
    const c = { lon: lon + 0.01, lat: lat + 0.01 };
    const n = await created(
      notice({ title: 'Итог', area: { type: 'Polygon', coordinates: [square(c.lon, c.lat, 0.001)] } }),
    );
    const [a, b] = [await fileAt(c), await fileAt(c)];
    const answer = {
      text: 'Ремонт теплосети завершён, горячая вода подана в дома квартала.',
      result: 'solved',
    };
    const url = `/api/v1/notices/${n.id}/answer-linked`;
    const early = await t.app.inject({ method: 'POST', url, headers: staff.admin.headers, payload: answer });
    expect(early.json().error.code).toBe('notice_not_ended');
    const residentTry = await t.app.inject({
      method: 'POST',
      url,
      headers: resident.headers,
      payload: answer,
    });
    expect(residentTry.statusCode).toBe(403);

    t.clock.advance(25 * hour);
    const res = await t.app.inject({ method: 'POST', url, headers: staff.admin.headers, payload: answer });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { reportId: string; outcome: string }[];
    expect(items.map((i) => [i.reportId, i.outcome]).sort()).toEqual(
      [
        [a.id, 'in_review'],
        [b.id, 'in_review'],
      ].sort(),
    );
    for (const r of [a, b]) {
      const events = await rows<{ type: string }>(
        t,
        sql`SELECT type FROM report_events WHERE report_id = ${r.id} ORDER BY id`,
      );
      expect(events.map((e) => e.type)).toContain('answer_submitted');
      const report = (await getReport(t, staff.admin, r.id)).json();
      expect(report.status).toBe('answer_review');
      expect(report.answer.text).toBe(answer.text);
    }
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/notices/${n.id}`,
      headers: staff.admin.headers,
    });
    expect(detail.json()).toMatchObject({ status: 'ended', linkedReports: { total: 2, open: 0 } });
    expect(detail.json().answeredAt).not.toBeNull();
    t.clock.advance(-25 * hour);
  });
});
