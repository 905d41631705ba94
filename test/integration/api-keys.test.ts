import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/lib/tokens.ts';
import { createTestApp, newResident, organisationId, type Session, type TestApp } from '../support/app.ts';
import { issueKey } from '../support/open311.ts';
import {
  ANSWER_TEXT,
  auditActions,
  driveTo,
  errorOf,
  fieldPaths,
  loginStaff,
  rows,
  type Staff,
  snapshot,
} from '../support/reports.ts';

/** API keys in the admin API, and the inbound organisation API they open. */
let t: TestApp;
let staff: Staff;
let resident: Session;
let lightOrg: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  resident = await newResident(t.app);
  lightOrg = await organisationId(t.app, 'city-light');
});
afterAll(() => t.close());

const clients = (who: Session | null, method: 'GET' | 'POST' = 'GET', payload?: object) =>
  t.app.inject({
    method,
    url: '/api/v1/api-clients',
    headers: who?.headers ?? {},
    ...(payload ? { payload } : {}),
  });

describe('API keys (admin)', () => {
  it('issues a key once, keeps only its hash, lists and revokes it', async () => {
    const res = await clients(staff.admin, 'POST', {
      name: 'Городской СЭД',
      organisationId: lightOrg,
      rateLimitPerMinute: 30,
    });
    expect(res.statusCode).toBe(201);
    const { client, key } = res.json() as {
      client: { id: string; keyPrefix: string; organisation: { id: string } };
      key: string;
    };
    expect(key.startsWith(client.keyPrefix)).toBe(true);
    expect(client.organisation.id).toBe(lightOrg);
    const [stored] = await rows<{ key_hash: string }>(
      t,
      sql`SELECT key_hash FROM api_clients WHERE id = ${client.id}`,
    );
    expect(stored!.key_hash).toBe(sha256(key));

    const list = await clients(staff.admin);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key);
    expect(list.body).not.toContain(sha256(key));
    const listed = (
      list.json() as { items: { id: string; rateLimitPerMinute: number; revokedAt: string | null }[] }
    ).items;
    expect(listed.find((c) => c.id === client.id)).toMatchObject({ rateLimitPerMinute: 30, revokedAt: null });

    const revoke = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/api-clients/${client.id}/revoke`,
        headers: staff.admin.headers,
      });
    const revoked = await revoke();
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as { revokedAt: string }).revokedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(errorOf(await revoke()).code).toBe('api_client_revoked');
    expect((await auditActions(t, client.id)).map((a) => a.action)).toEqual([
      'api_client.create',
      'api_client.revoke',
    ]);
    const gone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-clients/00000000-0000-4000-8000-000000000000/revoke',
      headers: staff.admin.headers,
    });
    expect(gone.statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    expect((await clients(null)).statusCode).toBe(401);
    for (const who of [resident, staff.moderator, staff.opLight]) {
      expect((await clients(who)).statusCode).toBe(403);
      expect((await clients(who, 'POST', { name: 'Чужой' })).statusCode).toBe(403);
    }
  });

  it('lists every problem with a new client and creates nothing', async () => {
    const [before] = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM api_clients`);
    const bad = await clients(staff.admin, 'POST', {
      name: 'x',
      organisationId: 'nope',
      rateLimitPerMinute: 0,
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad).sort()).toEqual(['', 'name', 'organisationId', 'rateLimitPerMinute']);
    const unknownOrg = await clients(staff.admin, 'POST', {
      name: 'Нет такой',
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(errorOf(unknownOrg).code).toBe('unknown_organisation');
    const [after] = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM api_clients`);
    expect(Number(after!.n)).toBe(Number(before!.n));
  });
});

describe('inbound organisation API', () => {
  const inbound = (key: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/inbound/reports${url}`,
      headers: key ? { 'x-api-key': key } : {},
      ...(payload ? { payload } : {}),
    });

  it('needs a valid key bound to an organisation', async () => {
    expect(errorOf(await inbound(null, 'GET', '')).code).toBe('api_key_required');
    expect(errorOf(await inbound('vmk_wrong', 'GET', '')).code).toBe('api_key_invalid');
    // The key is checked before the input.
    const unchecked = await inbound(null, 'POST', '/not-a-uuid/answer', { text: '' });
    expect(unchecked.statusCode).toBe(401);
    const unscoped = await issueKey(t, staff.admin, { name: 'Приложение' });
    const res = await inbound(unscoped.key, 'GET', '');
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('api_key_not_scoped');
  });

  it('reads the queue, starts work and submits an answer as the organisation', async () => {
    const { key } = await issueKey(t, staff.admin, { name: 'СЭД', organisationId: lightOrg });
    const report = await driveTo(t, staff, resident, 'assigned');
    const queue = await inbound(key, 'GET', '?pageSize=200');
    expect(queue.statusCode).toBe(200);
    expect((queue.json() as { items: { id: string }[] }).items.map((r) => r.id)).toContain(report.id);
    expect((await inbound(key, 'GET', `/${report.id}`)).statusCode).toBe(200);

    const started = await inbound(key, 'POST', `/${report.id}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    expect((started.json() as { status: string }).status).toBe('in_progress');

    const answered = await inbound(key, 'POST', `/${report.id}/answer`, {
      text: ANSWER_TEXT,
      result: 'solved',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((answered.json() as { status: string }).status).toBe('answer_review');
    // (Each step's result shows the operator the author, and that read is audited as for a person.)
    const audit = (await auditActions(t, report.id)).filter((a) => a.action !== 'report.read_personal_data');
    expect(audit.slice(-3).map((a) => [a.action, a.actorRole])).toEqual([
      ['report.start', 'operator'],
      ['report.draft-answer', 'operator'],
      ['report.submit-answer', 'operator'],
    ]);
  });

  it('goes only as far as the organisation’s permissions, all or nothing', async () => {
    const { key } = await issueKey(t, staff.admin, { name: 'СЭД 2', organisationId: lightOrg });
    const report = await driveTo(t, staff, resident, 'assigned');
    const before = await snapshot(t, report.id);
    // Publishing is the moderator's or curator's: the start and the draft before it are undone too.
    const publish = await inbound(key, 'POST', `/${report.id}/answer`, {
      text: ANSWER_TEXT,
      result: 'solved',
      stage: 'publish',
    });
    expect(publish.statusCode).toBe(403);
    expect(await snapshot(t, report.id)).toEqual(before);

    const bad = await inbound(key, 'POST', `/${report.id}/answer`, {
      text: 'коротко',
      result: 'planned',
      stage: 'later',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad).sort()).toEqual(['stage', 'text']);
    const noDate = await inbound(key, 'POST', `/${report.id}/answer`, {
      text: ANSWER_TEXT,
      result: 'planned',
    });
    expect(fieldPaths(noDate)).toEqual(['plannedDate']);
    expect(await snapshot(t, report.id)).toEqual(before);

    const roads = await issueKey(t, staff.admin, {
      name: 'Дороги',
      organisationId: await organisationId(t.app, 'roads-directorate'),
    });
    const foreign = await inbound(roads.key, 'POST', `/${report.id}/start`, {});
    // The report is public, so it is seen; the organisation is not the one to act on it.
    expect(foreign.statusCode).toBe(403);
    expect(await snapshot(t, report.id)).toEqual(before);
  });
});
