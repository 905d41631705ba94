import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOut } from '../../src/modules/webhooks/webhook-dispatch.ts';
import { type App, buildApp } from '../../src/server/app.ts';
import { createTestApp, login, type Session, type TestApp } from '../support/app.ts';
import { issueKey } from '../support/open311.ts';
import { driveTo, loginStaff, rows, type Staff } from '../support/reports.ts';

/**
 * The authorisation matrix (issue 10, item 5): every route the app registers × every role, from the
 * route list itself, so a new endpoint without a declared policy fails here. A refused cell must
 * answer 401, 403 or 404 (never a 2xx, never a validation 400 that would mean the input was looked at
 * first); an allowed read must not be refused. Writes and live streams allowed to a role are not run
 * here (their own tests do): running them would change the target under the next cells. Every
 * answer to a role that may not see the author's personal data is scanned for it, and so are the
 * log lines, the Open311 output and the webhook payloads of the target report.
 */
const roles = [
  'anonymous',
  'author',
  'otherResident',
  'opOrg',
  'opOther',
  'curatorIn',
  'curatorOut',
  'moderator',
  'analyst',
  'admin',
  'apiKey',
  'open311Key',
] as const;
type Role = (typeof roles)[number];
const sessionRoles: Role[] = roles.filter((r) => !['anonymous', 'apiKey', 'open311Key'].includes(r));

const ALL = [...roles];
const SIGNED_IN = sessionRoles;
/** Who may see the target (a private report of `author`, handled by city-light in the Central district). */
const VIEW: Role[] = ['author', 'opOrg', 'curatorIn', 'moderator', 'analyst', 'admin'];
const STAFF: Role[] = ['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'moderator', 'analyst', 'admin'];
const KEYS: Role[] = ['apiKey', 'open311Key'];
/** Roles that may read the author's name, e-mail and the report's exact place. */
const PERSONAL: Role[] = ['author', 'opOrg', 'curatorIn', 'moderator', 'admin', 'apiKey'];

type Policy = { allow: Role[]; body?: object; stream?: boolean };
const p = (allow: Role[], extra: Omit<Policy, 'allow'> = {}): Policy => ({ allow, ...extra });

const uuid = '00000000-0000-4000-8000-000000000001';
const actionBody: Record<string, object> = {
  accept: {},
  reject: { reason: 'Не относится к компетенции' },
  'request-clarification': { question: 'Уточните адрес, пожалуйста' },
  clarify: { answer: 'Дом 5' },
  assign: { organisationId: uuid },
  start: {},
  'draft-answer': { text: 'Светильник заменён, освещение восстановлено.', result: 'solved' },
  'submit-answer': {},
  'publish-answer': {},
  'return-answer': { comment: 'Доработайте ответ' },
  rate: { score: 5, solved: true },
  dispute: { comment: 'Фонарь так и не горит' },
  reopen: {},
  close: { reason: 'Закрыто куратором' },
  recategorise: { categoryId: uuid },
  redirect: { organisationId: uuid, reason: 'Не наша зона ответственности' },
  'extend-deadline': { days: 5, reason: 'Нужна подрядная организация' },
  merge: { primaryId: uuid },
  unmerge: {},
};
const actionAllow: Record<string, Role[]> = {
  accept: ['moderator', 'admin'],
  reject: ['moderator', 'admin'],
  'request-clarification': ['moderator', 'admin', 'opOrg'],
  clarify: ['author'],
  rate: ['author'],
  dispute: ['author'],
  assign: ['admin', 'curatorIn'],
  close: ['admin', 'curatorIn'],
  start: ['admin', 'opOrg'],
  'draft-answer': ['admin', 'opOrg'],
  'submit-answer': ['admin', 'opOrg'],
  'extend-deadline': ['admin', 'opOrg'],
  'publish-answer': ['moderator', 'admin', 'curatorIn'],
  'return-answer': ['moderator', 'admin', 'curatorIn'],
  reopen: ['moderator', 'admin', 'curatorIn'],
  recategorise: ['moderator', 'admin', 'curatorIn', 'opOrg'],
  redirect: ['admin', 'curatorIn', 'opOrg'],
  merge: ['moderator', 'admin', 'curatorIn', 'opOrg'],
  unmerge: ['moderator', 'admin', 'curatorIn', 'opOrg'],
};

/** Every route's policy, by `METHOD path` as registered. */
const policies: Record<string, Policy> = {
  'GET /api/docs': p(ALL),
  'GET /api/docs/static/index.html': p(ALL),
  'GET /api/docs/static/swagger-initializer.js': p(ALL),
  'GET /api/docs/json': p(ALL),
  'GET /api/docs/yaml': p(ALL),
  'GET /api/docs/static/*': p(ALL),
  'GET /api/openapi.json': p(ALL),
  'GET /api/health': p(ALL),
  'POST /api/v1/users': p(ALL),
  'POST /api/v1/users/confirmations': p(ALL),
  'POST /api/v1/password-resets': p(ALL),
  'POST /api/v1/password-resets/complete': p(ALL),
  'POST /api/v1/session': p(ALL),
  'DELETE /api/v1/session': p(SIGNED_IN),
  'GET /api/v1/me': p(SIGNED_IN),
  'GET /api/v1/categories': p(ALL),
  'GET /api/v1/territories': p(ALL),
  'GET /api/v1/organisations': p(ALL),
  'GET /api/v1/config': p(ALL),
  'POST /api/v1/media': p(SIGNED_IN),
  'GET /api/v1/media/:id': p(ALL),
  'GET /api/v1/media/:id/thumb': p(ALL),
  'POST /api/v1/reports': p(SIGNED_IN, {
    body: { categoryId: uuid, text: 'Не горит фонарь у дома', lat: 59.9, lon: 30.3 },
  }),
  'GET /api/v1/reports': p(ALL),
  'GET /api/v1/reports/:id': p(VIEW),
  'GET /api/v1/reports/:id/events': p(VIEW),
  ...Object.fromEntries(
    Object.keys(actionBody).map((a) => [
      `POST /api/v1/reports/:id/actions/${a}`,
      p(actionAllow[a]!, { body: actionBody[a]! }),
    ]),
  ),
  'POST /api/v1/suggestions/categories': p(ALL, { body: { text: 'Не горит фонарь у дома' } }),
  // The model's history and figures: admins, analysts and curators (classifier.service.ts).
  'GET /api/v1/admin/classifier': p(['admin', 'analyst', 'curatorIn', 'curatorOut']),
  'GET /api/v1/admin/classifier/routing-weeks': p(['admin', 'analyst', 'curatorIn', 'curatorOut']),
  'POST /api/v1/admin/classifier/retrain': p(['admin']),
  'GET /api/v1/auth/oidc': p(ALL),
  'GET /api/v1/auth/oidc/start': p(ALL),
  'GET /api/v1/auth/oidc/callback': p(ALL),
  'GET /api/v1/me/identities': p(SIGNED_IN),
  'GET /api/v1/answer-templates': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin']),
  'POST /api/v1/answer-templates': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin'], {
    body: { organisationId: uuid, title: 'Шаблон ответа', text: 'Текст шаблона ответа на обращение жителя' },
  }),
  'PATCH /api/v1/answer-templates/:id': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin'], {
    body: { title: 'Шаблон' },
  }),
  'DELETE /api/v1/answer-templates/:id': p(['opOrg', 'opOther', 'curatorIn', 'curatorOut', 'admin']),
  'GET /api/v1/reports/:id/answer-templates': p(['opOrg', 'admin']),
  'GET /api/v1/organisations/:id/quality': p(STAFF),
  'GET /api/v1/answer-quality/organisations': p(STAFF),
  'GET /api/v1/calendar': p(ALL),
  'GET /api/v1/calendar/:year': p(ALL),
  'PUT /api/v1/admin/calendar/days/:day': p(['admin'], { body: { isWorking: false } }),
  'DELETE /api/v1/admin/calendar/days/:day': p(['admin']),
  'GET /api/v1/deadlines/summary': p(STAFF),
  'GET /api/v1/reports/similar': p(ALL),
  'GET /api/v1/reports/:id/similar': p(VIEW),
  'POST /api/v1/reports/:id/support': p(['author']),
  'DELETE /api/v1/reports/:id/support': p(['author']),
  'GET /api/v1/notifications': p(SIGNED_IN),
  'GET /api/v1/notifications/unread-count': p(SIGNED_IN),
  'POST /api/v1/notifications/read': p(SIGNED_IN, { body: { ids: [1] } }),
  'POST /api/v1/notifications/read-all': p(SIGNED_IN),
  'GET /api/v1/me/notification-preferences': p(SIGNED_IN),
  'PATCH /api/v1/me/notification-preferences': p(SIGNED_IN, { body: { email: true } }),
  'GET /api/v1/notifications/live': p(SIGNED_IN, { stream: true }),
  'GET /api/v1/reports/:id/live': p(VIEW, { stream: true }),
  'GET /api/v1/api-clients': p(['admin']),
  'POST /api/v1/api-clients': p(['admin'], { body: { name: 'Клиент' } }),
  'POST /api/v1/api-clients/:id/revoke': p(['admin']),
  'GET /api/v1/inbound/reports': p(['apiKey']),
  'GET /api/v1/inbound/reports/:id': p(['apiKey']),
  'POST /api/v1/inbound/reports/:id/start': p(['apiKey']),
  'POST /api/v1/inbound/reports/:id/answer': p(['apiKey']),
  'GET /api/v1/admin/webhooks': p(['admin']),
  'POST /api/v1/admin/webhooks': p(['admin'], {
    body: { url: 'https://example.org/hook', events: ['report.created'] },
  }),
  'GET /api/v1/admin/webhooks/:id': p(['admin']),
  'PATCH /api/v1/admin/webhooks/:id': p(['admin'], { body: { enabled: false } }),
  'DELETE /api/v1/admin/webhooks/:id': p(['admin']),
  'POST /api/v1/admin/webhooks/:id/secret': p(['admin']),
  'GET /api/v1/admin/webhooks/:id/deliveries': p(['admin']),
  'GET /api/v1/admin/webhooks/:id/deliveries/:deliveryId': p(['admin']),
  'POST /api/v1/admin/webhooks/:id/deliveries/:deliveryId/retry': p(['admin']),
  ...Object.fromEntries(
    ['json', 'xml'].flatMap((f) => [
      [`GET /open311/v2/discovery.${f}`, p(ALL)],
      [`GET /open311/v2/services.${f}`, p(ALL)],
      [`GET /open311/v2/requests.${f}`, p(ALL)],
      [`GET /open311/v2/servicerequestupdates.${f}`, p(ALL)],
      [`POST /open311/v2/requests.${f}`, p(KEYS)],
      [`POST /open311/v2/servicerequestupdates.${f}`, p(['apiKey'])],
    ]),
  ),
  'GET /open311/v2/services/:file': p(ALL),
  'GET /open311/v2/requests/:file': p(ALL),
  'GET /open311/v2/tokens/:file': p(ALL),
};

let t: TestApp;
let app: App;
let staff: Staff;
const log: string[] = [];
const creds = new Map<Role, Record<string, string>>();
let target: { id: string; number: number };
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

function urlFor(route: string, role: Role): string {
  let url = route
    .replace(':id/deliveries/:deliveryId', `${uuid}/deliveries/${uuid}`)
    .replace('/reports/:id', `/reports/${target.id}`)
    .replace(':id', uuid)
    .replace(':year', '2026')
    .replace(':day', '2026-03-09')
    .replace(':file', `${target.number}.json`)
    .replace('*', 'index.css');
  if (url === '/api/v1/reports/similar') url += `?categoryId=${uuid}&lat=59.93&lon=30.33&text=фонарь`;
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

  it('refuses every role a route does not allow, lets through the reads it does, and leaks no personal data', async () => {
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
          url: urlFor(route, role),
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
  }, 180_000);

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
