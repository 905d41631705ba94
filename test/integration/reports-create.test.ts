import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CENTRAL_POINT,
  categoryId,
  createTestApp,
  login,
  newResident,
  organisationId,
  type Session,
  type TestApp,
} from '../support/app.ts';
import { upload } from '../support/media.ts';
import {
  auditActions,
  categoryIdCached,
  countAudit,
  countReports,
  errorOf,
  fieldPaths,
  getReport,
  postReport,
  rows,
  territories,
} from '../support/reports.ts';

const MOSCOW = { lat: 55.75, lon: 37.62 };
const TEXT = 'Не горит фонарь у дома, на улице совсем темно';

describe('filing a report', () => {
  let t: TestApp;
  let resident: Session;
  let moderator: Session;
  let streetLight: string;

  /** Everything a refused submission must leave as it was. */
  const totals = async () => {
    const [r] = await rows<{ reports: number; events: number; audits: number; attached: number }>(
      t,
      sql`SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM report_events) AS events,
            (SELECT count(*)::int FROM audit_log WHERE action = 'report.submit') AS audits,
            (SELECT count(*)::int FROM media WHERE report_id IS NOT NULL) AS attached`,
    );
    return r;
  };

  beforeAll(async () => {
    t = await createTestApp();
    resident = await newResident(t.app);
    moderator = await login(t.app, 'moderator@demo.vmeste.local');
    streetLight = await categoryId(t.app, 'street-light');
  });
  afterAll(() => t.close());

  it('stores the report, its first event, the routing proposal and the audit row', async () => {
    const res = await postReport(t, resident, { address: '  Невский пр., 10  ' });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    const central = (await territories(t)).get('tsentralny')!;
    expect(r).toMatchObject({
      status: 'submitted',
      kind: 'report',
      isPublic: true,
      isMine: true,
      text: TEXT,
      address: 'Невский пр., 10',
      category: { id: streetLight, code: 'street-light' },
      territory: { id: central.id },
      organisation: null,
      author: null,
      routing: null,
      photos: [],
      allowedActions: [],
    });
    expect(r.lat).toBeCloseTo(CENTRAL_POINT.lat, 6);
    expect(r.lon).toBeCloseTo(CENTRAL_POINT.lon, 6);

    // The routing proposal is stored, and shown to the moderator (not to the author): it names the
    // lighting utility that the rule table gives street lights in the Central district.
    const light = await organisationId(t.app, 'city-light');
    const seen = (await getReport(t, moderator, r.id)).json();
    expect(seen.routing).not.toBeNull();
    expect(JSON.stringify(seen.routing)).toContain(light);
    const [stored] = await rows<{ routing: unknown }>(t, sql`SELECT routing FROM reports WHERE id = ${r.id}`);
    expect(JSON.stringify(stored!.routing)).toContain(light);

    const events = (
      await t.app.inject({ method: 'GET', url: `/api/v1/reports/${r.id}/events`, headers: resident.headers })
    ).json().items;
    expect(events).toEqual([
      expect.objectContaining({
        type: 'submitted',
        fromStatus: null,
        toStatus: 'submitted',
        actorRole: 'resident',
      }),
    ]);
    const audit = await auditActions(t, r.id);
    expect(audit.filter((a) => a.action === 'report.submit')).toEqual([
      expect.objectContaining({ action: 'report.submit', actorRole: 'resident' }),
    ]);
  });

  it('stores a proposal naming no organisation where no rule applies', async () => {
    const res = await postReport(t, resident, { category: 'other-issue' });
    expect(res.statusCode).toBe(201);
    const [stored] = await rows<{ routing: unknown }>(
      t,
      sql`SELECT routing FROM reports WHERE id = ${res.json().id}`,
    );
    expect(stored!.routing).not.toBeNull();
    const orgIds = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations' }))
      .json()
      .items.map((o: { id: string }) => o.id);
    for (const id of orgIds) expect(JSON.stringify(stored!.routing)).not.toContain(id);
    expect(await countAudit(t, 'report.submit', res.json().id)).toBe(1);
  });

  it('accepts a text of exactly 5,000 characters', async () => {
    const res = await postReport(t, resident, { text: 'ф'.repeat(5000) });
    expect(res.statusCode).toBe(201);
  });

  it('makes an appeal private whatever the client asks', async () => {
    const res = await postReport(t, resident, { kind: 'appeal', isPublic: true });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'appeal', isPublic: false });
  });

  describe('bad input is refused with every problem listed, and nothing is written', () => {
    let before: Awaited<ReturnType<typeof totals>>;
    let theirs: string;
    let mine: string;
    let used: string;
    beforeAll(async () => {
      theirs = (await upload(t, await newResident(t.app))).id;
      mine = (await upload(t, resident)).id;
      used = (await upload(t, resident)).id;
      expect((await postReport(t, resident, { mediaIds: [used] })).statusCode).toBe(201);
    });
    beforeEach(async () => {
      before = await totals();
    });
    afterEach(async () => {
      expect(await totals()).toEqual(before);
    });

    it('malformed JSON: 400 malformed_json', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...resident.headers, 'content-type': 'application/json' },
        payload: '{"categoryId": "x", "text": ',
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('malformed_json');
    });

    it('missing fields: all listed at once', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: resident.headers,
        payload: {},
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation_failed');
      expect(fieldPaths(res).sort()).toEqual(['categoryId', 'lat', 'lon', 'text']);
    });

    it('wrong types: each named', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: resident.headers,
        payload: {
          categoryId: 'light',
          text: 42,
          lat: '59.9',
          lon: 200,
          isPublic: 'yes',
          kind: 'complaint',
          mediaIds: 'abc',
          address: 'д'.repeat(301),
        },
      });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res).sort()).toEqual([
        'address',
        'categoryId',
        'isPublic',
        'kind',
        'lat',
        'lon',
        'mediaIds',
        'text',
      ]);
    });

    it('text over 5,000 characters, or under 10 once trimmed', async () => {
      for (const text of ['ф'.repeat(5001), '   коротко    ']) {
        const res = await postReport(t, resident, { text });
        expect(res.statusCode).toBe(400);
        expect(fieldPaths(res)).toEqual(['text']);
      }
    });

    it('more than 10 photos', async () => {
      const res = await postReport(t, resident, { mediaIds: Array.from({ length: 11 }, () => randomUUID()) });
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual(['mediaIds']);
    });

    it('a point outside the region (Moscow): 422 point_outside_region', async () => {
      const res = await postReport(t, resident, MOSCOW);
      expect(res.statusCode).toBe(422);
      expect(errorOf(res)).toMatchObject({ code: 'point_outside_region' });
      expect(fieldPaths(res).sort()).toEqual(['lat', 'lon']);
    });

    it('an unknown category: 422 unknown_category', async () => {
      const res = await postReport(t, resident, { categoryId: randomUUID() });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res)).toMatchObject({ code: 'unknown_category', details: [{ path: 'categoryId' }] });
    });

    it('a category switched off by the admin: 422 unknown_category', async () => {
      const furniture = await categoryIdCached(t, 'street-furniture');
      await t.database.db.execute(
        sql`UPDATE categories SET is_active = FALSE WHERE code = 'street-furniture'`,
      );
      const res = await postReport(t, resident, { categoryId: furniture });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res)).toMatchObject({ code: 'unknown_category', details: [{ path: 'categoryId' }] });
    });

    it('a topic instead of a subject: 422 category_not_selectable', async () => {
      const res = await postReport(t, resident, { categoryId: await categoryIdCached(t, 'lighting') });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res)).toMatchObject({
        code: 'category_not_selectable',
        details: [{ path: 'categoryId' }],
      });
    });

    it('an unknown category and a point outside the region: both listed', async () => {
      const res = await postReport(t, resident, { categoryId: randomUUID(), ...MOSCOW });
      expect(res.statusCode).toBe(422);
      expect(fieldPaths(res).sort()).toEqual(['categoryId', 'lat', 'lon']);
    });

    it('someone else’s photo, an unknown one, or one already used: 422 media_unusable', async () => {
      for (const mediaIds of [[theirs], [randomUUID()], [mine, theirs], [used], [mine, randomUUID()]]) {
        const res = await postReport(t, resident, { mediaIds });
        expect(res.statusCode, JSON.stringify(mediaIds)).toBe(422);
        expect(errorOf(res).code).toBe('media_unusable');
        expect(fieldPaths(res)).toEqual([`mediaIds.${mediaIds.length - 1}`]);
      }
      // My own photo was not attached by the refused attempt: it is still free to use.
      const [row] = await rows<{ reportId: string | null }>(
        t,
        sql`SELECT report_id AS "reportId" FROM media WHERE id = ${mine}`,
      );
      expect(row!.reportId).toBeNull();
    });

    it('anonymous: 401', async () => {
      const res = await postReport(t, null);
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('unauthenticated');
    });

    it('an Idempotency-Key of the wrong shape: 400', async () => {
      const res = await postReport(t, resident, {}, { 'idempotency-key': 'bad key!' });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details.map((d) => d.path)).toEqual([expect.stringMatching(/idempotency-key$/)]);
    });
  });

  it('attaches the author’s own photos', async () => {
    const photos = [await upload(t, resident), await upload(t, resident)];
    const res = await postReport(t, resident, { mediaIds: photos.map((p) => p.id) });
    expect(res.statusCode).toBe(201);
    expect(
      res
        .json()
        .photos.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual(photos.map((p) => p.id).sort());
    expect(res.json().thumbUrl).toMatch(/^\/api\/v1\/media\/[0-9a-f-]+\/thumb$/);
  });

  describe('idempotency', () => {
    it('replays the same request with the same key: same report, 200, one row', async () => {
      const key = `retry-${randomUUID()}`;
      const photo = await upload(t, resident);
      const before = await countReports(t);
      const first = await postReport(t, resident, { mediaIds: [photo.id] }, { 'idempotency-key': key });
      const second = await postReport(t, resident, { mediaIds: [photo.id] }, { 'idempotency-key': key });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(200);
      expect(second.json().id).toBe(first.json().id);
      expect(second.json().photos).toEqual(first.json().photos);
      expect(await countReports(t)).toBe(before + 1);
      expect(await countAudit(t, 'report.submit', first.json().id)).toBe(1);
    });

    it('refuses the same key with a different body: 422 idempotency_conflict', async () => {
      const key = `retry-${randomUUID()}`;
      expect((await postReport(t, resident, {}, { 'idempotency-key': key })).statusCode).toBe(201);
      const before = await countReports(t);
      const res = await postReport(
        t,
        resident,
        { text: 'Совсем другой текст сообщения про фонарь' },
        { 'idempotency-key': key },
      );
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('idempotency_conflict');
      expect(await countReports(t)).toBe(before);
    });

    it('keeps keys per user: two residents may use the same key', async () => {
      const key = `shared-${randomUUID()}`;
      const other = await newResident(t.app);
      const a = await postReport(t, resident, {}, { 'idempotency-key': key });
      const b = await postReport(t, other, {}, { 'idempotency-key': key });
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(a.json().id).not.toBe(b.json().id);
    });

    it('creates one report when retries arrive at the same time', async () => {
      const key = `race-${randomUUID()}`;
      const before = await countReports(t);
      const results = await Promise.all(
        [1, 2, 3].map(() => postReport(t, resident, {}, { 'idempotency-key': key })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
      expect(await countReports(t)).toBe(before + 1);
    });

    it('does not remember a refused request: the key stays usable', async () => {
      const key = `refused-${randomUUID()}`;
      expect((await postReport(t, resident, MOSCOW, { 'idempotency-key': key })).statusCode).toBe(422);
      expect((await postReport(t, resident, {}, { 'idempotency-key': key })).statusCode).toBe(201);
    });
  });

  describe('region edge', () => {
    /** The region's northernmost boundary vertex: anything north of it is outside every district. */
    let vertex: { lat: number; lon: number };
    beforeAll(async () => {
      const [v] = await rows<{ lat: number; lon: number }>(
        t,
        sql`SELECT ST_Y(p.geom) AS lat, ST_X(p.geom) AS lon FROM territories, ST_DumpPoints(geom) p
            WHERE kind = 'region' ORDER BY ST_Y(p.geom) DESC LIMIT 1`,
      );
      vertex = { lat: Number(v!.lat), lon: Number(v!.lon) };
    });

    it('accepts a point just outside the simplified boundary and gives it the nearest district', async () => {
      const point = { lat: vertex.lat + 0.004, lon: vertex.lon }; // ~450 m north, tolerance is 3 km
      const [premise] = await rows<{ n: number }>(
        t,
        sql`SELECT count(*)::int AS n FROM territories WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${point.lon}, ${point.lat}), 4326))`,
      );
      expect(Number(premise!.n)).toBe(0);
      const [nearest] = await rows<{ id: string }>(
        t,
        sql`SELECT id FROM territories WHERE kind = 'district'
            ORDER BY ST_Distance(geom, ST_SetSRID(ST_MakePoint(${vertex.lon}, ${vertex.lat}), 4326)) LIMIT 1`,
      );
      const res = await postReport(t, resident, point);
      expect(res.statusCode).toBe(201);
      expect(res.json().territory.id).toBe(nearest!.id);
    });

    it('refuses a point beyond the tolerance', async () => {
      const res = await postReport(t, resident, { lat: vertex.lat + 0.05, lon: vertex.lon }); // ~5.5 km
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('point_outside_region');
    });
  });
});
