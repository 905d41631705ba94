import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { CENTRAL_POINT, type Session, type TestApp } from './app.ts';
import { categoryIdCached, headersOf, rows, type Who } from './reports.ts';

/** Metres per degree of latitude near St Petersburg (WGS84 meridian at 60° N: ~111,412 m). */
const METERS_PER_DEGREE_LAT = 111_412;

/** A point `north` metres north of `from` (longitude unchanged, so the distance is exact enough). */
export function north(from: { lat: number; lon: number }, meters: number) {
  return { lat: from.lat + meters / METERS_PER_DEGREE_LAT, lon: from.lon };
}

/**
 * A place of its own for each test, about 1.1 km apart from the others along the meridian, so the
 * reports of one test are never within another test's radius.
 */
export function spot(i: number) {
  return { lat: CENTRAL_POINT.lat + (i - 3) * 0.01, lon: CENTRAL_POINT.lon };
}

export const LIGHT_TEXT = 'Не горит фонарь у дома 12 на Невском проспекте, вечером совсем темно';
export const LIGHT_TEXT_ALIKE = 'Фонарь возле дома 12 на Невском не горит уже неделю';
export const UNRELATED_TEXT = 'Во дворе сломана скамейка и разбита урна';

export type SimilarJson = {
  id: string;
  number: number;
  distanceMeters: number;
  similarity: number;
  shortText: string;
  supportCount: number;
  isMine: boolean;
  supportedByMe: boolean;
  [k: string]: unknown;
};

export async function similar(
  t: TestApp,
  who: Who,
  q: { category?: string; categoryId?: string; lat: number; lon: number; text?: string },
): Promise<SimilarJson[]> {
  const res = await similarRequest(t, who, {
    categoryId: q.categoryId ?? (await categoryIdCached(t, q.category ?? 'street-light')),
    lat: String(q.lat),
    lon: String(q.lon),
    ...(q.text !== undefined ? { text: q.text } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`similar failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { items: SimilarJson[] }).items;
}

export function similarRequest(t: TestApp, who: Who, query: Record<string, string>) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/reports/similar?${new URLSearchParams(query).toString()}`,
    headers: headersOf(who),
  });
}

export function support(t: TestApp, who: Who, id: string, method: 'POST' | 'DELETE' = 'POST') {
  return t.app.inject({ method, url: `/api/v1/reports/${id}/support`, headers: headersOf(who) });
}

export async function mustSupport(t: TestApp, who: Session, id: string) {
  const res = await support(t, who, id);
  if (res.statusCode !== 200) throw new Error(`support failed: ${res.statusCode} ${res.body}`);
  return res.json() as { supportCount: number; supportedByMe: boolean; canSupport: boolean };
}

/** What support and merge touch: the status, priority, followers, photos, timeline and audit. */
export async function duplicateState(t: TestApp, id: string) {
  const [r] = await rows<{
    status: string;
    priority: number;
    mergedIntoId: string | null;
    events: number;
    audits: number;
  }>(
    t,
    sql`SELECT r.status, r.priority, r.merged_into_id AS "mergedIntoId",
          (SELECT count(*)::int FROM report_events e WHERE e.report_id = r.id) AS events,
          (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = r.id::text
             AND a.action <> 'report.read_personal_data') AS audits
        FROM reports r WHERE r.id = ${id}`,
  );
  if (!r) throw new Error(`no report ${id}`);
  const followers = await rows<{ userId: string; reason: string }>(
    t,
    sql`SELECT user_id AS "userId", reason FROM report_followers WHERE report_id = ${id} ORDER BY user_id`,
  );
  const photos = await rows<{ id: string }>(
    t,
    sql`SELECT id FROM media WHERE report_id = ${id} AND purpose = 'report' ORDER BY id`,
  );
  return {
    ...r,
    priority: Number(r.priority),
    events: Number(r.events),
    audits: Number(r.audits),
    followers,
    photos: photos.map((p) => p.id),
  };
}

export function eventsOf(t: TestApp, who: Who, id: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/events`, headers: headersOf(who) });
}

export async function timeline(t: TestApp, who: Who, id: string) {
  const res: LightMyRequestResponse = await eventsOf(t, who, id);
  if (res.statusCode !== 200) throw new Error(`events failed: ${res.statusCode} ${res.body}`);
  return (
    res.json() as { items: { type: string; payload: Record<string, unknown>; actorRole: string | null }[] }
  ).items;
}
