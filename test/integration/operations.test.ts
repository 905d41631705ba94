import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type TestApp } from '../support/app.ts';
import { fileReport } from '../support/reports.ts';

/** Liveness, readiness and /metrics (docs/operations.md). */
describe('operations endpoints', () => {
  let t: TestApp;
  let guarded: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { jobs: true });
    guarded = await createTestApp({ METRICS_TOKEN: 'a-metrics-token-of-the-test' });
  });
  afterAll(async () => {
    await guarded.close();
    await t.close();
  });

  it('answers liveness without the database and readiness with it', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/api/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok', pid: process.pid });
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', db: 'up', draining: false });
  });

  it('counts requests by route pattern and status, with latencies, queues, backlog and the process', async () => {
    const resident = await newResident(t.app);
    const report = await fileReport(t, resident);
    await t.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}`, headers: resident.headers });
    await t.app.inject({ method: 'GET', url: '/api/v1/reports/00000000-0000-4000-8000-000000000000' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toMatch(
      /vmeste_http_requests_total\{method="GET",route="\/api\/v1\/reports\/:id",status="200"\} 1/,
    );
    expect(text).toMatch(
      /vmeste_http_requests_total\{method="GET",route="\/api\/v1\/reports\/:id",status="404"\} 1/,
    );
    expect(text).toMatch(
      /vmeste_http_requests_total\{method="POST",route="\/api\/v1\/reports",status="201"\} 1/,
    );
    // The pattern, never an id: no label carries a report's id.
    expect(text).not.toContain(report.id);
    expect(text).toMatch(
      /vmeste_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/api\/v1\/reports"\}/,
    );
    // The jobs registered by this app (pg-boss queues) and the webhook backlog.
    expect(text).toMatch(/vmeste_job_queue_waiting\{queue="[a-z-]+"\}/);
    expect(text).toMatch(/vmeste_webhook_backlog\{stage="outbox"\} \d+/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    if (t.database.engine === 'postgres')
      expect(text).toMatch(/vmeste_db_pool_connections\{state="max"\} \d+/);
  });

  it('hides /metrics from other machines unless they bring the token', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode,
    ).toBe(404);
    // A forwarded address does not make a remote caller local.
    const spoofed = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(404);
    const local = await guarded.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(404);
    const withToken = await guarded.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer a-metrics-token-of-the-test' },
    });
    expect(withToken.statusCode).toBe(200);
  });
});
