import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import {
  type InitiativeStatus,
  initiativeSupports,
  initiatives,
  initiativeThresholds,
} from '../../db/schema/initiatives.ts';
import { categories, territories } from '../../db/schema/reference.ts';
import { reports } from '../../db/schema/reports.ts';

export type InitiativeRow = typeof initiatives.$inferSelect;
export type InitiativeView = InitiativeRow & { reportStatus: string | null };

export async function insertInitiative(
  exec: Executor,
  row: typeof initiatives.$inferInsert,
): Promise<InitiativeRow> {
  const [created] = await exec.insert(initiatives).values(row).returning();
  return created!;
}

export async function findInitiative(
  exec: Executor,
  id: string,
  lock = false,
): Promise<InitiativeRow | undefined> {
  const q = exec.select().from(initiatives).where(eq(initiatives.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateInitiative(
  exec: Executor,
  id: string,
  patch: Partial<typeof initiatives.$inferInsert>,
): Promise<InitiativeRow> {
  const [row] = await exec.update(initiatives).set(patch).where(eq(initiatives.id, id)).returning();
  return row!;
}

const withReportStatus = { i: initiatives, reportStatus: reports.status };

export async function findView(exec: Executor, id: string): Promise<InitiativeView | undefined> {
  const [row] = await exec
    .select(withReportStatus)
    .from(initiatives)
    .leftJoin(reports, eq(reports.id, initiatives.reportId))
    .where(eq(initiatives.id, id));
  return row ? { ...row.i, reportStatus: row.reportStatus } : undefined;
}

export async function listViews(
  exec: Executor,
  f: {
    territoryId?: string | undefined;
    statuses: readonly InitiativeStatus[];
    authorId?: string | undefined;
  },
): Promise<InitiativeView[]> {
  const rows = await exec
    .select(withReportStatus)
    .from(initiatives)
    .leftJoin(reports, eq(reports.id, initiatives.reportId))
    .where(
      and(
        f.territoryId ? eq(initiatives.territoryId, f.territoryId) : undefined,
        f.authorId ? eq(initiatives.authorId, f.authorId) : undefined,
        sql`${initiatives.status} IN (${sql.join(
          f.statuses.map((s) => sql`${s}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(desc(initiatives.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r.i, reportStatus: r.reportStatus }));
}

/** A subject (a category with a parent) that residents may choose. */
export async function isSubject(exec: Executor, categoryId: string): Promise<boolean> {
  const rows = await exec
    .select({ id: categories.id })
    .from(categories)
    .where(
      and(
        eq(categories.id, categoryId),
        sql`${categories.parentId} IS NOT NULL`,
        eq(categories.isActive, true),
      ),
    );
  return rows.length > 0;
}

/** The territory's point on its surface, where a report without a point of its own is placed. */
export async function territoryPoint(
  exec: Executor,
  territoryId: string,
): Promise<{ lat: number; lon: number } | null> {
  const rows = await queryRows<{ lat: number; lon: number }>(
    exec,
    sql`SELECT ST_Y(ST_PointOnSurface(geom)) AS lat, ST_X(ST_PointOnSurface(geom)) AS lon
        FROM ${territories} WHERE id = ${territoryId}`,
  );
  return rows[0] ? { lat: Number(rows[0].lat), lon: Number(rows[0].lon) } : null;
}

export async function thresholdFor(exec: Executor, territoryId: string): Promise<number | null> {
  const [row] = await exec
    .select({ threshold: initiativeThresholds.threshold })
    .from(initiativeThresholds)
    .where(eq(initiativeThresholds.territoryId, territoryId));
  return row?.threshold ?? null;
}

export async function setThreshold(
  exec: Executor,
  territoryId: string,
  threshold: number,
  at: Date,
): Promise<void> {
  await exec
    .insert(initiativeThresholds)
    .values({ territoryId, threshold, updatedAt: at })
    .onConflictDoUpdate({ target: initiativeThresholds.territoryId, set: { threshold, updatedAt: at } });
}

/** Adds the support and counts it; false when the resident already supports the initiative. */
export async function addSupport(
  exec: Executor,
  initiativeId: string,
  userId: string,
  at: Date,
): Promise<number | null> {
  const inserted = await exec
    .insert(initiativeSupports)
    .values({ initiativeId, userId, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: initiativeSupports.userId });
  if (inserted.length === 0) return null;
  const [row] = await exec
    .update(initiatives)
    .set({ supporters: sql`${initiatives.supporters} + 1` })
    .where(eq(initiatives.id, initiativeId))
    .returning({ supporters: initiatives.supporters });
  return row!.supporters;
}

export async function isSupporter(exec: Executor, initiativeId: string, userId: string): Promise<boolean> {
  const rows = await exec
    .select({ id: initiativeSupports.userId })
    .from(initiativeSupports)
    .where(and(eq(initiativeSupports.initiativeId, initiativeId), eq(initiativeSupports.userId, userId)));
  return rows.length > 0;
}

/** The supporters follow the report the initiative became: they hear of its answer. */
export async function supportersFollowReport(
  exec: Executor,
  initiativeId: string,
  reportId: string,
  at: Date,
) {
  await exec.execute(sql`
    INSERT INTO report_followers (report_id, user_id, reason, created_at)
    SELECT ${reportId}, s.user_id, 'subscriber', ${at} FROM initiative_supports s
    JOIN initiatives i ON i.id = s.initiative_id
    WHERE s.initiative_id = ${initiativeId} AND s.user_id <> i.author_id
    ON CONFLICT DO NOTHING`);
}

/** Everyone to tell about the initiative: its supporters and its author. */
export async function supporterAndAuthorIds(exec: Executor, initiativeId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT user_id AS id FROM initiative_supports WHERE initiative_id = ${initiativeId}
        UNION SELECT author_id AS id FROM initiatives WHERE id = ${initiativeId}`,
  );
  return rows.map((r) => r.id);
}

/** Which of the photos the user may put on an initiative: their own image uploads that nothing holds yet. */
export async function usablePhotos(exec: Executor, userId: string, mediaIds: string[]): Promise<string[]> {
  if (mediaIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT m.id FROM media m
        WHERE m.id IN (${sql.join(
          mediaIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          AND m.owner_id = ${userId} AND m.report_id IS NULL AND m.thumb_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.media_ids @> ARRAY[m.id])
          AND NOT EXISTS (SELECT 1 FROM work_photos w WHERE w.media_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM discussion_attachments a WHERE a.media_id = m.id)`,
  );
  return rows.map((r) => r.id);
}

/** Collecting initiatives whose time is over (the expiry job's work list). */
export async function dueToExpire(exec: Executor, now: Date): Promise<{ id: string }[]> {
  return exec
    .select({ id: initiatives.id })
    .from(initiatives)
    .where(and(eq(initiatives.status, 'collecting'), lte(initiatives.collectUntil, now)))
    .limit(500);
}

/** Initiatives past the threshold whose report is not filed yet (a send interrupted by a crash). */
export async function unsent(exec: Executor): Promise<{ id: string }[]> {
  return exec
    .select({ id: initiatives.id })
    .from(initiatives)
    .where(and(eq(initiatives.status, 'sent'), isNull(initiatives.reportId)))
    .limit(100);
}
