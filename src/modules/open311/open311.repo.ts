import { and, asc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { categoryAttributes, inboundUpdates, open311Requests } from '../../db/schema/open311.ts';
import { categories } from '../../db/schema/reference.ts';
import { media, publiclyListed, reportEvents } from '../../db/schema/reports.ts';
import { queryShapedRows, rowCount, StatementShapes } from '../../db/statement-shapes.ts';
import type { ReportStatus } from '../reports/report-states.ts';

export type ServiceRow = {
  id: string;
  code: string;
  nameRu: string;
  nameEn: string;
  groupRu: string;
  groupEn: string;
  slaDays: number | null;
  hasAttributes: boolean;
};

/** Subjects residents may choose, with their topic as the group. */
export async function listServices(exec: Executor, code?: string): Promise<ServiceRow[]> {
  const only = code === undefined ? sql`` : sql` AND c.code = ${code}`;
  const rows = await queryRows<ServiceRow>(
    exec,
    sql`SELECT c.id, c.code, c.name_ru AS "nameRu", c.name_en AS "nameEn", p.name_ru AS "groupRu",
          p.name_en AS "groupEn", c.sla_days AS "slaDays",
          EXISTS (SELECT 1 FROM ${categoryAttributes} a WHERE a.category_id = c.id) AS "hasAttributes"
        FROM ${categories} c JOIN ${categories} p ON p.id = c.parent_id
        WHERE c.is_active AND p.is_active${only}
        ORDER BY p.sort_order, c.sort_order`,
  );
  return rows.map((r) => ({ ...r, slaDays: r.slaDays === null ? null : Number(r.slaDays) }));
}

export type AttributeRow = typeof categoryAttributes.$inferSelect;

export async function listAttributes(exec: Executor, categoryId: string): Promise<AttributeRow[]> {
  return exec
    .select()
    .from(categoryAttributes)
    .where(eq(categoryAttributes.categoryId, categoryId))
    .orderBy(asc(categoryAttributes.sortOrder), asc(categoryAttributes.code));
}

export async function insertAttributes(
  exec: Executor,
  rows: (typeof categoryAttributes.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await exec.insert(categoryAttributes).values(rows);
}

export async function insertOpen311Request(
  exec: Executor,
  row: typeof open311Requests.$inferInsert,
): Promise<void> {
  await exec.insert(open311Requests).values(row);
}

export async function findNumberByToken(exec: Executor, token: string): Promise<number | undefined> {
  const rows = await queryRows<{ number: number }>(
    exec,
    sql`SELECT r.number FROM ${open311Requests} q JOIN reports r ON r.id = q.report_id WHERE q.token = ${token}`,
  );
  return rows[0] ? Number(rows[0].number) : undefined;
}

/** A report as Open311 shows it: public fields only, never the author. */
export type RequestRow = {
  id: string;
  number: number;
  status: ReportStatus;
  serviceCode: string;
  serviceNameRu: string;
  serviceNameEn: string;
  slaDays: number | null;
  text: string;
  lat: number;
  lon: number;
  address: string | null;
  agencyRu: string | null;
  agencyEn: string | null;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  photoId: string | null;
  clientMediaUrl: string | null;
  attributes: Record<string, string | string[]> | null;
  answerText: string | null;
  eventNote: string | null;
};

export type RequestFilters = {
  numbers?: number[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  statuses?: readonly ReportStatus[];
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
};

/**
 * What an Open311 caller may read: reports the public may see, plus the requests its own key filed
 * (so a client can follow them through moderation). Never appeals, never private reports of others.
 * Written as a union of two branches, each newest first from its own index (the public list's
 * partial indexes; the client's requests), not as one OR that no index serves.
 */
function visibleTo(clientId: string | null): SQL {
  const publicly = sql.raw(`(${publiclyListed('r')})`);
  return clientId ? sql`(${publicly} OR q.api_client_id = ${clientId})` : publicly;
}

function visibleBranches(clientId: string | null): SQL[] {
  const publicly = sql`SELECT r.id, r.created_at, r.number FROM reports r WHERE (${sql.raw(publiclyListed('r'))})`;
  if (!clientId) return [publicly];
  return [
    publicly,
    sql`SELECT r.id, r.created_at, r.number FROM ${open311Requests} q JOIN reports r ON r.id = q.report_id
        WHERE q.api_client_id = ${clientId}`,
  ];
}

/**
 * The `requests` page runs as a named statement, planned once per connection, unless it has a map
 * box (a generic plan cannot see the box's area; the dates' range it plans as the custom plan does:
 * docs/performance.md, "Lists planned once").
 */
const requestShapes = new StatementShapes('open311');

export async function listRequests(
  exec: Executor,
  clientId: string | null,
  f: RequestFilters,
  limit: number,
  offset: number,
): Promise<RequestRow[]> {
  const where: SQL[] = [];
  const list = <T>(xs: readonly T[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  if (f.numbers) where.push(sql`r.number IN (${list(f.numbers)})`);
  // Service codes become category ids first, in a query of their own: with the ids as values the
  // planner reads one subject's month newest first from reports_public_category_idx and stops at the
  // page, where a semi-join on categories left it to fetch and sort the whole month's matches.
  if (f.serviceCodes) {
    const ids = await queryRows<{ id: string }>(
      exec,
      sql`SELECT id FROM categories WHERE code IN (${list(f.serviceCodes)})`,
    );
    if (!ids.length) return [];
    where.push(sql`r.category_id IN (${list(ids.map((c) => c.id))})`);
  }
  if (f.from) where.push(sql`r.created_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`r.created_at <= ${f.to.toISOString()}::timestamptz`);
  // Literal statuses (from the status machine's lists): the planner can match partial indexes.
  if (f.statuses) where.push(sql.raw(`r.status IN (${f.statuses.map((s) => `'${s}'`).join(', ')})`));
  if (f.bbox)
    where.push(
      sql`r.location && ST_MakeEnvelope(${f.bbox.minLon}, ${f.bbox.minLat}, ${f.bbox.maxLon}, ${f.bbox.maxLat}, 4326)`,
    );
  const branches = visibleBranches(clientId).map(
    (b) =>
      sql`(${b}${where.length ? sql` AND ${sql.join(where, sql` AND `)}` : sql``}
           ORDER BY r.created_at DESC, r.number DESC LIMIT ${rowCount(offset + limit)})`,
  );
  const rows = await queryShapedRows<RequestRow>(
    exec,
    requestShapes,
    sql`WITH page AS (
          SELECT u.id, u.created_at, u.number FROM (${sql.join(branches, sql` UNION `)}) u
          ORDER BY u.created_at DESC, u.number DESC LIMIT ${rowCount(limit)} OFFSET ${rowCount(offset)})
        SELECT r.id, r.number, r.status, c.code AS "serviceCode", c.name_ru AS "serviceNameRu",
          c.name_en AS "serviceNameEn", c.sla_days AS "slaDays", r.text, ST_Y(r.location) AS lat,
          ST_X(r.location) AS lon, r.address, o.name_ru AS "agencyRu", o.name_en AS "agencyEn",
          r.due_at AS "dueAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
          (SELECT m.id FROM media m WHERE m.report_id = r.id AND m.purpose = 'report'
            ORDER BY m.created_at LIMIT 1) AS "photoId",
          q.media_url AS "clientMediaUrl", q.attributes,
          (SELECT a.text FROM answers a WHERE a.report_id = r.id AND a.status = 'published'
            ORDER BY a.published_at DESC LIMIT 1) AS "answerText",
          (SELECT coalesce(e.payload->>'reason', e.payload->>'comment') FROM report_events e
            WHERE e.report_id = r.id AND e.is_public AND (e.payload ? 'reason' OR e.payload ? 'comment')
              -- Only a note given with or since the latest change of status (one action's events
              -- share their time): an older one, such as an unmerge's comment after a re-merge,
              -- explains a status the report no longer has.
              AND e.created_at >= (SELECT max(s.created_at) FROM report_events s
                WHERE s.report_id = r.id AND s.is_public AND s.from_status IS DISTINCT FROM s.to_status)
            ORDER BY e.id DESC LIMIT 1) AS "eventNote"
        FROM page p
        JOIN reports r ON r.id = p.id
        JOIN categories c ON c.id = r.category_id
        LEFT JOIN organisations o ON o.id = r.organisation_id
        LEFT JOIN ${open311Requests} q ON q.report_id = r.id
        ORDER BY p.created_at DESC, p.number DESC`,
    !f.bbox,
  );
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    ...r,
    number: Number(r.number),
    lat: Number(r.lat),
    lon: Number(r.lon),
    slaDays: r.slaDays === null ? null : Number(r.slaDays),
    dueAt: date(r.dueAt),
    createdAt: date(r.createdAt)!,
    updatedAt: date(r.updatedAt)!,
  }));
}

/** Public timeline entries of several reports at once (extensions=true). */
export async function listPublicEvents(exec: Executor, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return exec
    .select({
      reportId: reportEvents.reportId,
      type: reportEvents.type,
      toStatus: reportEvents.toStatus,
      payload: reportEvents.payload,
      createdAt: reportEvents.createdAt,
    })
    .from(reportEvents)
    .where(and(inArray(reportEvents.reportId, reportIds), eq(reportEvents.isPublic, true)))
    .orderBy(asc(reportEvents.id));
}

/** Photos of the problem and of the work done (extensions=true). */
export async function listPhotos(exec: Executor, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return exec
    .select({ id: media.id, reportId: media.reportId, purpose: media.purpose, createdAt: media.createdAt })
    .from(media)
    .where(
      and(inArray(media.reportId, reportIds), isNotNull(media.purpose), sql`${media.purpose} <> 'dispute'`),
    )
    .orderBy(asc(media.createdAt));
}

export type UpdateRow = {
  id: number;
  number: number;
  type: string;
  toStatus: ReportStatus;
  createdAt: Date;
  note: string | null;
  answerText: string | null;
  answerResult: string | null;
};

/**
 * Status changes on the public timeline (mySociety servicerequestupdates), oldest first, of reports
 * the caller may read; a client's own updates are not echoed back to it.
 */
export async function listUpdates(
  exec: Executor,
  clientId: string | null,
  excludeActorId: string | null,
  from: Date,
  to: Date,
  limit: number,
  offset: number,
): Promise<UpdateRow[]> {
  const notMine = excludeActorId ? sql` AND e.actor_id IS DISTINCT FROM ${excludeActorId}` : sql``;
  const rows = await queryRows<UpdateRow>(
    exec,
    sql`SELECT e.id, r.number, e.type, e.to_status AS "toStatus", e.created_at AS "createdAt",
          coalesce(e.payload->>'reason', e.payload->>'comment') AS note,
          a.text AS "answerText", a.result AS "answerResult"
        FROM report_events e
        JOIN reports r ON r.id = e.report_id
        LEFT JOIN ${open311Requests} q ON q.report_id = r.id
        LEFT JOIN answers a ON a.id::text = e.payload->>'answerId'
        WHERE e.is_public AND e.to_status IS NOT NULL
          AND e.created_at >= ${from.toISOString()}::timestamptz AND e.created_at <= ${to.toISOString()}::timestamptz
          AND ${visibleTo(clientId)}${notMine}
        ORDER BY e.id
        LIMIT ${limit} OFFSET ${offset}`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    number: Number(r.number),
    createdAt: new Date(r.createdAt),
  }));
}

export async function findReportIdByNumber(exec: Executor, number: number): Promise<string | undefined> {
  const rows = await queryRows<{ id: string }>(exec, sql`SELECT id FROM reports WHERE number = ${number}`);
  return rows[0]?.id;
}

/** Records an external update id; false when this client already sent it (a retry). */
export async function recordInboundUpdate(
  exec: Executor,
  row: typeof inboundUpdates.$inferInsert,
): Promise<boolean> {
  const rows = await exec
    .insert(inboundUpdates)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: inboundUpdates.id });
  return rows.length > 0;
}

export async function findInboundUpdate(exec: Executor, apiClientId: string, externalId: string) {
  const rows = await exec
    .select({ eventId: inboundUpdates.eventId })
    .from(inboundUpdates)
    .where(and(eq(inboundUpdates.apiClientId, apiClientId), eq(inboundUpdates.externalId, externalId)));
  return rows[0];
}

export async function lastEventId(exec: Executor, reportId: string): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    exec,
    sql`SELECT max(id) AS id FROM report_events WHERE report_id = ${reportId}`,
  );
  return Number(rows[0]?.id ?? 0);
}
