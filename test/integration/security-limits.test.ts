import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/server/app.ts';
import { CENTRAL_POINT, createTestApp, type Session, type TestApp } from '../support/app.ts';
import { categoryIdCached, driveTo, errorOf, loginStaff } from '../support/reports.ts';

/**
 * Report creation and votes are limited per client address and per account, counted in PostgreSQL
 * so that a second node does not double the allowance (issue 10, item 6).
 */
let a: TestApp;
let b: App;
const residents: Session[] = [];

beforeAll(async () => {
  a = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: '3' });
  b = await buildApp(a.app.ctx.config, { database: a.database, clock: a.clock, logger: false });
  await b.ready();
  // Registration and log-in are limited per address too (3 a minute here): each from its own.
  for (let i = 0; i < 7; i++) residents.push(await resident(`10.9.0.${i + 1}`));
});
afterAll(async () => {
  await b.close();
  await a.close();
});

async function resident(remoteAddress: string): Promise<Session> {
  const email = `limits-${randomUUID()}@example.org`;
  const password = 'correct horse battery';
  const reg = await a.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    remoteAddress,
    payload: { email, password, name: 'Житель' },
  });
  expect(reg.statusCode).toBe(202);
  const res = await a.app.inject({
    method: 'POST',
    url: '/api/v1/session?mode=token',
    remoteAddress,
    payload: { email, password },
  });
  const token = (res.json() as { token: string }).token;
  return { token, csrfToken: '', userId: '', headers: { authorization: `Bearer ${token}` } };
}

async function file(app: App, who: Session, remoteAddress: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    remoteAddress,
    headers: who.headers,
    payload: {
      categoryId: await categoryIdCached(a, 'street-light'),
      text: 'Не горит фонарь у дома, на улице совсем темно',
      ...CENTRAL_POINT,
    },
  });
}

describe('shared limits on writes residents make', () => {
  it('counts an account across addresses and nodes', async () => {
    const resident = residents[0]!;
    expect((await file(a.app, resident, '198.51.100.1')).statusCode).toBe(201);
    expect((await file(b, resident, '198.51.100.2')).statusCode).toBe(201);
    expect((await file(a.app, resident, '198.51.100.3')).statusCode).toBe(201);
    const refused = await file(b, resident, '198.51.100.4');
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    a.clock.advance(61_000);
    expect((await file(b, resident, '198.51.100.4')).statusCode).toBe(201);
  });

  it('counts an address across accounts and nodes', async () => {
    a.clock.advance(61_000);
    const [, first, second, third, fourth] = residents as [Session, Session, Session, Session, Session];
    expect((await file(a.app, first, '203.0.113.20')).statusCode).toBe(201);
    expect((await file(b, second, '203.0.113.20')).statusCode).toBe(201);
    expect((await file(b, third, '203.0.113.20')).statusCode).toBe(201);
    // Fourth from that address, on the node whose own in-memory count is only 2.
    expect((await file(b, fourth, '203.0.113.20')).statusCode).toBe(429);
  });

  it('limits votes the same way', async () => {
    a.clock.advance(61_000);
    // A published report (a fresh one waits for moderation), filed and moved on by the demo staff.
    // The staff work on a node of their own with the usual limits (the test's are for residents).
    const staffNode = await buildApp(
      { ...a.app.ctx.config, rateLimitWritesPerMinute: 10_000 },
      { database: a.database, clock: a.clock, logger: false },
    );
    await staffNode.ready();
    const setup = { ...a, app: staffNode };
    const report = await driveTo(setup, await loginStaff(setup), residents[5]!, 'in_progress');
    await staffNode.close();
    a.clock.advance(61_000);
    const voter = residents[6]!;
    const vote = (app: App, method: 'POST' | 'DELETE', ip: string) =>
      app.inject({
        method,
        url: `/api/v1/reports/${report.id}/support`,
        remoteAddress: ip,
        headers: voter.headers,
      });
    expect((await vote(a.app, 'POST', '192.0.2.31')).statusCode).toBe(200);
    expect((await vote(b, 'DELETE', '192.0.2.32')).statusCode).toBe(200);
    expect((await vote(a.app, 'POST', '192.0.2.33')).statusCode).toBe(200);
    expect((await vote(b, 'DELETE', '192.0.2.34')).statusCode).toBe(429);
  });
});
