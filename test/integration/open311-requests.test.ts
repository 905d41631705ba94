import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_POINT, type TestApp } from '../support/app.ts';
import { expectErrors, expectValid, issueKey, parseXml } from '../support/open311.ts';
import { OPEN311_BASE, open311Suite } from '../support/open311-suite.ts';
import { countReports, must, rows, type Staff } from '../support/reports.ts';

/** GeoReport v2 at /open311/v2: filing requests, reading them back and resolving tokens, in JSON and XML. */
const { ctx, pothole, post, filed, reportIdOf } = open311Suite();
const base = OPEN311_BASE;
let t: TestApp;
let staff: Staff;
let key: string;
beforeAll(() => {
  ({ t, staff, key } = ctx);
});

describe('POST requests', () => {
  it('files a form-encoded request through the intake, with attributes and a media link', async () => {
    const before = await countReports(t);
    const res = await post(
      pothole({
        'attribute[lane][]': ['roadway', 'tram'],
        'attribute[fixmystreet_id]': '12345',
        media_url: 'https://photos.example.org/pothole.jpg',
        email: 'resident@example.org',
        first_name: 'Мария',
        last_name: 'Иванова',
        phone: '+7 900 000-00-00',
        address_string: 'Невский проспект, 1',
      }),
    );
    expect(res.statusCode).toBe(200);
    const [created] = res.json() as { service_request_id: string; token: string; service_notice: string }[];
    expect(created!.service_request_id).toMatch(/^\d+$/);
    expect(created!.token.length).toBeGreaterThan(10);
    expect(created!.service_notice).toContain('10');
    expect(await countReports(t)).toBe(before + 1);

    const id = await reportIdOf(created!.service_request_id);
    const [stored] = await rows<{
      status: string;
      role: string;
      email: string;
      attributes: unknown;
      media_url: string;
      address: string;
    }>(
      t,
      sql`SELECT r.status, u.role, u.email, q.attributes, q.media_url, r.address FROM reports r
          JOIN users u ON u.id = r.author_id JOIN open311_requests q ON q.report_id = r.id WHERE r.id = ${id}`,
    );
    // The client's service user is the author: the resident's contacts are not stored.
    expect(stored).toMatchObject({
      status: 'submitted',
      role: 'resident',
      media_url: 'https://photos.example.org/pothole.jpg',
    });
    expect(stored!.email).toMatch(/@api-clients\.invalid$/);
    expect(stored!.attributes).toEqual({ size: 'large', lane: ['roadway', 'tram'] });
    expect(stored!.address).toBe('Невский проспект, 1');
    const [contact] = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM users WHERE email = 'resident@example.org'`,
    );
    expect(Number(contact!.n)).toBe(0);
  });

  it('answers in XML when asked', async () => {
    const res = await post(pothole(), 'xml');
    expect(res.statusCode).toBe(200);
    const xml = parseXml(res) as {
      service_requests: { request: { service_request_id: string; token: string }[] };
    };
    expect(xml.service_requests.request[0]!.service_request_id).toMatch(/^\d+$/);
  });

  it('accepts a JSON body too', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/requests.json`,
      payload: { ...pothole(), attribute: { size: 'small', lane: ['crossing'] } },
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses without a valid key (403), in the spec format, and files nothing', async () => {
    const before = await countReports(t);
    const { api_key: _omit, ...noKey } = pothole();
    expect(expectErrors(await post(noKey), 403)[0]).toMatch(/^api_key: /);
    expectErrors(await post(pothole({ api_key: 'vmk_not-a-key' })), 403);
    const xml = await post(pothole({ api_key: 'vmk_not-a-key' }), 'xml');
    expect(xml.statusCode).toBe(403);
    expect((parseXml(xml) as { errors: { error: { code: string }[] } }).errors.error[0]!.code).toBe('403');

    const revoked = await issueKey(t, staff.admin, { name: 'Old app' });
    expect((await post(pothole({ api_key: revoked.key }))).statusCode).toBe(200);
    const rev = await t.app.inject({
      method: 'POST',
      url: `/api/v1/api-clients/${revoked.id}/revoke`,
      headers: staff.admin.headers,
    });
    expect(rev.statusCode).toBe(200);
    expectErrors(await post(pothole({ api_key: revoked.key })), 403);
    expect(await countReports(t)).toBe(before + 1);
  });

  it('refuses an unknown service code (404) and a topic', async () => {
    expect(expectErrors(await post(pothole({ service_code: 'no-such' })), 404)[0]).toMatch(/^service_code: /);
    expectErrors(await post(pothole({ service_code: 'roads' })), 404);
    const { service_code: _omit, ...none } = pothole();
    expect(expectErrors(await post(none), 400)).toEqual([expect.stringMatching(/^service_code: /)]);
  });

  it('lists every problem at once (400) and files nothing', async () => {
    const before = await countReports(t);
    const res = await post({
      api_key: key,
      service_code: 'road-pothole',
      lat: '95',
      long: '30.1',
      'attribute[lane][]': ['roadway', 'sky'],
      email: 'not-an-email',
      media_url: 'ftp://example.org/x.jpg',
      description: 'x'.repeat(4001),
    });
    const errors = expectErrors(res, 400);
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'lat',
      'description',
      'email',
      'media_url',
      'attribute[size]',
      'attribute[lane]',
    ]);
    expect(errors.find((e) => e.startsWith('attribute[lane]'))).toContain('sky');
    expect(await countReports(t)).toBe(before);

    const street = await post({
      api_key: key,
      service_code: 'street-light',
      lat: '59.93',
      long: '30.33',
      'attribute[lamp_count]': 'three',
      'attribute[noticed_at]': 'yesterday',
    });
    expect(expectErrors(street, 400).map((e) => e.split(':')[0])).toEqual([
      'attribute[lamp_count]',
      'attribute[noticed_at]',
    ]);
    const twice = await post(pothole({ 'attribute[size]': ['small', 'large'] }));
    expect(expectErrors(twice, 400)[0]).toMatch(/^attribute\[size\]: /);
    expect(await countReports(t)).toBe(before);
  });

  it('needs coordinates inside the region', async () => {
    const { lat: _a, long: _b, ...noPoint } = pothole();
    // A street that sounds like a district places nothing: coordinates or a named district are needed.
    const onlyStreet = await post({ ...noPoint, address_string: 'Невский проспект, 1' });
    expect(expectErrors(onlyStreet, 400).map((e) => e.split(':')[0])).toEqual(['lat', 'long']);
    const withDistrict = await post({ ...noPoint, address_string: 'Невский район, ул. Дыбенко, 5' });
    expect(withDistrict.statusCode, withDistrict.body).toBe(200);
    expect(expectErrors(await post(pothole({ long: '' })), 400)).toEqual([expect.stringMatching(/^long: /)]);
    const moscow = await post(pothole({ lat: '55.75', long: '37.62' }));
    expect(expectErrors(moscow, 400).map((e) => e.split(':')[0])).toEqual(['lat', 'long']);
    expect(expectErrors(await post(pothole({ long: '181' })), 400)).toEqual([
      expect.stringMatching(/^long: /),
    ]);
  });
});

describe('GET requests, request and tokens', () => {
  it('shows a client its own request before moderation, and everyone after', async () => {
    const created = await filed(
      pothole({ 'attribute[lane]': 'crossing', email: 'secret@example.org', first_name: 'Секрет' }),
    );
    const nr = created.service_request_id;
    const anon = await t.app.inject({ method: 'GET', url: `${base}/requests/${nr}.json` });
    expect(expectErrors(anon, 404)[0]).toMatch(/^service_request_id: /);
    const own = await t.app.inject({ method: 'GET', url: `${base}/requests/${nr}.json?api_key=${key}` });
    expect(own.statusCode).toBe(200);
    const [mine] = own.json() as { status: string; service_code: string }[];
    expectValid('requests', own.json());
    expect(mine).toMatchObject({ status: 'open', service_code: 'road-pothole' });

    const id = await reportIdOf(nr);
    await must(t, staff.moderator, id, 'accept');
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/requests/${nr}.json`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    expectValid('requests', res.json());
    const [r] = res.json() as Record<string, unknown>[];
    expectValid('request', r);
    expect(r).toMatchObject({
      service_request_id: nr,
      status: 'open',
      service_name: 'Potholes in the road',
      agency_responsible: 'City Roads Directorate',
      lat: CENTRAL_POINT.lat,
      long: CENTRAL_POINT.lon,
    });
    expect(r!.expected_datetime).toEqual(expect.any(String));
    expect(r!.extended_attributes).toBeUndefined();
    // Contact data never leaves the platform.
    expect(res.body).not.toContain('secret@example.org');
    expect(res.body).not.toContain('Секрет');
    expect(res.body).not.toContain('api-clients.invalid');

    const xml = parseXml(await t.app.inject({ method: 'GET', url: `${base}/requests/${nr}.xml` })) as {
      service_requests: { request: { service_request_id: string; status: string; long: string }[] };
    };
    expect(xml.service_requests.request[0]).toMatchObject({
      service_request_id: nr,
      status: 'open',
      long: String(CENTRAL_POINT.lon),
    });
  });

  it('says closed, with the reason as status notes, once a report is finished', async () => {
    const { service_request_id: nr } = await filed();
    const id = await reportIdOf(nr);
    await must(t, staff.moderator, id, 'reject', { reason: 'Яма уже заделана по другому сообщению' });
    const res = await t.app.inject({ method: 'GET', url: `${base}/requests/${nr}.json?api_key=${key}` });
    const [r] = res.json() as { status: string; status_notes: string }[];
    expect(r).toMatchObject({ status: 'closed', status_notes: 'Яма уже заделана по другому сообщению' });
  });

  it('does not know other ids', async () => {
    expectErrors(await t.app.inject({ method: 'GET', url: `${base}/requests/999999999.json` }), 404);
    expectErrors(await t.app.inject({ method: 'GET', url: `${base}/requests/abc.json` }), 404);
    const xml = await t.app.inject({ method: 'GET', url: `${base}/requests/999999999.xml` });
    expect(xml.statusCode).toBe(404);
    parseXml(xml);
  });

  it('resolves a token to its request id', async () => {
    const created = await filed();
    const res = await t.app.inject({ method: 'GET', url: `${base}/tokens/${created.token}.json` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
    const xml = parseXml(
      await t.app.inject({ method: 'GET', url: `${base}/tokens/${created.token}.xml` }),
    ) as {
      service_requests: { request: { token: string }[] };
    };
    expect(xml.service_requests.request[0]!.token).toBe(created.token);
    expectErrors(await t.app.inject({ method: 'GET', url: `${base}/tokens/nope.json` }), 404);
  });

  it('filters by id, service code, status, dates and bbox, and pages', async () => {
    const a = await filed();
    const b = await filed({ ...pothole(), service_code: 'street-light', 'attribute[lamp_count]': '2' });
    for (const x of [a, b]) await must(t, staff.moderator, await reportIdOf(x.service_request_id), 'accept');
    const get = async (q: string) => {
      const res = await t.app.inject({ method: 'GET', url: `${base}/requests.json?${q}` });
      expect(res.statusCode, res.body).toBe(200);
      expectValid('requests', res.json());
      return res.json() as { service_request_id: string; service_code: string; status: string }[];
    };
    const byId = await get(`service_request_id=${a.service_request_id},${b.service_request_id}`);
    expect(byId.map((r) => r.service_request_id).sort()).toEqual(
      [a.service_request_id, b.service_request_id].sort(),
    );
    // service_request_id overrides the other filters.
    expect((await get(`service_request_id=${a.service_request_id}&service_code=street-light`)).length).toBe(
      1,
    );
    const lights = await get('service_code=street-light');
    expect(lights.every((r) => r.service_code === 'street-light')).toBe(true);
    expect(lights.some((r) => r.service_request_id === b.service_request_id)).toBe(true);
    expect((await get('status=closed')).every((r) => r.status === 'closed')).toBe(true);
    expect((await get('status=open')).some((r) => r.service_request_id === a.service_request_id)).toBe(true);
    expect((await get('status=open,closed')).length).toBeGreaterThanOrEqual(2);

    const all = await get('');
    expect(all.length).toBeGreaterThanOrEqual(2);
    const page1 = await get('page_size=1&page=1');
    const page2 = await get('page_size=1&page=2');
    expect(page1.length).toBe(1);
    expect(page2[0]!.service_request_id).not.toBe(page1[0]!.service_request_id);

    expect((await get('start_date=2026-02-01T00:00:00Z&end_date=2026-03-03T00:00:00Z')).length).toBe(
      all.length,
    );
    expect(await get('start_date=2026-03-05T00:00:00Z')).toEqual([]);
    expect(await get('end_date=2026-02-01T00:00:00Z')).toEqual([]);

    const { lat, lon } = CENTRAL_POINT;
    expect((await get(`bbox=${lon - 0.01},${lat - 0.01},${lon + 0.01},${lat + 0.01}`)).length).toBe(
      all.length,
    );
    expect(await get('bbox=30.0,60.5,30.1,60.6')).toEqual([]);
  });

  it('keeps a date span within 90 days and checks every parameter', async () => {
    const long = await t.app.inject({
      method: 'GET',
      url: `${base}/requests.json?start_date=2025-11-01T00:00:00Z&end_date=2026-03-01T00:00:00Z`,
    });
    expect(expectErrors(long, 400)[0]).toMatch(/^end_date: /);
    const ninety = await t.app.inject({
      method: 'GET',
      url: `${base}/requests.json?start_date=2025-12-01T00:00:00Z&end_date=2026-03-01T00:00:00Z`,
    });
    expect(ninety.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'GET',
      url: `${base}/requests.json?start_date=yesterday&status=pending&page_size=5000&bbox=1,2,3`,
    });
    expect(
      expectErrors(bad, 400)
        .map((e) => e.split(':')[0])
        .sort(),
    ).toEqual(['bbox', 'page_size', 'start_date', 'status']);
    const xml = await t.app.inject({
      method: 'GET',
      url: `${base}/requests.xml?start_date=2025-01-01&end_date=2026-01-01`,
    });
    expect(xml.statusCode).toBe(400);
    expect((parseXml(xml) as { errors: { error: unknown[] } }).errors.error.length).toBe(1);
  });

  it('adds attributes, notes and photos with extensions=true, in JSON and XML', async () => {
    const created = await filed(pothole({ 'attribute[lane][]': ['roadway', 'tram'] }));
    const id = await reportIdOf(created.service_request_id);
    await must(t, staff.moderator, id, 'accept', { comment: 'Передано в дорожную службу' });
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/requests/${created.service_request_id}.json?extensions=true`,
    });
    expectValid('requests', res.json());
    const [r] = res.json() as {
      extended_attributes: {
        attributes: unknown;
        notes: { type: string; summary: string | null }[];
        photos: unknown[];
      };
    }[];
    expect(r!.extended_attributes.attributes).toEqual({ size: 'large', lane: ['roadway', 'tram'] });
    expect(r!.extended_attributes.notes.map((n) => n.type)).toEqual(['submitted', 'accepted', 'routed']);
    expect(r!.extended_attributes.notes[1]!.summary).toBe('Передано в дорожную службу');
    expect(r!.extended_attributes.photos).toEqual([]);
    const xml = parseXml(
      await t.app.inject({
        method: 'GET',
        url: `${base}/requests.xml?extensions=true&service_request_id=${created.service_request_id}`,
      }),
    ) as {
      service_requests: {
        request: { extended_attributes: { attributes: { size: string; lane: string[] } } }[];
      };
    };
    expect(xml.service_requests.request[0]!.extended_attributes.attributes).toEqual({
      size: 'large',
      lane: ['roadway', 'tram'],
    });
  });
});
