import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_POINT, createTestApp, newResident, type TestApp } from '../support/app.ts';
import { upload } from '../support/media.ts';
import { expectErrors, expectValid, FORM, form, issueKey, parseXml } from '../support/open311.ts';
import { countReports, fileReport, loginStaff, must, rows, type Staff } from '../support/reports.ts';

/** GeoReport v2 at /open311/v2: discovery, services, definitions, requests and tokens, JSON and XML. */
let t: TestApp;
let staff: Staff;
let key: string;

const base = '/open311/v2';
const pothole = (extra: Record<string, string | string[]> = {}) => ({
  api_key: key,
  service_code: 'road-pothole',
  lat: String(CENTRAL_POINT.lat),
  long: String(CENTRAL_POINT.lon),
  description: 'Глубокая яма у перехода, машины объезжают по встречной',
  'attribute[size]': 'large',
  ...extra,
});

async function post(fields: Record<string, string | string[]>, format = 'json') {
  return t.app.inject({
    method: 'POST',
    url: `${base}/requests.${format}`,
    headers: FORM,
    payload: form(fields),
  });
}

async function filed(fields: Record<string, string | string[]> = pothole()) {
  const res = await post(fields);
  if (res.statusCode !== 200) throw new Error(`POST requests failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { service_request_id: string; token: string }[])[0]!;
}

async function reportIdOf(number: string): Promise<string> {
  const [r] = await rows<{ id: string }>(t, sql`SELECT id FROM reports WHERE number = ${Number(number)}`);
  return r!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  key = (await issueKey(t, staff.admin)).key;
});
afterAll(() => t.close());

describe('discovery and services', () => {
  it('describes the endpoint in JSON and XML', async () => {
    const json = await t.app.inject({ method: 'GET', url: `${base}/discovery.json` });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = json.json() as { endpoints: { url: string; formats: string[]; specification: string }[] };
    expect(d.endpoints[0]!.url).toMatch(/\/open311\/v2$/);
    expect(d.endpoints[0]!.formats).toEqual(['application/json', 'text/xml']);
    const xml = parseXml(await t.app.inject({ method: 'GET', url: `${base}/discovery.xml` }));
    const endpoint = (
      xml.discovery as { endpoints: { endpoint: { format?: unknown; formats: { format: string[] } }[] } }
    ).endpoints.endpoint[0]!;
    expect(endpoint.formats.format).toEqual(['application/json', 'text/xml']);
  });

  it('lists the subjects as services that match the official schema', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/services.json`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    const services = res.json() as {
      service_code: string;
      metadata: boolean;
      group: string;
      service_name: string;
    }[];
    expectValid('services', services);
    for (const s of services) expectValid('service', s);
    const pot = services.find((s) => s.service_code === 'road-pothole')!;
    expect(pot).toMatchObject({
      metadata: true,
      group: 'Roads and pavements',
      service_name: 'Potholes in the road',
    });
    expect(services.find((s) => s.service_code === 'yard-light')!.metadata).toBe(false);
    // Topics are groups, not services.
    expect(services.some((s) => s.service_code === 'roads')).toBe(false);

    const xml = parseXml(await t.app.inject({ method: 'GET', url: `${base}/services.xml` }));
    const items = (xml.services as { service: { service_code: string; metadata: string; group: string }[] })
      .service;
    expect(items.length).toBe(services.length);
    const potXml = items.find((s) => s.service_code === 'road-pothole')!;
    expect(potXml.metadata).toBe('true');
    expect(potXml.group).toBe('Дороги и тротуары');
  });

  it('answers for its own jurisdiction only', async () => {
    const ok = await t.app.inject({ method: 'GET', url: `${base}/services.json?jurisdiction_id=vmeste` });
    expect(ok.statusCode).toBe(200);
    const other = await t.app.inject({
      method: 'GET',
      url: `${base}/services.json?jurisdiction_id=elsewhere`,
    });
    expect(expectErrors(other, 404)[0]).toMatch(/^jurisdiction_id: /);
    const xml = await t.app.inject({ method: 'GET', url: `${base}/services.xml?jurisdiction_id=elsewhere` });
    expect(xml.statusCode).toBe(404);
    const parsed = parseXml(xml) as { errors: { error: { code: string; description: string }[] } };
    expect(parsed.errors.error[0]!.code).toBe('404');
  });

  it('gives the extra questions as a service definition', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/services/road-pothole.json`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    const def = res.json() as {
      service_code: string;
      attributes: {
        code: string;
        datatype: string;
        required: boolean;
        order: number;
        values?: { key: string; name: string }[];
      }[];
    };
    expectValid('serviceDefinition', def);
    expect(def.service_code).toBe('road-pothole');
    expect(def.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['size', 'singlevaluelist', true, 1],
      ['lane', 'multivaluelist', false, 2],
    ]);
    expect(def.attributes[0]!.values!.map((v) => v.key)).toEqual(['small', 'medium', 'large']);
    const light = (
      await t.app.inject({ method: 'GET', url: `${base}/services/street-light.json` })
    ).json() as {
      attributes: { datatype: string; values?: unknown }[];
    };
    expectValid('serviceDefinition', light);
    expect(light.attributes.map((a) => a.datatype)).toEqual(['number', 'string', 'datetime']);
    expect(light.attributes.every((a) => a.values === undefined)).toBe(true);

    const xml = parseXml(await t.app.inject({ method: 'GET', url: `${base}/services/road-pothole.xml` }));
    const attrs = (
      xml.service_definition as {
        attributes: { attribute: { code: string; values: { value: { key: string }[] } }[] };
      }
    ).attributes.attribute;
    expect(attrs[0]!.values.value.map((v) => v.key)).toEqual(['small', 'medium', 'large']);
  });

  it('does not know other service codes or formats', async () => {
    expect(
      expectErrors(await t.app.inject({ method: 'GET', url: `${base}/services/no-such.json` }), 404)[0],
    ).toMatch(/^service_code: /);
    const xml = await t.app.inject({ method: 'GET', url: `${base}/services/no-such.xml` });
    expect(xml.statusCode).toBe(404);
    parseXml(xml);
    expectErrors(await t.app.inject({ method: 'GET', url: `${base}/services/road-pothole.csv` }), 404);
    expectErrors(await t.app.inject({ method: 'GET', url: `${base}/services.csv` }), 404);
  });
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

describe('photos', () => {
  it('gives a report filed in Vmeste with a photo as an absolute media_url, and lists photos', async () => {
    const resident = await newResident(t.app);
    const photo = await upload(t, resident);
    const report = await fileReport(t, resident, { category: 'road-pothole', mediaIds: [photo.id] });
    await must(t, staff.moderator, report.id, 'accept');
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/requests/${report.number}.json?extensions=true`,
      headers: { host: 'vmeste.example.org' },
    });
    expect(res.statusCode).toBe(200);
    expectValid('requests', res.json());
    const [r] = res.json() as {
      media_url: string;
      extended_attributes: { photos: { media_url: string; purpose: string }[] };
    }[];
    expect(r!.media_url).toBe(`http://vmeste.example.org/api/v1/media/${photo.id}`);
    expect(r!.extended_attributes.photos).toEqual([
      expect.objectContaining({ media_url: r!.media_url, purpose: 'report' }),
    ]);
    // The resident's name and e-mail are not part of the public request.
    expect(res.body).not.toContain('Тестовый Житель');
    expect(res.body).not.toContain('@example.org"');
  });
});

describe('API key limits', () => {
  it('limits each key per minute, with Retry-After', async () => {
    const limited = await issueKey(t, staff.admin, { name: 'Slow client', rateLimitPerMinute: 2 });
    const call = () =>
      t.app.inject({ method: 'GET', url: `${base}/requests.json?api_key=${limited.key}&page_size=1` });
    expect((await call()).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(200);
    const third = await call();
    expectErrors(third, 429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // Another key is not affected.
    expect(
      (await t.app.inject({ method: 'GET', url: `${base}/requests.json?api_key=${key}&page_size=1` }))
        .statusCode,
    ).toBe(200);
    t.clock.advance(61_000);
    expect((await call()).statusCode).toBe(200);
  });
});
