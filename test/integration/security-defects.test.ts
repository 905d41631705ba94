import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/server/app.ts';
import { createTestApp, login, newResident, type Session, type TestApp } from '../support/app.ts';
import { plainJpeg } from '../support/media.ts';
import { expectErrors, FORM, form, issueKey } from '../support/open311.ts';
import { errorOf, loginStaff, postReport, type Staff } from '../support/reports.ts';

/**
 * The defects an outside probe of the running demo found (issue 10), each reproduced as it was
 * found: these requests answered 500, stalled the server, leaked data into logs or trusted a header.
 */
let t: TestApp;
let staff: Staff;
let resident: Session;
let key: string;
const base = '/open311/v2';

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginStaff(t);
  resident = await newResident(t.app);
  key = (await issueKey(t, staff.admin)).key;
});
afterAll(() => t.close());

describe('1. a repeated form field cannot stall the server', () => {
  it('refuses 40,000 repeats of `a=1&` at once, and the server keeps answering', async () => {
    const started = performance.now();
    const [res, health] = await Promise.all([
      t.app.inject({ method: 'POST', url: `${base}/requests.json`, headers: FORM, payload: 'a=1&'.repeat(40_000) }),
      t.app.inject({ method: 'GET', url: '/api/health' }),
    ]);
    const elapsed = performance.now() - started;
    expectErrors(res, 400);
    expect(health.statusCode).toBe(200);
    // It took 20 s; a linear parse that stops at the field limit takes milliseconds.
    expect(elapsed).toBeLessThan(1500);
  });

  it('still takes a repeated field as a list below the limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/requests.json`,
      headers: FORM,
      payload: `${form({ service_code: 'road-pothole' })}&${'attribute%5Blane%5D%5B%5D=x&'.repeat(500)}`,
    });
    // No API key: refused for that, not for the form.
    expectErrors(res, 403);
  });
});

describe('2. per-client limits cannot be lifted with X-Forwarded-For', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: '3' });
  });
  afterAll(() => limited.close());

  const attempt = (app: App, forwardedFor: string, remoteAddress = '198.51.100.9') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: 'nobody@example.org', password: 'wrong password' },
    });

  it('counts the peer, not the header, when no proxy is configured', async () => {
    for (let i = 1; i <= 3; i++) expect((await attempt(limited.app, `10.0.0.${i}`)).statusCode).toBe(401);
    const refused = await attempt(limited.app, '10.0.0.99');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const proxied = await buildApp(
      { ...limited.app.ctx.config, trustProxy: ['192.0.2.1'] },
      { database: limited.database, clock: limited.clock, logger: false },
    );
    await proxied.ready();
    try {
      for (let i = 1; i <= 3; i++)
        expect((await attempt(proxied, '203.0.113.50', '192.0.2.1')).statusCode).toBe(401);
      expect((await attempt(proxied, '203.0.113.50', '192.0.2.1')).statusCode).toBe(429);
      // Another client behind the same proxy has its own allowance.
      expect((await attempt(proxied, '203.0.113.51', '192.0.2.1')).statusCode).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});
