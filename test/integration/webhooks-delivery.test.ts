import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanOut, runWebhookDelivery } from '../../src/modules/webhooks/webhook-dispatch.ts';
import { leaseDue } from '../../src/modules/webhooks/webhooks.repo.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { driveTo, fileReport, loginStaff, must, rows, type Staff } from '../support/reports.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

const ALL_EVENTS = [
  'report.created',
  'report.status_changed',
  'report.answer_published',
  'report.redirected',
  'report.merged',
  'report.poll_closed',
  'report.updated',
];
const SECOND = 1000;
const DAY_MS = 24 * 60 * 60 * SECOND;

describe('webhook delivery', () => {
  let t: TestApp;
  let staff: Staff;
  let resident: Session;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      // Long enough for a loaded test machine (the embedded database shares the event loop with the
      // receiver); the hanging receiver waits this long once.
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_DISABLE_AFTER_FAILURES: '5',
      WEBHOOK_BACKOFF_BASE_SECONDS: '10',
      WEBHOOK_BACKOFF_CAP_SECONDS: '40',
    });
    staff = await loginStaff(t);
    resident = await newResident(t.app);
  });
  afterEach(async () => {
    // Each test has its own endpoint; the outbox is drained so the next test starts clean.
    await rows(t, sql`DELETE FROM webhook_endpoints`);
    await deliver();
    for (const r of receivers.splice(0)) await r.close();
  });
  afterAll(() => t.close());

  const deliver = () =>
    runWebhookDelivery({
      db: t.app.ctx.db,
      clock: t.clock,
      settings: t.app.ctx.config.webhooks,
      secrets: t.app.ctx.secrets,
    });

  async function register(events = ALL_EVENTS) {
    let secret = '';
    const receiver = await startReceiver(() => secret, t.clock);
    receivers.push(receiver);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: staff.admin.headers,
      payload: { url: receiver.url, events, description: 'СЭД' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { endpoint: { id: string }; secret: string };
    secret = body.secret;
    return { receiver, endpointId: body.endpoint.id };
  }

  const deliveries = (endpointId: string) =>
    rows<{
      id: string;
      state: string;
      attempts: number;
      event: string;
      report_event_id: number;
      next_attempt_at: Date;
    }>(t, sql`SELECT * FROM webhook_deliveries WHERE endpoint_id = ${endpointId} ORDER BY report_event_id`);
  const endpoint = (id: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${id}`, headers: staff.admin.headers });

  it('delivers every committed event signed, timestamped, in order, with public data only', async () => {
    const { receiver } = await register();
    const report = await driveTo(t, staff, resident, 'answered');
    // A refused command (wrong status) commits nothing, so it sends nothing.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/reports/${report.id}/actions/start`,
          headers: staff.opLight.headers,
        })
      ).statusCode,
    ).toBe(409);

    const run = await deliver();
    expect(run.fannedOut).toBeGreaterThanOrEqual(6);
    const got = receiver.received.filter((r) => r.body.report.id === report.id);
    const timeline = await rows<{ id: number; type: string }>(
      t,
      sql`SELECT id, type FROM report_events WHERE report_id = ${report.id} ORDER BY id`,
    );
    expect(got.map((r) => Number(r.body.eventId))).toEqual(timeline.map((e) => Number(e.id)));
    expect(got[0]?.event).toBe('report.created');
    expect(got.map((r) => r.event)).toContain('report.answer_published');
    expect(got.every((r) => r.verified === 'ok')).toBe(true);
    expect(got.every((r) => r.timestamp === Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
    expect(new Set(got.map((r) => r.deliveryId)).size).toBe(got.length);
    expect(got.every((r) => r.body.deliveryId === r.deliveryId)).toBe(true);

    const text = JSON.stringify(got.map((r) => r.body));
    expect(text).not.toContain(resident.userId);
    expect(text).not.toContain('Не горит фонарь');
    expect(text).not.toMatch(/author|email/i);
    // Internal steps (the answer draft) go out with their statuses but without their details.
    const drafted = got.find((r) => (r.body.change as { type: string }).type === 'answer_drafted');
    expect(drafted?.body.change).toMatchObject({ toStatus: 'answer_drafted', details: {} });

    // Nothing is sent twice.
    expect((await deliver()).attempts).toBe(0);
  });

  it('captures reports filed together in one intake statement, none lost', async () => {
    const { receiver } = await register(['report.created']);
    const filed = await Promise.all(Array.from({ length: 12 }, () => fileReport(t, resident)));
    await deliver();
    expect(new Set(receiver.received.map((r) => r.body.report.id))).toEqual(new Set(filed.map((r) => r.id)));
    expect(receiver.received.every((r) => r.event === 'report.created')).toBe(true);
  });

  it('retries a failing receiver with exponential back-off, holding later events of the report back', async () => {
    const { receiver, endpointId } = await register();
    receiver.setMode('fail');
    const report = await fileReport(t, resident);
    await must(t, staff.moderator, report.id, 'accept');

    await deliver();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.event).toBe('report.created');
    let [first, ...later] = await deliveries(endpointId);
    expect(first).toMatchObject({ state: 'pending', attempts: 1 });
    expect(new Date(first!.next_attempt_at).getTime() - t.clock.now().getTime()).toBe(10 * SECOND);
    expect(later.every((d) => d.attempts === 0)).toBe(true);

    // Not due yet: nothing happens.
    expect((await deliver()).attempts).toBe(0);
    t.clock.advance(10 * SECOND);
    await deliver();
    expect(receiver.received).toHaveLength(2);
    [first] = await deliveries(endpointId);
    expect(new Date(first!.next_attempt_at).getTime() - t.clock.now().getTime()).toBe(20 * SECOND);

    const log = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/webhooks/${endpointId}/deliveries/${first!.id}`,
      headers: staff.admin.headers,
    });
    expect(log.json().log).toMatchObject([
      { attempt: 1, statusCode: 500, error: 'http_500', responseExcerpt: 'receiver is down' },
      { attempt: 2, statusCode: 500, error: 'http_500' },
    ]);

    receiver.setMode('ok');
    t.clock.advance(20 * SECOND);
    await deliver();
    const ok = receiver.received.filter((r) => r.answered === 'ok');
    const ids = ok.map((r) => Number(r.body.eventId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ok[0]?.event).toBe('report.created');
    expect(ok.length).toBe((await deliveries(endpointId)).length);
    expect((await deliveries(endpointId)).every((d) => d.state === 'delivered')).toBe(true);
    // The same delivery id on every attempt: the receiver can deduplicate.
    expect(receiver.received[0]?.deliveryId).toBe(ok[0]?.deliveryId);
    expect((await endpoint(endpointId)).json().consecutiveFailures).toBe(0);
  });

  it('counts a timeout, a redirect (not followed) as failures, and reads only a few KB of a huge body', async () => {
    const { receiver, endpointId } = await register(['report.created']);
    const logOf = async () => {
      const [d] = await deliveries(endpointId);
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${endpointId}/deliveries/${d!.id}`,
        headers: staff.admin.headers,
      });
      return res.json() as {
        state: string;
        log: { statusCode: number | null; error: string | null; responseExcerpt: string | null }[];
      };
    };
    receiver.setMode('hang');
    await fileReport(t, resident);
    await deliver();
    expect((await logOf()).log.at(-1)).toMatchObject({ statusCode: null, error: 'timeout' });

    receiver.setMode('redirect');
    t.clock.advance(10 * SECOND);
    await deliver();
    expect((await logOf()).log.at(-1)).toMatchObject({ statusCode: 302, error: 'redirect_not_followed' });
    expect(receiver.redirectTargetHits()).toBe(0);

    receiver.setMode('huge');
    t.clock.advance(20 * SECOND);
    await deliver();
    const done = await logOf();
    expect(done.state).toBe('delivered');
    expect(done.log.at(-1)?.statusCode).toBe(200);
    expect(done.log.at(-1)?.responseExcerpt?.length).toBeLessThanOrEqual(512);
  });

  it('gives a delivery up after the last attempt, lets the report move on, and retries it by hand', async () => {
    const { receiver, endpointId } = await register();
    receiver.setMode('fail');
    const report = await fileReport(t, resident);
    await deliver();
    t.clock.advance(10 * SECOND);
    await deliver();
    t.clock.advance(20 * SECOND);
    await deliver();
    const [given] = await deliveries(endpointId);
    expect(given).toMatchObject({ state: 'failed', attempts: 3 });

    receiver.setMode('ok');
    await must(t, staff.moderator, report.id, 'accept');
    await deliver();
    const after = await deliveries(endpointId);
    expect(after.slice(1).every((d) => d.state === 'delivered')).toBe(true);

    const retry = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/webhooks/${endpointId}/deliveries/${id}/retry`,
        headers: staff.admin.headers,
      });
    const res = await retry(given!.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'pending', attempts: 0 });
    await deliver();
    expect((await deliveries(endpointId))[0]).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(receiver.received.at(-1)?.deliveryId).toBe(given!.id);

    const again = await retry(given!.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('webhook_delivery_not_retryable');
  });

  it('switches an endpoint off after repeated failures, keeps its events, and catches up once back on', async () => {
    const { receiver, endpointId } = await register(['report.created']);
    receiver.setMode('fail');
    // Five reports, each failing once: five consecutive failures.
    for (let i = 0; i < 5; i++) await fileReport(t, resident);
    await deliver();
    const off = (await endpoint(endpointId)).json();
    expect(off).toMatchObject({ enabled: false, disabledReason: 'failures', consecutiveFailures: 5 });
    const audit = await rows<{ n: number }>(
      t,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'webhook.endpoint_disabled' AND entity_id = ${endpointId}`,
    );
    expect(Number(audit[0]?.n)).toBe(1);

    // While off, events are still queued but not sent.
    await fileReport(t, resident);
    t.clock.advance(60 * SECOND);
    expect((await deliver()).attempts).toBe(0);
    expect(await deliveries(endpointId)).toHaveLength(6);

    receiver.setMode('ok');
    const on = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/webhooks/${endpointId}`,
      headers: staff.admin.headers,
      payload: { enabled: true },
    });
    expect(on.json()).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    await deliver();
    expect((await deliveries(endpointId)).every((d) => d.state === 'delivered')).toBe(true);
  });

  it('finishes quietly when the endpoint is deleted while its request is under way', async () => {
    const { receiver, endpointId } = await register(['report.created']);
    receiver.setMode('hang');
    await fileReport(t, resident);
    const run = deliver();
    // Real I/O: wait until the request has reached the receiver, then delete the endpoint.
    while (receiver.received.length === 0) await new Promise((r) => setImmediate(r));
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/webhooks/${endpointId}`,
      headers: staff.admin.headers,
    });
    expect(del.statusCode).toBe(204);
    await expect(run).resolves.toMatchObject({ attempts: 1 });
    expect(await deliveries(endpointId)).toHaveLength(0);
  });

  it('loses nothing when a sender dies mid-delivery or the app restarts', async () => {
    const { receiver, endpointId } = await register(['report.created', 'report.status_changed']);
    const report = await fileReport(t, resident);
    await must(t, staff.moderator, report.id, 'accept');

    // A "new node" over the same database: every bit of state is there, none in memory.
    const restarted = await buildApp(t.app.ctx.config, {
      database: t.database,
      clock: t.clock,
      logger: false,
    });
    const deps = {
      db: restarted.ctx.db,
      clock: t.clock,
      settings: restarted.ctx.config.webhooks,
      secrets: restarted.ctx.secrets,
    };
    await fanOut(deps);
    // A sender leases the first delivery and dies before sending it.
    const leased = await leaseDue(
      t.database.db,
      t.clock.now(),
      new Date(t.clock.now().getTime() + 60 * SECOND),
      10,
    );
    expect(leased).toHaveLength(1);
    expect((await runWebhookDelivery(deps)).attempts).toBe(0);
    expect(receiver.received).toHaveLength(0);

    t.clock.advance(60 * SECOND);
    await runWebhookDelivery(deps);
    await restarted.close();
    const sent = receiver.received.map((r) => Number(r.body.eventId));
    const all = (await deliveries(endpointId)).map((d) => Number(d.report_event_id));
    expect(sent).toEqual(all);
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it('forgets delivered deliveries after the retention, keeps those still waiting', async () => {
    const { receiver, endpointId } = await register(['report.created']);
    await fileReport(t, resident);
    await deliver();
    receiver.setMode('fail');
    await fileReport(t, resident);
    await deliver();
    expect((await deliveries(endpointId)).map((d) => d.state)).toEqual(['delivered', 'pending']);
    t.clock.advance(29 * DAY_MS);
    expect((await deliver()).pruned).toBe(0);
    t.clock.advance(2 * DAY_MS);
    expect((await deliver()).pruned).toBe(1);
    const left = await deliveries(endpointId);
    expect(left).toHaveLength(1);
    expect(left[0]?.state).not.toBe('delivered');
    // Back to the present: the staff sessions of the other tests would have expired.
    t.clock.advance(-31 * DAY_MS);
  });

  it('matches subscriptions: status followers get every status change, others only their events', async () => {
    const statuses = await register(['report.status_changed']);
    const answers = await register(['report.answer_published']);
    await driveTo(t, staff, resident, 'answered');
    await deliver();
    expect(statuses.receiver.received.map((r) => r.event)).toContain('report.answer_published');
    expect(statuses.receiver.received.some((r) => r.event === 'report.created')).toBe(false);
    expect(answers.receiver.received.map((r) => r.event)).toEqual(['report.answer_published']);
  });
});
