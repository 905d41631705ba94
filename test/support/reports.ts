import { type SQL, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../src/db/connection.ts';
import { CENTRAL_POINT, categoryId, login, type Session, type TestApp } from './app.ts';

/**
 * Small helpers for report tests: demo staff log-ins, filing a report, running actions, driving a
 * report to a given status through the real API, and reading the database for what the API hides.
 */

export type Who = Session | null;

export const headersOf = (who: Who): Record<string, string> => (who ? who.headers : {});

export type Staff = {
  admin: Session;
  moderator: Session;
  /** ЦУР: the whole city. */
  curator: Session;
  curatorNevsky: Session;
  analyst: Session;
  /** city-light: street lighting everywhere. */
  opLight: Session;
  opRoads: Session;
  opNevsky: Session;
  opUk: Session;
};

export async function loginStaff(t: TestApp): Promise<Staff> {
  const e = (local: string) => `${local}@demo.vmeste.local`;
  const [admin, moderator, curator, curatorNevsky, analyst, opLight, opRoads, opNevsky, opUk] =
    await Promise.all(
      [
        'admin',
        'moderator',
        'curator',
        'curator.nevsky',
        'analyst',
        'operator.light',
        'operator.roads',
        'operator.nevsky',
        'operator.uk',
      ].map((l) => login(t.app, e(l))),
    );
  return {
    admin: admin!,
    moderator: moderator!,
    curator: curator!,
    curatorNevsky: curatorNevsky!,
    analyst: analyst!,
    opLight: opLight!,
    opRoads: opRoads!,
    opNevsky: opNevsky!,
    opUk: opUk!,
  };
}

export type Territory = {
  id: string;
  code: string;
  parentId: string | null;
  kind: string;
  center: { lat: number; lon: number };
};

export async function territories(t: TestApp): Promise<Map<string, Territory>> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/territories' });
  const items = (res.json() as { items: Territory[] }).items;
  return new Map(items.map((x) => [x.code, x]));
}

/** A point inside the district (PostGIS's point on surface), so reports land where the test means. */
export async function districtPoint(t: TestApp, code: string): Promise<{ lat: number; lon: number }> {
  const found = (await territories(t)).get(code);
  if (!found) throw new Error(`no territory ${code}`);
  return found.center;
}

export type ReportJson = {
  id: string;
  number: number;
  status: string;
  kind: string;
  isPublic: boolean;
  category: { id: string; code: string };
  territory: { id: string } | null;
  organisation: { id: string; name: { ru: string } } | null;
  author: { name: string; email: string } | null;
  routing: Record<string, unknown> | null;
  allowedActions: string[];
  [k: string]: unknown;
};

export type NewReport = {
  category?: string;
  categoryId?: string;
  text?: string;
  lat?: number;
  lon?: number;
  isPublic?: boolean;
  kind?: 'report' | 'appeal';
  mediaIds?: string[];
  address?: string;
  appellant?: { fullName?: string; email?: string; postalAddress?: string } | null;
};

/** An identified appellant, as a 59-ФЗ appeal needs (tests of the rule itself pass their own or null). */
export const APPELLANT = { fullName: 'Петрова Анна Владимировна', email: 'petrova@example.org' };

const categoryCache = new WeakMap<TestApp, Map<string, string>>();

export async function categoryIdCached(t: TestApp, code: string): Promise<string> {
  const cache = categoryCache.get(t) ?? new Map<string, string>();
  categoryCache.set(t, cache);
  const hit = cache.get(code);
  if (hit) return hit;
  const id = await categoryId(t.app, code);
  cache.set(code, id);
  return id;
}

export async function postReport(
  t: TestApp,
  who: Who,
  r: NewReport = {},
  extraHeaders: Record<string, string> = {},
) {
  const { category, appellant, ...rest } = r;
  const payload = {
    categoryId: r.categoryId ?? (await categoryIdCached(t, category ?? 'street-light')),
    text: 'Не горит фонарь у дома, на улице совсем темно',
    ...CENTRAL_POINT,
    ...rest,
    ...(appellant !== undefined
      ? appellant === null
        ? {}
        : { appellant }
      : r.kind === 'appeal'
        ? { appellant: APPELLANT }
        : {}),
  };
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { ...headersOf(who), ...extraHeaders },
    payload,
  });
}

/** Files a report and fails loudly if the API refuses it. */
export async function fileReport(t: TestApp, who: Session, r: NewReport = {}): Promise<ReportJson> {
  const res = await postReport(t, who, r);
  if (res.statusCode !== 201) throw new Error(`file report failed: ${res.statusCode} ${res.body}`);
  return res.json() as ReportJson;
}

export function act(
  t: TestApp,
  who: Who,
  id: string,
  action: string,
  payload: unknown = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/reports/${id}/actions/${action}`,
    headers: headersOf(who),
    payload: payload as object,
  });
}

/** Runs an action that must succeed. */
export async function must(
  t: TestApp,
  who: Session,
  id: string,
  action: string,
  payload: unknown = {},
): Promise<ReportJson> {
  const res = await act(t, who, id, action, payload);
  if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
  return res.json() as ReportJson;
}

export function getReport(t: TestApp, who: Who, id: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: headersOf(who) });
}

export function listReports(t: TestApp, who: Who, query: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/reports?${query}`, headers: headersOf(who) });
}

/** The ids a caller sees in a list (one big page). */
export async function listedIds(t: TestApp, who: Who, query = ''): Promise<string[]> {
  const res = await listReports(t, who, `pageSize=500&${query}`);
  if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { items: { id: string }[] }).items.map((r) => r.id);
}

export const ANSWER_TEXT = 'Светильник заменён, освещение восстановлено бригадой 2 марта.';

export type DriveTarget =
  | 'submitted'
  | 'clarification_requested'
  | 'rejected'
  | 'accepted'
  | 'assigned'
  | 'in_progress'
  | 'answer_drafted'
  | 'answer_review'
  | 'answered'
  | 'resolved'
  | 'disputed'
  | 'reopened'
  | 'closed';

/**
 * Files a report and walks it to `target` through the API, with the demo staff that handle street
 * lights in the Central district (city-light). `accepted` uses a subject with no routing rule, so
 * the report waits for the curator.
 */
type Step = [Session, string, object];

export async function driveTo(
  t: TestApp,
  staff: Staff,
  author: Session,
  target: DriveTarget,
  r: NewReport = {},
): Promise<ReportJson> {
  const category = target === 'accepted' ? 'other-issue' : (r.category ?? 'street-light');
  const report = await fileReport(t, author, { ...r, category });
  const id = report.id;
  const { moderator, curator, opLight } = staff;
  const work: Step[] = [
    [moderator, 'accept', {}],
    [opLight, 'start', {}],
    [opLight, 'draft-answer', { text: ANSWER_TEXT, result: 'solved' }],
    [opLight, 'submit-answer', {}],
    [moderator, 'publish-answer', {}],
  ];
  const dispute: Step = [author, 'dispute', { comment: 'Фонарь так и не горит' }];
  const plans: Record<DriveTarget, Step[]> = {
    submitted: [],
    clarification_requested: [[moderator, 'request-clarification', { question: 'Уточните номер дома' }]],
    rejected: [[moderator, 'reject', { reason: 'Сообщение не по теме платформы' }]],
    accepted: [[moderator, 'accept', {}]],
    assigned: work.slice(0, 1),
    in_progress: work.slice(0, 2),
    answer_drafted: work.slice(0, 3),
    answer_review: work.slice(0, 4),
    answered: work,
    resolved: [...work, [author, 'rate', { score: 5, solved: true }]],
    disputed: [...work, dispute],
    reopened: [...work, dispute, [curator, 'reopen', {}]],
    closed: [[curator, 'close', { reason: 'Закрыто по просьбе автора' }]],
  };
  const steps = plans[target];
  let last = report;
  for (const [who, action, body] of steps) last = await must(t, who, id, action, body);
  if (last.status !== target) throw new Error(`driveTo ${target}: ended in ${last.status}`);
  return last;
}

// ---- the database, for what the API does not show ------------------------------------------------

export async function rows<T>(t: TestApp, query: SQL): Promise<T[]> {
  return queryRows<T>(t.database.db, query);
}

export async function countReports(t: TestApp): Promise<number> {
  const [r] = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM reports`);
  return Number(r!.n);
}

export async function auditActions(
  t: TestApp,
  entityId: string,
): Promise<{ action: string; actorRole: string | null; details: Record<string, unknown> }[]> {
  return rows(
    t,
    sql`SELECT action, actor_role AS "actorRole", details FROM audit_log WHERE entity_id = ${entityId} ORDER BY id`,
  );
}

export async function countAudit(t: TestApp, action?: string, entityId?: string): Promise<number> {
  const conds = [sql`TRUE`];
  if (action) conds.push(sql`action = ${action}`);
  if (entityId) conds.push(sql`entity_id = ${entityId}`);
  const [r] = await rows<{ n: number }>(
    t,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE ${sql.join(conds, sql` AND `)}`,
  );
  return Number(r!.n);
}

/** What a refused command must leave untouched: status, timeline, audit trail, answers. */
export async function snapshot(t: TestApp, id: string) {
  const [r] = await rows<{
    status: string;
    organisation: string | null;
    events: number;
    audits: number;
    answers: number;
    ratings: number;
  }>(
    t,
    sql`SELECT r.status, r.organisation_id AS organisation,
          (SELECT count(*)::int FROM report_events e WHERE e.report_id = r.id) AS events,
          (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = r.id::text AND a.action <> 'report.read_personal_data') AS audits,
          (SELECT count(*)::int FROM answers x WHERE x.report_id = r.id) AS answers,
          (SELECT count(*)::int FROM ratings x WHERE x.report_id = r.id) AS ratings
        FROM reports r WHERE r.id = ${id}`,
  );
  if (!r) throw new Error(`no report ${id}`);
  return {
    ...r,
    events: Number(r.events),
    audits: Number(r.audits),
    answers: Number(r.answers),
    ratings: Number(r.ratings),
  };
}

export function errorOf(res: LightMyRequestResponse): {
  code: string;
  message: string;
  details: { path: string; message: string }[];
} {
  return (
    res.json() as { error: { code: string; message: string; details: { path: string; message: string }[] } }
  ).error;
}

/**
 * The field each problem is about. Request validation reports paths under the request part
 * (`body.email`) while services report the bare field (`email`); tests of other concerns compare
 * fields, and identity.test.ts checks the paths themselves.
 */
export function fieldPaths(res: LightMyRequestResponse): string[] {
  return errorOf(res).details.map((d) => d.path.replace(/^body(\.|$)/, ''));
}

export function detailFor(
  res: LightMyRequestResponse,
  field: string,
): { path: string; message: string } | undefined {
  return errorOf(res).details.find((d) => d.path.replace(/^body(\.|$)/, '') === field);
}
