import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/server/app.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('log-in limits shared by every app node', () => {
  let a: TestApp;
  let b: App;
  beforeAll(async () => {
    a = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: '3' });
    // A second node over the same database: its own in-memory limiter, the same counters in PostgreSQL.
    b = await buildApp(a.app.ctx.config, { database: a.database, clock: a.clock, logger: false });
    await b.ready();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const attempt = (app: App) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: '203.0.113.7',
      payload: { email: 'nobody@example.org', password: 'wrong password' },
    });

  it('refuses the fourth attempt within a minute even when it reaches another node, then lets go', async () => {
    expect((await attempt(a.app)).statusCode).toBe(401);
    expect((await attempt(a.app)).statusCode).toBe(401);
    expect((await attempt(b)).statusCode).toBe(401);
    const refused = await attempt(b);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    a.clock.advance(61_000);
    expect((await attempt(b)).statusCode).toBe(401);
  });
});
