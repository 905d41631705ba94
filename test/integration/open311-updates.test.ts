import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_POINT, createTestApp, organisationId, type TestApp } from '../support/app.ts';
import { expectErrors, FORM, form, issueKey, parseXml } from '../support/open311.ts';
import { loginStaff, must, rows, type Staff, snapshot } from '../support/reports.ts';

/**
 * The mySociety servicerequestupdates extension: FixMyStreet polls status changes (GET), and an
 * organisation's system posts its own (POST) with a key bound to the organisation.
 */
let t: TestApp;
let staff: Staff;
let fms: string;
let roads: string;
let light: string;

const base = '/open311/v2';
const FIXED_TEXT = 'Яма заделана литым асфальтом, участок открыт для движения.';

async function fileAssignedPothole(): Promise<{ number: string; id: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: `${base}/requests.json`,
    headers: FORM,
    payload: form({
      api_key: fms,
      service_code: 'road-pothole',
      lat: String(CENTRAL_POINT.lat),
      long: String(CENTRAL_POINT.lon),
      description: 'Яма на проезжей части у дома 5',
      'attribute[size]': 'medium',
    }),
  });
  if (res.statusCode !== 200) throw new Error(`file failed: ${res.body}`);
  const number = (res.json() as { service_request_id: string }[])[0]!.service_request_id;
  const [r] = await rows<{ id: string }>(t, sql`SELECT id FROM reports WHERE number = ${Number(number)}`);
  await must(t, staff.moderator, r!.id, 'accept');
  return { number, id: r!.id };
}

function postUpdate(fields: Record<string, string>, format = 'json') {
  return t.app.inject({
    method: 'POST',
    url: `${base}/servicerequestupdates.${format}`,
    headers: FORM,
    payload: form(fields),
  });
}

type Update = {
  update_id: string;
  service_request_id: string;
  status: string;
  description: string;
  updated_datetime: string;
};

async function updates(query = ''): Promise<Update[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `${base}/servicerequestupdates.json?api_key=${fms}&${query}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Update[];
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  fms = (await issueKey(t, staff.admin, { name: 'FixMyStreet' })).key;
  roads = (
    await issueKey(t, staff.admin, {
      name: 'Roads СЭД',
      organisationId: await organisationId(t.app, 'roads-directorate'),
    })
  ).key;
  light = (
    await issueKey(t, staff.admin, {
      name: 'Light СЭД',
      organisationId: await organisationId(t.app, 'city-light'),
    })
  ).key;
});
afterAll(() => t.close());

describe('POST servicerequestupdates from an organisation', () => {
  it('starts work, then answers; a repeated update_id changes nothing', async () => {
    const { number, id } = await fileAssignedPothole();
    const started = await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'IN_PROGRESS',
      update_id: 'sed-1',
    });
    expect(started.statusCode, started.body).toBe(200);
    const [first] = started.json() as { update_id: string }[];
    expect(first!.update_id).toMatch(/^\d+$/);
    expect((await snapshot(t, id)).status).toBe('in_progress');

    const fixed = await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'FIXED',
      description: FIXED_TEXT,
      update_id: 'sed-2',
      updated_datetime: '2026-03-02T10:00:00+03:00',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const after = await snapshot(t, id);
    expect(after.status).toBe('answer_review');
    const [answer] = await rows<{ result: string; status: string; text: string; role: string }>(
      t,
      sql`SELECT a.result, a.status, a.text, u.role FROM answers a JOIN users u ON u.id = a.author_id WHERE a.report_id = ${id}`,
    );
    expect(answer).toEqual({ result: 'solved', status: 'review', text: FIXED_TEXT, role: 'operator' });

    const again = await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'FIXED',
      description: FIXED_TEXT,
      update_id: 'sed-2',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(fixed.json());
    expect(await snapshot(t, id)).toEqual(after);
  });

  it('answers in XML', async () => {
    const { number } = await fileAssignedPothole();
    const res = await postUpdate(
      { api_key: roads, service_request_id: number, status: 'INVESTIGATING' },
      'xml',
    );
    expect(res.statusCode).toBe(200);
    const xml = parseXml(res) as { service_request_updates: { request_update: { update_id: string }[] } };
    expect(xml.service_request_updates.request_update[0]!.update_id).toMatch(/^\d+$/);
  });

  it('schedules work with a date, and refuses what it cannot apply, changing nothing', async () => {
    const { number, id } = await fileAssignedPothole();
    const before = await snapshot(t, id);
    const noDate = await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'ACTION_SCHEDULED',
      description: FIXED_TEXT,
    });
    expect(expectErrors(noDate, 400)[0]).toMatch(/^expected_datetime: /);
    const short = await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'FIXED',
      description: 'Готово',
    });
    expect(expectErrors(short, 400)[0]).toMatch(/^description: /);
    const open = await postUpdate({ api_key: roads, service_request_id: number, status: 'OPEN' });
    expect(expectErrors(open, 400)[0]).toMatch(/^status: /);
    const missing = await postUpdate({ api_key: roads });
    expect(expectErrors(missing, 400).map((e) => e.split(':')[0])).toEqual(['service_request_id', 'status']);
    const badDate = await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'IN_PROGRESS',
      updated_datetime: 'now',
    });
    expect(expectErrors(badDate, 400)[0]).toMatch(/^updated_datetime: /);
    expect(await snapshot(t, id)).toEqual(before);

    const planned = await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'ACTION_SCHEDULED',
      description: 'Ремонт участка включён в план работ на апрель.',
      expected_datetime: '2026-04-15T00:00:00Z',
    });
    expect(planned.statusCode, planned.body).toBe(200);
    const [answer] = await rows<{ result: string; planned: string }>(
      t,
      sql`SELECT result, planned_date::text AS planned FROM answers WHERE report_id = ${id}`,
    );
    expect(answer).toEqual({ result: 'planned', planned: '2026-04-15' });
  });

  it('refuses keys without the organisation, and reports of other organisations', async () => {
    const { number, id } = await fileAssignedPothole();
    const before = await snapshot(t, id);
    expectErrors(await postUpdate({ service_request_id: number, status: 'IN_PROGRESS' }), 403);
    expectErrors(
      await postUpdate({ api_key: 'vmk_wrong', service_request_id: number, status: 'IN_PROGRESS' }),
      403,
    );
    expectErrors(await postUpdate({ api_key: fms, service_request_id: number, status: 'IN_PROGRESS' }), 403);
    expectErrors(
      await postUpdate({ api_key: light, service_request_id: number, status: 'IN_PROGRESS' }),
      403,
    );
    expectErrors(
      await postUpdate({ api_key: roads, service_request_id: '99999999', status: 'IN_PROGRESS' }),
      404,
    );
    expect(await snapshot(t, id)).toEqual(before);
  });

  it('refuses an update the status does not allow (started twice)', async () => {
    const { number, id } = await fileAssignedPothole();
    expect(
      (await postUpdate({ api_key: roads, service_request_id: number, status: 'IN_PROGRESS' })).statusCode,
    ).toBe(200);
    const before = await snapshot(t, id);
    expectErrors(
      await postUpdate({ api_key: roads, service_request_id: number, status: 'IN_PROGRESS' }),
      400,
    );
    expect(await snapshot(t, id)).toEqual(before);
  });
});

describe('GET servicerequestupdates', () => {
  it('lists public status changes with the mySociety statuses, not echoing the client’s own', async () => {
    const { number, id } = await fileAssignedPothole();
    await postUpdate({
      api_key: roads,
      service_request_id: number,
      status: 'FIXED',
      description: FIXED_TEXT,
    });
    await must(t, staff.moderator, id, 'publish-answer');
    const mine = (await updates()).filter((u) => u.service_request_id === number);
    // accepted → routed → started → answer published (drafts and reviews are internal).
    expect(mine.map((u) => u.status)).toEqual(['OPEN', 'OPEN', 'IN_PROGRESS', 'FIXED']);
    expect(mine.at(-1)!.description).toBe(FIXED_TEXT);
    expect(mine.every((u) => /^\d+$/.test(u.update_id))).toBe(true);
    // The organisation's own key does not get its own updates back (but sees the filing by FixMyStreet).
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/servicerequestupdates.json?api_key=${roads}`,
    });
    const own = (res.json() as Update[]).filter((u) => u.service_request_id === number);
    expect(own.map((u) => u.status)).toEqual(['OPEN', 'OPEN', 'OPEN', 'FIXED']);

    const xml = parseXml(await t.app.inject({ method: 'GET', url: `${base}/servicerequestupdates.xml` })) as {
      service_request_updates: { request_update: { service_request_id: string; status: string }[] };
    };
    expect(
      xml.service_request_updates.request_update
        .filter((u) => u.service_request_id === number)
        .map((u) => u.status),
    ).toEqual(['OPEN', 'OPEN', 'OPEN', 'IN_PROGRESS', 'FIXED']);
  });

  it('filters by dates, 90 days at most', async () => {
    expect(await updates('start_date=2026-03-03T00:00:00Z')).toEqual([]);
    expect(
      (await updates('start_date=2026-03-01T00:00:00Z&end_date=2026-03-03T00:00:00Z')).length,
    ).toBeGreaterThan(0);
    const long = await t.app.inject({
      method: 'GET',
      url: `${base}/servicerequestupdates.json?start_date=2025-01-01T00:00:00Z&end_date=2026-03-01T00:00:00Z`,
    });
    expectErrors(long, 400);
    expectErrors(
      await t.app.inject({ method: 'GET', url: `${base}/servicerequestupdates.json?end_date=soon` }),
      400,
    );
    expectErrors(
      await t.app.inject({ method: 'GET', url: `${base}/servicerequestupdates.json?api_key=nope` }),
      403,
    );
  });
});
