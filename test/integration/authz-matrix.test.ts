import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAll } from '../../src/modules/analytics/index.ts';
import { fanOut } from '../../src/modules/webhooks/webhook-dispatch.ts';
import { type App, buildApp } from '../../src/server/app.ts';
import { createTestApp, login, type Session, type TestApp } from '../support/app.ts';
import { PERSONAL, policies, type Role, roles, uuid } from '../support/authz-policies.ts';
import { createTargets, type Targets, targetIdFor } from '../support/authz-targets.ts';
import { issueKey } from '../support/open311.ts';
import { driveTo, loginStaff, rows, type Staff } from '../support/reports.ts';
import { scaled } from '../support/timeouts.ts';

/**
 * The authorisation matrix (issue 10, item 5): every route the app registers × every role, from the
 * route list itself, so a new endpoint without a declared policy fails here. A refused cell must
 * answer 401, 403 or 404 (never a 2xx, never a validation 400 that would mean the input was looked at
 * first); an allowed read must not be refused. Writes and live streams allowed to a role are not run
 * here (their own tests do): running them would change the target under the next cells. Every
 * answer to a role that may not see the author's personal data is scanned for it, and so are the
 * log lines, the Open311 output and the webhook payloads of the target report.
 */
let t: TestApp;
let app: App;
let staff: Staff;
const log: string[] = [];
const creds = new Map<Role, Record<string, string>>();
let target: { id: string; number: number };
let targets: Targets;
const secret = {
  email: `matrix-${randomUUID()}@example.org`,
  name: 'Евлампия Матричная',
  address: 'Гороховая улица, 64, кв. 17',
  phone: '+7 921 555-01-23',
};

beforeAll(async () => {
  // Some 1,300 requests from one address: the per-minute limit of the internet is not under test here.
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  // A node of its own with logging on, over the same database: its log lines are checked too.
  app = await buildApp(
    { ...t.app.ctx.config, logLevel: 'info' },
    {
      database: t.database,
      clock: t.clock,
      logStream: new Writable({
        write(chunk, _e, done) {
          log.push(String(chunk));
          done();
        },
      }),
    },
  );
  await app.ready();
  staff = await loginStaff(t);
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email: secret.email, password: 'correct horse battery', name: secret.name },
  });
  expect(reg.statusCode).toBe(202);
  const author = await login(t.app, secret.email, 'correct horse battery');
  const other = await login(t.app, (await registerOther()).email, 'correct horse battery');
  const r = await driveTo(t, staff, author, 'in_progress', {
    isPublic: false,
    address: secret.address,
    text: `Не горит фонарь во дворе, мой телефон ${secret.phone}`,
  });
  target = { id: r.id, number: (r as unknown as { number: number }).number };
  targets = await createTargets(t, staff);
  // The dashboards, open data and exports read the analytics tables: the target report must be in them.
  await rebuildAll({ db: t.database.db, clock: t.clock, calendar: t.app.ctx.calendar });
  const orgKey = (await issueKey(t, staff.admin, { organisationId: await orgOf('city-light') })).key;
  const plainKey = (await issueKey(t, staff.admin)).key;
  const bearer = (s: Session) => s.headers;
  creds.set('anonymous', {});
  creds.set('author', bearer(author));
  creds.set('otherResident', bearer(other));
  creds.set('opOrg', bearer(staff.opLight));
  creds.set('opOther', bearer(staff.opRoads));
  creds.set('curatorIn', bearer(staff.curator));
  creds.set('curatorOut', bearer(staff.curatorNevsky));
  creds.set('moderator', bearer(staff.moderator));
  creds.set('analyst', bearer(staff.analyst));
  creds.set('admin', bearer(staff.admin));
  creds.set('apiKey', { 'x-api-key': orgKey });
  creds.set('open311Key', { 'x-api-key': plainKey });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function registerOther() {
  const email = `other-${randomUUID()}@example.org`;
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, password: 'correct horse battery', name: 'Другой Житель' },
  });
  return { email };
}

async function orgOf(code: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations' });
  return (res.json() as { items: { id: string; code: string }[] }).items.find((o) => o.code === code)!.id;
}

function urlFor(method: string, route: string, role: Role): string {
  let url = route
    .replace(':id/deliveries/:deliveryId', `${uuid}/deliveries/${uuid}`)
    .replace('/reports/:id', `/reports/${target.id}`)
    .replace(':id', targetIdFor(route, targets) ?? uuid)
    .replace(':itemId', targets.item)
    .replace(':workId', targets.work)
    .replace(':territoryId', targets.central)
    .replace(':what', 'statements')
    .replace(':year', '2026')
    .replace(':day', '2026-03-09')
    .replace(':file', `${target.number}.json`)
    .replace('*', 'index.css');
  if (url === '/api/v1/reports/similar') url += `?categoryId=${uuid}&lat=59.93&lon=30.33&text=фонарь`;
  const query = policies[`${method} ${route}`]?.query;
  if (query)
    url += `?${query.replace(':territoryId', targets.central).replace(':categoryId', targets.streetLight)}`;
  // Open311 takes the key as a parameter.
  if (url.startsWith('/open311/') && (role === 'apiKey' || role === 'open311Key'))
    url += `?api_key=${creds.get(role)!['x-api-key']}`;
  return url;
}

const hasPersonalData = (body: string) =>
  [secret.email, secret.name, secret.address, '555-01-23'].filter((s) => body.includes(s));

describe('authorisation matrix', () => {
  it('declares a policy for every registered route (a new endpoint must be added here)', () => {
    const registered = app.routeList.map((r) => `${r.method} ${r.url}`);
    const undeclared = registered.filter((r) => !policies[r]);
    expect(undeclared).toEqual([]);
    expect(Object.keys(policies).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it(
    'refuses every role a route does not allow, lets through the reads it does, and leaks no personal data',
    async () => {
      const wrong: string[] = [];
      let cells = 0;
      for (const { method, url: route } of app.routeList) {
        const key = `${method} ${route}`;
        const policy = policies[key]!;
        for (const role of roles) {
          const allowed = policy.allow.includes(role);
          const safe = method === 'GET';
          if (allowed && (!safe || policy.stream)) continue;
          cells++;
          const res = await app.inject({
            method: method as 'GET',
            url: urlFor(method, route, role),
            headers: creds.get(role)!,
            ...(policy.body && method !== 'GET' ? { payload: policy.body } : {}),
          });
          const s = res.statusCode;
          if (!allowed && !(s === 401 || s === 403 || s === 404))
            wrong.push(`${key} ${role}: ${s} (refusal expected)`);
          if (allowed && (s === 401 || s === 403)) wrong.push(`${key} ${role}: ${s} (access expected)`);
          if (!PERSONAL.includes(role)) {
            const leaked = hasPersonalData(res.body);
            if (leaked.length > 0) wrong.push(`${key} ${role}: personal data ${leaked.join(', ')}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(cells).toBeGreaterThan(800);
    },
    scaled(180_000),
  );

  it('never logs the personal data it served', () => {
    expect(hasPersonalData(log.join(''))).toEqual([]);
  });

  it('keeps personal data out of the webhook payloads of the report', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: staff.admin.headers,
      payload: { url: 'https://receiver.example/hook', events: ['report.created', 'report.status_changed'] },
    });
    await fanOut({
      db: t.app.ctx.db,
      clock: t.clock,
      settings: t.app.ctx.config.webhooks,
      secrets: t.app.ctx.secrets,
    });
    const bodies = await rows<{ body: string }>(
      t,
      sql`SELECT body::text AS body FROM webhook_deliveries WHERE report_id = ${target.id}`,
    );
    for (const b of bodies) expect(hasPersonalData(b.body)).toEqual([]);
  });
});
