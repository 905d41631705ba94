import { beforeAll, describe, expect, it } from 'vitest';
import { newResident, type TestApp } from '../support/app.ts';
import { upload } from '../support/media.ts';
import { expectErrors, expectValid, issueKey, parseXml } from '../support/open311.ts';
import { OPEN311_BASE, open311Suite } from '../support/open311-suite.ts';
import { fileReport, must, type Staff } from '../support/reports.ts';

/** GeoReport v2 at /open311/v2: discovery, services and definitions; photos; the API key's limits. */
const { ctx } = open311Suite();
const base = OPEN311_BASE;
let t: TestApp;
let staff: Staff;
let key: string;
beforeAll(() => {
  ({ t, staff, key } = ctx);
});

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
