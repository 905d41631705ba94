import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_QUEUE } from '../../src/jobs/webhook-delivery.job.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { loginStaff, rows, type Staff } from '../support/reports.ts';

const base = '/api/v1/admin/webhooks';

describe('webhook endpoints (admin API)', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
  });
  afterAll(() => t.close());

  const as = (
    who: Staff[keyof Staff] | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...(who ? who.headers : {}), 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
  const count = async () =>
    Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM webhook_endpoints`))[0]?.n);

  it('is for admins only', async () => {
    expect((await as(null, 'GET', base)).statusCode).toBe(401);
    for (const who of [staff.moderator, staff.curator, staff.analyst, staff.opLight]) {
      const res = await as(who, 'POST', base, {
        url: 'https://example.org/hook',
        events: ['report.created'],
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect((await as(who, 'GET', base)).statusCode).toBe(403);
    }
    expect(await count()).toBe(0);
  });

  it('refuses bad registrations listing every problem, and stores nothing', async () => {
    const res = await as(staff.admin, 'POST', base, {
      url: 'ftp://example.org/hook',
      events: ['report.created', 'report.exploded'],
      secret: 'too-short',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; details: { path: string; message: string }[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'url', message: 'The URL must start with http:// or https://', code: 'custom' },
        expect.objectContaining({ path: 'events.1', message: expect.stringContaining('Unknown event') }),
        expect.objectContaining({ path: 'secret', message: 'At least 32 characters' }),
      ]),
    );
    const empty = await as(staff.admin, 'POST', base, { url: 'https://user:pw@example.org/', events: [] });
    expect(
      empty
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['events', 'url']);
    const missing = await as(staff.admin, 'POST', base, {});
    expect(
      missing
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['events', 'url']);
    const ru = await t.app.inject({
      method: 'POST',
      url: base,
      headers: staff.admin.headers,
      payload: { url: 'gopher://x', events: ['report.created'] },
    });
    expect(ru.json().error.details[0].message).toBe('Адрес должен начинаться с http:// или https://');
    expect(await count()).toBe(0);
  });

  it('shows the secret once, then only its last characters; rotates it; updates and deletes', async () => {
    const created = await as(staff.admin, 'POST', base, {
      url: 'https://sed.example.org/vmeste',
      events: ['report.created', 'report.status_changed'],
      description: 'СЭД района',
    });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.json() as {
      endpoint: { id: string; secretHint: string };
      secret: string;
    };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint.secretHint).toBe(`…${secret.slice(-4)}`);

    const list = await as(staff.admin, 'GET', base);
    expect(list.body).not.toContain(secret);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().events).toContain('report.answer_published');
    expect((await as(staff.admin, 'GET', `${base}/${endpoint.id}`)).body).not.toContain(secret);

    const own = await as(staff.admin, 'POST', base, {
      url: 'http://127.0.0.1:9/x',
      events: ['report.created'],
      secret: 'a-secret-chosen-by-the-receiver-123456',
    });
    expect(own.json().secret).toBe('a-secret-chosen-by-the-receiver-123456');

    const rotated = await as(staff.admin, 'POST', `${base}/${endpoint.id}/secret`);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).not.toBe(secret);

    const patched = await as(staff.admin, 'PATCH', `${base}/${endpoint.id}`, {
      enabled: false,
      events: ['report.merged'],
    });
    expect(patched.json()).toMatchObject({
      enabled: false,
      disabledReason: 'admin',
      events: ['report.merged'],
    });
    const badPatch = await as(staff.admin, 'PATCH', `${base}/${endpoint.id}`, {
      url: 'file:///etc/passwd',
      colour: 'red',
    });
    expect(badPatch.statusCode).toBe(400);
    expect(
      badPatch
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['', 'url']);

    expect((await as(staff.admin, 'DELETE', `${base}/${endpoint.id}`)).statusCode).toBe(204);
    const gone = await as(staff.admin, 'GET', `${base}/${endpoint.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('webhook_endpoint_not_found');
    const audit = await rows<{ action: string }>(
      t,
      sql`SELECT action FROM audit_log WHERE entity_id = ${endpoint.id} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'webhook.endpoint_created',
      'webhook.secret_rotated',
      'webhook.endpoint_updated',
      'webhook.endpoint_deleted',
    ]);
  });

  it('answers unknown ids and malformed ids with specific errors', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await as(staff.admin, 'PATCH', `${base}/${unknown}`, { enabled: true })).json().error.code).toBe(
      'webhook_endpoint_not_found',
    );
    expect((await as(staff.admin, 'GET', `${base}/${unknown}/deliveries`)).json().error.code).toBe(
      'webhook_endpoint_not_found',
    );
    expect((await as(staff.admin, 'GET', `${base}/not-a-uuid`)).statusCode).toBe(400);
    const { endpoint } = (
      await as(staff.admin, 'POST', base, { url: 'https://example.org/h', events: ['report.created'] })
    ).json();
    const noDelivery = await as(staff.admin, 'POST', `${base}/${endpoint.id}/deliveries/${unknown}/retry`);
    expect(noDelivery.statusCode).toBe(404);
    expect(noDelivery.json().error.code).toBe('webhook_delivery_not_found');
    const badQuery = await as(staff.admin, 'GET', `${base}/${endpoint.id}/deliveries?state=lost&limit=0`);
    expect(
      badQuery
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['querystring.limit', 'querystring.state']);
  });
});

describe('webhook delivery job', () => {
  it('is registered on the queue with a schedule', async () => {
    const t = await createTestApp({}, { jobs: true });
    try {
      const queue = t.app.ctx.queue!;
      expect(await queue.getQueue(WEBHOOK_QUEUE)).toMatchObject({ name: WEBHOOK_QUEUE, policy: 'stately' });
      expect((await queue.getSchedules()).map((s) => s.name)).toContain(WEBHOOK_QUEUE);
    } finally {
      await t.close();
    }
  });
});
