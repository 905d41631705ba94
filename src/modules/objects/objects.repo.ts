import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { BBox, Geometry } from '../../lib/geojson.ts';
import type { CityObjectKind, WorkStatus } from './kinds.schemas.ts';
import type { WorkBody } from './objects.schemas.ts';

const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

/** Reports "near" an object: within this many metres of it. */
export const NEARBY_METERS = 150;

export type ObjectWrite = {
  externalId: string;
  kind: CityObjectKind;
  name: string;
  geometry: Geometry;
  address: string | null;
  organisationId: string | null;
};

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** What an upsert of many rows by registry key returns: the rows it created or changed, by key. */
export type UpsertedByKey = Map<string, { id: string; created: boolean }>;

/**
 * A chunk's rows as the arrays of an `unnest(…)`, one column at a time, in the keys' sorted order: two
 * imports writing the same keys at once then lock them in the same order and wait for each other
 * instead of deadlocking.
 */
export function columnsByKey<T extends { externalId: string }>(rows: T[]) {
  const sorted = [...rows].sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
  return <V>(pick: (row: T) => V) => sql.param(sorted.map(pick));
}

/**
 * Creates the objects, or updates those with the same external ids, in one statement; identical rows
 * are left alone (so importing the same file twice changes nothing and says so). The keys must be
 * distinct (one statement cannot change a row twice), and are written in order (columnsByKey). A key
 * missing from the answer was unchanged.
 */
export async function upsertObjects(
  exec: Executor,
  objects: ObjectWrite[],
  now: Date,
): Promise<UpsertedByKey> {
  if (objects.length === 0) return new Map();
  const column = columnsByKey(objects);
  const rows = await queryRows<{ externalId: string; id: string; created: boolean }>(
    exec,
    sql`INSERT INTO city_objects AS c (external_id, kind, name, geom, address, organisation_id, created_at, updated_at)
        SELECT t.external_id, t.kind, t.name, ST_SetSRID(ST_GeomFromGeoJSON(t.geometry), 4326), t.address,
               t.organisation_id::uuid, ${now}, ${now}
        FROM unnest(${column((o) => o.externalId)}::text[], ${column((o) => o.kind)}::text[],
                    ${column((o) => o.name)}::text[], ${column((o) => JSON.stringify(o.geometry))}::text[],
                    ${column((o) => o.address)}::text[], ${column((o) => o.organisationId)}::text[])
             WITH ORDINALITY AS t(external_id, kind, name, geometry, address, organisation_id, n)
        ORDER BY t.n
        ON CONFLICT (external_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, geom = excluded.geom,
          address = excluded.address, organisation_id = excluded.organisation_id, updated_at = excluded.updated_at
        WHERE (c.kind, c.name, c.address, c.organisation_id) IS DISTINCT FROM
              (excluded.kind, excluded.name, excluded.address, excluded.organisation_id)
           OR NOT ST_Equals(c.geom, excluded.geom)
        RETURNING external_id AS "externalId", id, (xmax = 0) AS created`,
  );
  return new Map(rows.map((r) => [r.externalId, { id: r.id, created: r.created }]));
}

/** One object by its external id (upsertObjects): its id, and whether it was created, updated or left as it was. */
export async function upsertObject(
  exec: Executor,
  o: ObjectWrite,
  now: Date,
): Promise<{ id: string; outcome: UpsertOutcome }> {
  const row = (await upsertObjects(exec, [o], now)).get(o.externalId);
  if (row) return { id: row.id, outcome: row.created ? 'created' : 'updated' };
  const [existing] = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM city_objects WHERE external_id = ${o.externalId}`,
  );
  return { id: existing!.id, outcome: 'unchanged' };
}

/** Organisations by code (the import's mapping names them by code). */
export async function organisationIdsByCode(exec: Executor): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; code: string }>(
    exec,
    sql`SELECT id, code FROM organisations WHERE is_active`,
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function organisationExists(exec: Executor, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT id FROM organisations WHERE id = ${id} AND is_active`,
  );
  return rows.length > 0;
}

export type ObjectFeatureRow = {
  id: string;
  name: string;
  kind: CityObjectKind;
  address: string | null;
  geometryJson: string;
  activeWorks: number;
  overdueWorks: number;
};

/** Objects meeting the box (GiST on the geometry), with counts of their works for the map's styling. */
export async function listObjectsInBox(
  exec: Executor,
  box: BBox,
  kind: CityObjectKind | undefined,
  today: string,
  limit: number,
): Promise<ObjectFeatureRow[]> {
  const where: SQL[] = [
    sql`c.geom && ST_MakeEnvelope(${box.west}::float8, ${box.south}::float8, ${box.east}::float8, ${box.north}::float8, 4326)`,
  ];
  if (kind) where.push(sql`c.kind = ${kind}`);
  return queryRows(
    exec,
    sql`SELECT c.id, c.name, c.kind, c.address, ST_AsGeoJSON(c.geom, 6) AS "geometryJson",
          coalesce(w.active, 0)::int AS "activeWorks", coalesce(w.overdue, 0)::int AS "overdueWorks"
        FROM city_objects c
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE status IN ('planned', 'in_progress')) AS active,
                 count(*) FILTER (WHERE ${overdueSql(today)}) AS overdue
          FROM object_works WHERE object_id = c.id) w ON TRUE
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY c.name, c.id LIMIT ${limit}`,
  );
}

/** Overdue: finished after the planned end, or unfinished (and not cancelled) past it. */
export function overdueSql(today: string): SQL {
  return sql`(planned_end IS NOT NULL AND status <> 'cancelled' AND
              (CASE WHEN actual_end IS NOT NULL THEN actual_end > planned_end
                    ELSE status <> 'completed' AND planned_end < ${today}::date END))`;
}

export type ObjectRow = {
  id: string;
  externalId: string;
  kind: CityObjectKind;
  name: string;
  address: string | null;
  geometryJson: string;
  organisationId: string | null;
  organisationNameRu: string | null;
  organisationNameEn: string | null;
};

export async function findObject(exec: Executor, id: string): Promise<ObjectRow | undefined> {
  const [row] = await queryRows<ObjectRow>(
    exec,
    sql`SELECT c.id, c.external_id AS "externalId", c.kind, c.name, c.address, ST_AsGeoJSON(c.geom, 6) AS "geometryJson",
          c.organisation_id AS "organisationId", o.name_ru AS "organisationNameRu", o.name_en AS "organisationNameEn"
        FROM city_objects c LEFT JOIN organisations o ON o.id = c.organisation_id WHERE c.id = ${id}`,
  );
  return row;
}

export type WorkRow = {
  id: string;
  title: string;
  programme: string | null;
  contractor: string | null;
  budget: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  status: WorkStatus;
  overdue: boolean;
  ratingAverage: number | null;
  ratingCount: number;
  myScore: number | null;
};

export async function listWorks(
  exec: Executor,
  objectId: string,
  userId: string | null,
  today: string,
): Promise<WorkRow[]> {
  return queryRows(
    exec,
    sql`SELECT w.id, w.title, w.programme, w.contractor, w.budget::text AS budget,
          w.planned_start::text AS "plannedStart", w.planned_end::text AS "plannedEnd",
          w.actual_start::text AS "actualStart", w.actual_end::text AS "actualEnd", w.status,
          ${overdueSql(today)} AS overdue,
          (SELECT round(avg(score)::numeric, 2)::float8 FROM work_ratings r WHERE r.work_id = w.id) AS "ratingAverage",
          (SELECT count(*)::int FROM work_ratings r WHERE r.work_id = w.id) AS "ratingCount",
          (SELECT score::int FROM work_ratings r WHERE r.work_id = w.id AND r.user_id = ${userId}) AS "myScore"
        FROM object_works w WHERE w.object_id = ${objectId}
        ORDER BY coalesce(w.planned_start, w.actual_start) DESC NULLS LAST, w.created_at DESC`,
  );
}

export async function listWorkPhotos(
  exec: Executor,
  workIds: string[],
): Promise<{ mediaId: string; workId: string; stage: 'before' | 'after' }[]> {
  if (workIds.length === 0) return [];
  return queryRows(
    exec,
    sql`SELECT p.media_id AS "mediaId", p.work_id AS "workId", p.stage FROM work_photos p JOIN media m ON m.id = p.media_id
        WHERE p.work_id = ANY(${sql.param(workIds)}::uuid[]) ORDER BY m.created_at`,
  );
}

export type NearbyReportRow = {
  id: string;
  number: number;
  status: string;
  text: string;
  createdAt: Date;
  pointsAtObject: boolean;
};

/**
 * Reports that point at the object or lie near it, among those `visible` lets this reader see. The
 * distance test runs first on the geometry index (a box a little wider than the distance), then in
 * true metres.
 */
export async function nearbyReports(
  exec: Executor,
  objectId: string,
  visible: SQL,
  limit: number,
): Promise<NearbyReportRow[]> {
  const rows = await queryRows<NearbyReportRow>(
    exec,
    sql`WITH c AS (SELECT id, geom FROM city_objects WHERE id = ${objectId}),
      linked AS (SELECT report_id FROM report_objects WHERE object_id = ${objectId}),
      near AS (
        SELECT r.id FROM reports r, c
        WHERE ST_DWithin(r.location, c.geom, ${NEARBY_METERS / 50_000}::float8)
          AND ST_DWithin(r.location::geography, c.geom::geography, ${NEARBY_METERS}::float8)
        UNION SELECT report_id FROM linked)
    SELECT r.id, r.number::int AS number, r.status, r.text, r.created_at AS "createdAt",
          EXISTS (SELECT 1 FROM linked WHERE linked.report_id = r.id) AS "pointsAtObject"
        FROM near JOIN reports r ON r.id = near.id
        WHERE ${visible}
        ORDER BY r.created_at DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, createdAt: toDate(r.createdAt) }));
}

export async function followState(
  exec: Executor,
  objectId: string,
  userId: string | null,
): Promise<{ followers: number; following: boolean }> {
  const [row] = await queryRows<{ followers: number; following: boolean }>(
    exec,
    sql`SELECT count(*)::int AS followers, coalesce(bool_or(user_id = ${userId}), FALSE) AS following
        FROM object_follows WHERE object_id = ${objectId}`,
  );
  return row ?? { followers: 0, following: false };
}

export async function setFollow(exec: Executor, objectId: string, userId: string, on: boolean, now: Date) {
  await exec.execute(
    on
      ? sql`INSERT INTO object_follows (object_id, user_id, created_at) VALUES (${objectId}, ${userId}, ${now})
            ON CONFLICT DO NOTHING`
      : sql`DELETE FROM object_follows WHERE object_id = ${objectId} AND user_id = ${userId}`,
  );
}

/** The followers of each of these objects, by object (an object nobody follows is missing). */
export async function followersOf(exec: Executor, objectIds: string[]): Promise<Map<string, string[]>> {
  if (objectIds.length === 0) return new Map();
  const rows = await queryRows<{ objectId: string; userId: string }>(
    exec,
    sql`SELECT object_id AS "objectId", user_id AS "userId" FROM object_follows
        WHERE object_id = ANY(${sql.param(objectIds)}::uuid[])`,
  );
  const byObject = new Map<string, string[]>();
  for (const r of rows) {
    const followers = byObject.get(r.objectId);
    if (followers) followers.push(r.userId);
    else byObject.set(r.objectId, [r.userId]);
  }
  return byObject;
}

export async function followedObjects(
  exec: Executor,
  userId: string,
): Promise<{ id: string; name: string; kind: CityObjectKind }[]> {
  return queryRows(
    exec,
    sql`SELECT c.id, c.name, c.kind FROM object_follows f JOIN city_objects c ON c.id = f.object_id
        WHERE f.user_id = ${userId} ORDER BY f.created_at DESC`,
  );
}

export const workValues = (w: WorkBody) => ({
  programme: w.programme ?? null,
  contractor: w.contractor ?? null,
  budget: w.budget ?? null,
  plannedStart: w.plannedStart ?? null,
  plannedEnd: w.plannedEnd ?? null,
  actualStart: w.actualStart ?? null,
  actualEnd: w.actualEnd ?? null,
});

export async function insertWork(exec: Executor, objectId: string, w: WorkBody, now: Date): Promise<string> {
  const v = workValues(w);
  const [row] = await queryRows<{ id: string }>(
    exec,
    sql`INSERT INTO object_works (object_id, title, programme, contractor, budget, planned_start, planned_end,
          actual_start, actual_end, status, created_at, updated_at)
        VALUES (${objectId}, ${w.title}, ${v.programme}, ${v.contractor}, ${v.budget}::numeric, ${v.plannedStart}::date,
          ${v.plannedEnd}::date, ${v.actualStart}::date, ${v.actualEnd}::date, ${w.status}, ${now}, ${now})
        RETURNING id`,
  );
  return row!.id;
}

/** Changes the work; its state before the change, or undefined when there is no such work. */
export async function updateWork(
  exec: Executor,
  objectId: string,
  workId: string,
  w: WorkBody,
  now: Date,
): Promise<WorkStatus | undefined> {
  const v = workValues(w);
  // The FROM row is read before the update: its status is the one the work had.
  const rows = await queryRows<{ before: WorkStatus }>(
    exec,
    sql`UPDATE object_works w SET title = ${w.title}, programme = ${v.programme}, contractor = ${v.contractor},
          budget = ${v.budget}::numeric, planned_start = ${v.plannedStart}::date, planned_end = ${v.plannedEnd}::date,
          actual_start = ${v.actualStart}::date, actual_end = ${v.actualEnd}::date, status = ${w.status}, updated_at = ${now}
        FROM (SELECT id, status FROM object_works WHERE id = ${workId} AND object_id = ${objectId} FOR UPDATE) old
        WHERE w.id = old.id RETURNING old.status AS before`,
  );
  return rows[0]?.before;
}

export async function findWork(
  exec: Executor,
  objectId: string,
  workId: string,
): Promise<{ id: string; status: WorkStatus } | undefined> {
  const [row] = await queryRows<{ id: string; status: WorkStatus }>(
    exec,
    sql`SELECT id, status FROM object_works WHERE id = ${workId} AND object_id = ${objectId}`,
  );
  return row;
}

/** One rating per resident and work: false when this resident had already rated it. */
export async function insertRating(exec: Executor, workId: string, userId: string, score: number, now: Date) {
  const rows = await queryRows<{ work_id: string }>(
    exec,
    sql`INSERT INTO work_ratings (work_id, user_id, score, created_at) VALUES (${workId}, ${userId}, ${score}, ${now})
        ON CONFLICT DO NOTHING RETURNING work_id`,
  );
  return rows.length > 0;
}

/** Attaches an upload of the person's that nothing else uses yet; false when it is not such an upload. */
export async function attachWorkPhoto(
  exec: Executor,
  workId: string,
  mediaId: string,
  ownerId: string,
  stage: 'before' | 'after',
): Promise<boolean> {
  const rows = await queryRows<{ media_id: string }>(
    exec,
    sql`INSERT INTO work_photos (media_id, work_id, stage)
        SELECT m.id, ${workId}, ${stage} FROM media m
        WHERE m.id = ${mediaId} AND m.owner_id = ${ownerId} AND m.report_id IS NULL
        ON CONFLICT DO NOTHING RETURNING media_id`,
  );
  return rows.length > 0;
}

export async function objectExists(exec: Executor, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(exec, sql`SELECT id FROM city_objects WHERE id = ${id}`);
  return rows.length > 0;
}
