import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import type { BBox, Geometry } from '../../lib/geojson.ts';
import type { NoticeKind } from './kinds.schemas.ts';

/** Timestamps arrive as Date from PGlite and as text from node-postgres's raw queries. */
export const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const toDateOrNull = (v: Date | string | null): Date | null => (v === null ? null : toDate(v));

/** A notice row's timestamps as Dates. */
function withDates<T extends { startsAt: Date; endsAt: Date; updatedAt: Date; answeredAt: Date | null }>(
  r: T,
): T {
  return {
    ...r,
    startsAt: toDate(r.startsAt),
    endsAt: toDate(r.endsAt),
    updatedAt: toDate(r.updatedAt),
    answeredAt: toDateOrNull(r.answeredAt),
  };
}

/** The geometry as stored: GeoJSON text parsed by PostGIS in WGS84. */
const geom = (g: Geometry) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;

/**
 * The surface a notice covers: a polygon as drawn; a line or points widened by `meters` on each side
 * (buffered on the sphere, so the width is true metres at any latitude).
 */
const coverage = (area: SQL, meters: number) =>
  sql`CASE WHEN ST_Dimension(${area}) = 2 THEN ${area}
           ELSE ST_Buffer(${area}::geography, ${meters}::float8)::geometry END`;

/** The region's bounds (its districts' extent), for telling swapped coordinates from far-away ones. */
export async function regionBounds(exec: Executor): Promise<BBox | null> {
  const [row] = await queryRows<{ west: number | null; south: number; east: number; north: number }>(
    exec,
    sql`SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
        FROM (SELECT ST_Extent(geom) AS e FROM territories) x`,
  );
  return row && row.west !== null ? { ...row, west: row.west } : null;
}

/**
 * PostGIS's verdict on each geometry, in order: valid (null), or why not (a self-intersection and
 * where it is). One statement for the lot.
 */
export async function validityOfMany(exec: Executor, gs: Geometry[]): Promise<(string | null)[]> {
  if (gs.length === 0) return [];
  const rows = await queryRows<{ reason: string | null }>(
    exec,
    sql`SELECT CASE WHEN ST_IsValid(x.g) THEN NULL ELSE ST_IsValidReason(x.g) END AS reason
        FROM unnest(${sql.param(gs.map((g) => JSON.stringify(g)))}::text[]) WITH ORDINALITY AS t(json, n)
        CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(t.json), 4326) AS g) x
        ORDER BY t.n`,
  );
  return rows.map((r) => r.reason);
}

/** Which of these ids are no active organisation / selectable category. */
export async function unknownReferences(
  exec: Executor,
  organisationId: string,
  categoryIds: string[],
): Promise<{ organisation: boolean; categories: string[] }> {
  const [row] = await queryRows<{ organisation: boolean; categories: string[] }>(
    exec,
    sql`SELECT NOT EXISTS (SELECT 1 FROM organisations WHERE id = ${organisationId} AND is_active) AS organisation,
          coalesce((SELECT array_agg(c.id::text) FROM unnest(${sql.param(categoryIds)}::uuid[]) AS c(id)
                    WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.id = c.id AND k.is_active)),
                   '{}') AS categories`,
  );
  return row ?? { organisation: true, categories: categoryIds };
}

export type NoticeWrite = {
  title: string;
  description: string;
  kind: NoticeKind;
  organisationId: string;
  categoryIds: string[];
  area: Geometry;
  bufferMeters: number;
  startsAt: Date;
  endsAt: Date;
};

export async function insertNotice(
  exec: Executor,
  n: NoticeWrite,
  createdBy: string,
  now: Date,
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    exec,
    sql`INSERT INTO notices (title, description, kind, organisation_id, category_ids, area, match_area,
          buffer_meters, starts_at, ends_at, created_by, created_at, updated_at)
        SELECT ${n.title}, ${n.description}, ${n.kind}, ${n.organisationId}, ${sql.param(n.categoryIds)}::uuid[], a.g,
          ${coverage(sql`a.g`, n.bufferMeters)}, ${n.bufferMeters}, ${n.startsAt}, ${n.endsAt}, ${createdBy},
          ${now}, ${now}
        FROM (SELECT ${geom(n.area)} AS g) a
        RETURNING id`,
  );
  return row!.id;
}

/** Rewrites a notice and raises its version (subscribers hear about each version once). */
export async function updateNotice(exec: Executor, id: string, n: NoticeWrite, now: Date): Promise<number> {
  const [row] = await queryRows<{ version: number }>(
    exec,
    sql`UPDATE notices SET title = ${n.title}, description = ${n.description}, kind = ${n.kind},
          organisation_id = ${n.organisationId}, category_ids = ${sql.param(n.categoryIds)}::uuid[], area = a.g,
          match_area = ${coverage(sql`a.g`, n.bufferMeters)}, buffer_meters = ${n.bufferMeters},
          starts_at = ${n.startsAt}, ends_at = ${n.endsAt}, version = version + 1, updated_at = ${now}
        FROM (SELECT ${geom(n.area)} AS g) a
        WHERE notices.id = ${id}
        RETURNING version`,
  );
  return row!.version;
}

export async function bumpVersion(exec: Executor, id: string, now: Date): Promise<number> {
  const [row] = await queryRows<{ version: number }>(
    exec,
    sql`UPDATE notices SET version = version + 1, updated_at = ${now} WHERE id = ${id} RETURNING version`,
  );
  return row!.version;
}

export async function markAnswered(exec: Executor, id: string, now: Date): Promise<void> {
  await exec.execute(sql`UPDATE notices SET answered_at = ${now} WHERE id = ${id}`);
}

export type NoticeRow = NoticeWrite & {
  id: string;
  areaJson: string;
  organisationNameRu: string;
  organisationNameEn: string;
  version: number;
  answeredAt: Date | null;
  updatedAt: Date;
};

const noticeColumns = sql`n.id, n.title, n.description, n.kind, n.organisation_id AS "organisationId",
  n.category_ids::text[] AS "categoryIds", ST_AsGeoJSON(n.area, 6) AS "areaJson", n.buffer_meters AS "bufferMeters",
  n.starts_at AS "startsAt", n.ends_at AS "endsAt", n.version, n.answered_at AS "answeredAt",
  n.updated_at AS "updatedAt", o.name_ru AS "organisationNameRu", o.name_en AS "organisationNameEn"`;

export async function findNotice(exec: Executor, id: string, lock = false): Promise<NoticeRow | undefined> {
  const [row] = await queryRows<NoticeRow>(
    exec,
    sql`SELECT ${noticeColumns} FROM notices n JOIN organisations o ON o.id = n.organisation_id
        WHERE n.id = ${id} ${lock ? sql`FOR UPDATE OF n` : sql``}`,
  );
  return row ? withDates({ ...row, area: JSON.parse(row.areaJson) as Geometry }) : undefined;
}

export type NoticeFilter = {
  bbox?: BBox | undefined;
  from: Date;
  to: Date;
  kind?: NoticeKind | undefined;
  categoryId?: string | undefined;
};

/**
 * Notices in force at some moment of [from, to] whose area meets the box: the map's query. The box
 * test uses the GiST index on the covered surface; the window test is on the rows it finds.
 */
export async function listNotices(exec: Executor, f: NoticeFilter, limit: number): Promise<NoticeRow[]> {
  const where: SQL[] = [sql`n.starts_at <= ${f.to}`, sql`n.ends_at > ${f.from}`];
  if (f.bbox)
    where.push(
      sql`n.match_area && ST_MakeEnvelope(${f.bbox.west}::float8, ${f.bbox.south}::float8, ${f.bbox.east}::float8, ${f.bbox.north}::float8, 4326)`,
    );
  if (f.kind) where.push(sql`n.kind = ${f.kind}`);
  if (f.categoryId) where.push(sql`${f.categoryId}::uuid = ANY(n.category_ids)`);
  const rows = await queryRows<Omit<NoticeRow, 'area' | 'description'>>(
    exec,
    sql`SELECT n.id, n.title, n.kind, n.organisation_id AS "organisationId", n.category_ids::text[] AS "categoryIds",
          ST_AsGeoJSON(n.area, 6) AS "areaJson", n.buffer_meters AS "bufferMeters", n.starts_at AS "startsAt",
          n.ends_at AS "endsAt", n.version, n.answered_at AS "answeredAt", n.updated_at AS "updatedAt",
          o.name_ru AS "organisationNameRu", o.name_en AS "organisationNameEn"
        FROM notices n JOIN organisations o ON o.id = n.organisation_id
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY n.starts_at DESC, n.id LIMIT ${limit}`,
  );
  return rows.map((r) => withDates({ ...r, description: '', area: JSON.parse(r.areaJson) as Geometry }));
}

export async function categoryNames(
  exec: Executor,
  ids: string[],
): Promise<{ id: string; nameRu: string; nameEn: string }[]> {
  return queryRows(
    exec,
    sql`SELECT id, name_ru AS "nameRu", name_en AS "nameEn" FROM categories WHERE id = ANY(${sql.param(ids)}::uuid[])
        ORDER BY name_ru`,
  );
}

export async function insertUpdate(
  exec: Executor,
  noticeId: string,
  text: string,
  authorId: string,
  now: Date,
): Promise<void> {
  await exec.execute(
    sql`INSERT INTO notice_updates (notice_id, text, author_id, created_at) VALUES (${noticeId}, ${text}, ${authorId}, ${now})`,
  );
}

export async function listUpdates(
  exec: Executor,
  noticeId: string,
): Promise<{ id: number; text: string; createdAt: Date }[]> {
  const rows = await queryRows<{ id: number; text: string; createdAt: Date }>(
    exec,
    sql`SELECT id::int AS id, text, created_at AS "createdAt" FROM notice_updates WHERE notice_id = ${noticeId}
        ORDER BY id DESC`,
  );
  return rows.map((r) => ({ ...r, createdAt: toDate(r.createdAt) }));
}

/** Reports linked to the notice: all of them, and those still open (not answered or finished). */
export async function linkedReportCounts(
  exec: Executor,
  noticeId: string,
): Promise<{ total: number; open: number }> {
  const [row] = await queryRows<{ total: number; open: number }>(
    exec,
    sql`SELECT count(*)::int AS total,
          count(*) FILTER (WHERE r.status NOT IN ('answered', 'resolved', 'rejected', 'merged', 'closed', 'answer_review'))::int AS open
        FROM report_notices rn JOIN reports r ON r.id = rn.report_id WHERE rn.notice_id = ${noticeId}`,
  );
  return row ?? { total: 0, open: 0 };
}

export async function linkedReports(
  exec: Executor,
  noticeId: string,
): Promise<{ id: string; number: number; status: string }[]> {
  return queryRows(
    exec,
    sql`SELECT r.id, r.number::int AS number, r.status FROM report_notices rn JOIN reports r ON r.id = rn.report_id
        WHERE rn.notice_id = ${noticeId} ORDER BY r.number`,
  );
}

// ---- what subscribers are told, and when (notice_events) ---------------------------------------

/**
 * The start and end of this version are due at the notice's times (an earlier version's pending start
 * or end is dropped: the times may have moved); a change is due at once, when the notice has started.
 */
export async function scheduleEvents(
  exec: Executor,
  noticeId: string,
  version: number,
  changed: boolean,
  now: Date,
): Promise<void> {
  await exec.execute(sql`DELETE FROM notice_events WHERE notice_id = ${noticeId} AND dispatched_at IS NULL
    AND type IN ('started', 'ended')`);
  await exec.execute(sql`INSERT INTO notice_events (notice_id, type, version, due_at)
    SELECT n.id, e.type, ${version}, e.due FROM notices n CROSS JOIN LATERAL (VALUES
        ('started', n.starts_at, NOT EXISTS (SELECT 1 FROM notice_events x WHERE x.notice_id = n.id AND x.type = 'started')),
        ('ended', n.ends_at, TRUE),
        ('changed', ${now}::timestamptz, ${changed} AND n.starts_at <= ${now} AND n.ends_at > ${now})
      ) AS e(type, due, wanted)
    WHERE n.id = ${noticeId} AND e.wanted
    ON CONFLICT (notice_id, type, version) DO NOTHING`);
}
