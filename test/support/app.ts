import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { registerJobs } from '../../src/jobs/jobs.ts';
import { startQueue, stopQueue } from '../../src/jobs/queue.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { type App, buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openTestDatabase } from './template.ts';
import { scaled } from './timeouts.ts';

export type TestApp = {
  app: App;
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
};

/** A real app over a real database copied from the suite's template, with a clock the test moves. */
export async function createTestApp(
  env: Record<string, string> = {},
  /** `webRoot`: serve a built web app from there, as `vmeste serve` serves web/dist. */
  options: { jobs?: boolean; webRoot?: string } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-app-'));
  const database = await openTestDatabase(inject('dbTemplate'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DB_SCHEMA: database.schema,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_WRITES_PER_MINUTE: '10000',
    // Tests register residents and sign them in at once; the confirmation flow has its own tests.
    REQUIRE_EMAIL_CONFIRMATION: 'false',
    ...env,
  });
  const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
  // A real job queue (pg-boss) only where a test needs jobs: it costs a second or two to start.
  const queue = options.jobs ? await startQueue(database, database.schema) : undefined;
  const app = await buildApp(config, {
    database,
    clock,
    logger: false,
    ...(queue ? { queue } : {}),
    ...(options.webRoot ? { serveWeb: true, webRoot: options.webRoot } : {}),
  });
  await app.ready();
  if (queue) await registerJobs(app.ctx);
  return {
    app,
    database,
    clock,
    close: async () => {
      // A job still running (e.g. a retraining a test has just seen recorded) finishes and marks
      // itself complete before the database closes under it; the wait stretches with the machine's
      // load like the suite's other time-outs.
      if (queue) await stopQueue(queue, scaled(20_000));
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = 'demo-password-2026';

export type Session = { token: string; csrfToken: string; userId: string; headers: Record<string, string> };

/** Logs in with a bearer token (no CSRF involved); `headers` go on every request. */
export async function login(app: App, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/session?mode=token',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { token: string; csrfToken: string; user: { id: string } };
  return {
    token: body.token,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    headers: { authorization: `Bearer ${body.token}` },
  };
}

/** A new resident with a unique e-mail. */
export async function newResident(app: App): Promise<Session> {
  const email = `resident-${randomUUID()}@example.org`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, password: 'correct horse battery', name: 'Тестовый Житель' },
  });
  if (res.statusCode !== 202) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return login(app, email, 'correct horse battery');
}

export async function categoryId(app: App, code: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/categories' });
  const found = (res.json() as { items: { id: string; code: string }[] }).items.find((c) => c.code === code);
  if (!found) throw new Error(`no category ${code}`);
  return found.id;
}

export async function organisationId(app: App, code: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/organisations' });
  const found = (res.json() as { items: { id: string; code: string }[] }).items.find((c) => c.code === code);
  if (!found) throw new Error(`no organisation ${code}`);
  return found.id;
}

/** A point in the Central district (Nevsky prospekt). */
export const CENTRAL_POINT = { lat: 59.9343, lon: 30.3351 };
