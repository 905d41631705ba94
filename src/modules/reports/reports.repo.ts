import { and, desc, eq, getTableColumns, inArray, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { answers, media, ratings, reportEvents, reports } from '../../db/schema/reports.ts';
import { renderedOnce } from '../../db/sql-text.ts';

export type NewReport = typeof reports.$inferInsert;
export type AnswerRow = typeof answers.$inferSelect;
export type NewAnswer = typeof answers.$inferInsert;
export type NewEvent = typeof reportEvents.$inferInsert;

/**
 * Columns of `reports` left out of the row the code works with: the point is given as lat/lon, the
 * idempotency bookkeeping is read on its own (findByIdempotencyKey), and the stored search vector is
 * the search's and the duplicates check's, in SQL (sent with every row of every list, it cost
 * PostgreSQL its text form and the server its parsing). Every other column is in the row, its select
 * list and its decoding without being named here (docs/decisions/0002).
 */
const notInRow = ['location', 'idempotencyKey', 'requestHash', 'search'] as const;

/** One report with the names it is shown with. */
export type ReportRow = Omit<typeof reports.$inferSelect, (typeof notInRow)[number]> & {
  lat: number;
  lon: number;
  categoryCode: string;
  categoryNameRu: string;
  categoryNameEn: string;
  territoryParentId: string | null;
  territoryNameRu: string | null;
  territoryNameEn: string | null;
  organisationNameRu: string | null;
  organisationNameEn: string | null;
  thumbMediaId: string | null;
};

export const rowColumns = Object.entries(getTableColumns(reports)).filter(
  ([key]) => !(notInRow as readonly string[]).includes(key),
);

/**
 * The report's own fields over `reports r` (or anything with its columns as r): the schema's columns
 * under their property names, then the point.
 */
export const reportColumnFields: SQL = renderedOnce(
  sql.join(
    [
      ...rowColumns.map(([key, column]) => sql`r.${sql.identifier(column.name)} AS ${sql.identifier(key)}`),
      sql`ST_Y(r.location) AS lat, ST_X(r.location) AS lon`,
    ],
    sql`, `,
  ),
);

/** The whole select list of a ReportRow over `reports r` with reportJoins (c, t, o). */
export const reportRowFields: SQL = renderedOnce(
  sql.join(
    [
      reportColumnFields,
      sql`c.code AS "categoryCode",
    c.name_ru AS "categoryNameRu", c.name_en AS "categoryNameEn", t.parent_id AS "territoryParentId",
    t.name_ru AS "territoryNameRu", t.name_en AS "territoryNameEn",
    o.name_ru AS "organisationNameRu", o.name_en AS "organisationNameEn",
    (SELECT m.id FROM media m WHERE m.report_id = r.id AND m.purpose = 'report' ORDER BY m.created_at LIMIT 1) AS "thumbMediaId"`,
    ],
    sql`, `,
  ),
);

/** The joins reportRowFields reads from, after `reports r`. */
export const reportJoins: SQL = sql`JOIN categories c ON c.id = r.category_id
  LEFT JOIN territories t ON t.id = r.territory_id
  LEFT JOIN organisations o ON o.id = r.organisation_id`;

const selectReport = sql`SELECT ${reportRowFields} FROM reports r ${reportJoins}`;

/**
 * Raw SQL gives numbers, timestamps and JSON as the driver likes; each column is decoded as Drizzle
 * decodes it, so the rest of the code gets one shape.
 */
export function decodeReportRow(raw: Record<string, unknown>): ReportRow {
  const row: Record<string, unknown> = { ...raw, lat: Number(raw.lat), lon: Number(raw.lon) };
  for (const [key, column] of rowColumns) {
    const value = raw[key];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as ReportRow;
}

export async function findReport(
  exec: Executor,
  id: string,
  forUpdate = false,
): Promise<ReportRow | undefined> {
  const lock = forUpdate ? sql` FOR UPDATE OF r` : sql``;
  const rows = await queryRows<Record<string, unknown>>(exec, sql`${selectReport} WHERE r.id = ${id}${lock}`);
  return rows[0] ? decodeReportRow(rows[0]) : undefined;
}

export async function findByIdempotencyKey(
  exec: Executor,
  authorId: string,
  key: string,
): Promise<{ id: string; requestHash: string | null } | undefined> {
  const rows = await exec
    .select({ id: reports.id, requestHash: reports.requestHash })
    .from(reports)
    .where(and(eq(reports.authorId, authorId), eq(reports.idempotencyKey, key)))
    .limit(1);
  return rows[0];
}

export async function updateReport(exec: Executor, id: string, values: Partial<NewReport>): Promise<void> {
  await exec.update(reports).set(values).where(eq(reports.id, id));
}

export async function insertEvents(exec: Executor, events: NewEvent[]): Promise<void> {
  if (events.length > 0) await exec.insert(reportEvents).values(events);
}

/** Every organisation that has had the report: routed, assigned or redirected to it. */
export async function organisationHistory(exec: Executor, reportId: string): Promise<string[]> {
  const rows = await queryRows<{ organisationId: string }>(
    exec,
    sql`SELECT DISTINCT COALESCE(payload->>'toOrganisationId', payload->>'organisationId') AS "organisationId"
        FROM report_events
        WHERE report_id = ${reportId} AND type IN ('routed', 'assigned', 'redirected')`,
  );
  return rows.map((r) => r.organisationId).filter((id): id is string => Boolean(id));
}

/**
 * A report's timeline: the public events only; or every event but the internal ones of the listed
 * types (`internalExcept`: the author's view); or everything (`internalExcept: []`, staff).
 */
export async function listEvents(
  exec: Executor,
  reportId: string,
  scope: { publicOnly: true } | { publicOnly: false; internalExcept: readonly string[] },
) {
  const own = eq(reportEvents.reportId, reportId);
  const where = scope.publicOnly
    ? and(own, eq(reportEvents.isPublic, true))
    : scope.internalExcept.length > 0
      ? and(
          own,
          or(eq(reportEvents.isPublic, true), notInArray(reportEvents.type, [...scope.internalExcept])),
        )
      : own;
  return exec.select().from(reportEvents).where(where).orderBy(reportEvents.id);
}

// ---- listing -----------------------------------------------------------------------------------

export type Visibility =
  | { kind: 'all' }
  | { kind: 'scoped'; userId: string | null; organisationId: string | null; territoryId: string | null };

export function visibilitySql(v: Visibility): SQL {
  if (v.kind === 'all') return sql`TRUE`;
  const parts: SQL[] = [
    sql`(r.is_public AND r.kind = 'report' AND r.status NOT IN ('submitted', 'clarification_requested', 'rejected'))`,
  ];
  if (v.userId) parts.push(sql`r.author_id = ${v.userId}`);
  if (v.organisationId) parts.push(sql`r.organisation_id = ${v.organisationId}`);
  if (v.territoryId) parts.push(sql`(r.territory_id = ${v.territoryId} OR t.parent_id = ${v.territoryId})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

// ---- media ---------------------------------------------------------------------------------------

/** Attaches the owner's unattached uploads; returns the ids that could be attached. */
export async function attachMedia(
  exec: Executor,
  ids: string[],
  ownerId: string,
  link: { reportId: string; answerId?: string; purpose: 'report' | 'answer' | 'dispute' },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await exec
    .update(media)
    .set({ reportId: link.reportId, answerId: link.answerId ?? null, purpose: link.purpose })
    .where(and(inArray(media.id, ids), eq(media.ownerId, ownerId), isNull(media.reportId)))
    .returning({ id: media.id });
  return rows.map((r) => r.id);
}

export async function listMedia(exec: Executor, reportId: string) {
  return exec
    .select({ id: media.id, purpose: media.purpose, answerId: media.answerId })
    .from(media)
    .where(eq(media.reportId, reportId))
    .orderBy(media.createdAt);
}

// ---- answers and ratings ---------------------------------------------------------------------------

export async function listAnswers(exec: Executor, reportId: string): Promise<AnswerRow[]> {
  return exec.select().from(answers).where(eq(answers.reportId, reportId)).orderBy(desc(answers.createdAt));
}

export async function insertAnswer(exec: Executor, values: typeof answers.$inferInsert): Promise<AnswerRow> {
  const rows = await exec.insert(answers).values(values).returning();
  return rows[0]!;
}

export async function updateAnswer(exec: Executor, id: string, values: Partial<typeof answers.$inferInsert>) {
  await exec.update(answers).set(values).where(eq(answers.id, id));
}

export async function findRating(exec: Executor, answerId: string, authorId: string) {
  const rows = await exec
    .select()
    .from(ratings)
    .where(and(eq(ratings.answerId, answerId), eq(ratings.authorId, authorId)))
    .limit(1);
  return rows[0];
}

export async function insertRating(exec: Executor, values: typeof ratings.$inferInsert): Promise<boolean> {
  const rows = await exec.insert(ratings).values(values).onConflictDoNothing().returning({ id: ratings.id });
  return rows.length > 0;
}

/** The notices that explain a report (linked by the intake statement), soonest ending first. */
export async function listReportNotices(
  exec: Executor,
  reportId: string,
): Promise<{ id: string; title: string; endsAt: string }[]> {
  const rows = await queryRows<{ id: string; title: string; endsAt: Date | string }>(
    exec,
    sql`SELECT n.id, n.title, n.ends_at AS "endsAt" FROM report_notices rn JOIN notices n ON n.id = rn.notice_id
        WHERE rn.report_id = ${reportId} ORDER BY n.ends_at, n.id`,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, endsAt: new Date(r.endsAt).toISOString() }));
}

/** The city object a report points at, if any. */
export async function findReportObject(
  exec: Executor,
  reportId: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await queryRows<{ id: string; name: string }>(
    exec,
    sql`SELECT c.id, c.name FROM report_objects ro JOIN city_objects c ON c.id = ro.object_id
        WHERE ro.report_id = ${reportId}`,
  );
  return row ?? null;
}

/** Points a new report at a city object; false when there is no such object. */
export async function linkReportObject(exec: Executor, reportId: string, objectId: string): Promise<boolean> {
  const rows = await queryRows<{ report_id: string }>(
    exec,
    sql`INSERT INTO report_objects (report_id, object_id)
        SELECT ${reportId}, id FROM city_objects WHERE id = ${objectId} RETURNING report_id`,
  );
  return rows.length > 0;
}
