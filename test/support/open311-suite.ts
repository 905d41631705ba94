import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { CENTRAL_POINT, createTestApp, type TestApp } from './app.ts';
import { FORM, form, issueKey } from './open311.ts';
import { loginStaff, rows, type Staff } from './reports.ts';

/** What the Open311 test files share: an app, its staff and an API key, and a client for /open311/v2. */
export type Open311Context = { t: TestApp; staff: Staff; key: string };

export const OPEN311_BASE = '/open311/v2';

/**
 * Registers the app's start and stop around the calling test file and returns its context (filled in
 * by the time the tests run) with the request helpers.
 */
export function open311Suite() {
  const ctx = {} as Open311Context;
  beforeAll(async () => {
    ctx.t = await createTestApp();
    ctx.staff = await loginStaff(ctx.t);
    ctx.key = (await issueKey(ctx.t, ctx.staff.admin)).key;
  });
  afterAll(() => ctx.t.close());

  const pothole = (extra: Record<string, string | string[]> = {}) => ({
    api_key: ctx.key,
    service_code: 'road-pothole',
    lat: String(CENTRAL_POINT.lat),
    long: String(CENTRAL_POINT.lon),
    description: 'Глубокая яма у перехода, машины объезжают по встречной',
    'attribute[size]': 'large',
    ...extra,
  });

  const post = (fields: Record<string, string | string[]>, format = 'json') =>
    ctx.t.app.inject({
      method: 'POST',
      url: `${OPEN311_BASE}/requests.${format}`,
      headers: FORM,
      payload: form(fields),
    });

  const filed = async (fields: Record<string, string | string[]> = pothole()) => {
    const res = await post(fields);
    if (res.statusCode !== 200) throw new Error(`POST requests failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { service_request_id: string; token: string }[])[0]!;
  };

  const reportIdOf = async (number: string): Promise<string> => {
    const [r] = await rows<{ id: string }>(
      ctx.t,
      sql`SELECT id FROM reports WHERE number = ${Number(number)}`,
    );
    return r!.id;
  };

  return { ctx, pothole, post, filed, reportIdOf };
}
