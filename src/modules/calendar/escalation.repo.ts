import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { reportEvents } from '../../db/schema/reports.ts';
import { deadlineStatuses, type ReportStatus } from '../reports/report-states.ts';

/**
 * The organisation's clock runs (report-states.ts answerClockRuns): a report's stops while its
 * answer waits for review; an appeal's legal term runs on.
 */
const running = sql`(r.status IN (${sql.join(
  deadlineStatuses.filter((s) => s !== 'answer_review').map((s) => sql`${s}`),
  sql`, `,
)}) OR (r.status = 'answer_review' AND r.kind = 'appeal')) AND r.due_at IS NOT NULL`;

export type DeadlineRow = {
  id: string;
  status: ReportStatus;
  kind: 'report' | 'appeal';
  organisationId: string | null;
  dueAt: Date;
  nearlyDueAt: Date | null;
  overdueAt: Date | null;
};

/**
 * Running deadlines with an escalation step still to come, due before `horizon` (a few calendar days
 * ahead covers "one working day left" across any holiday run). Keyset-paged by id.
 */
export async function listPendingDeadlines(
  exec: Executor,
  horizon: Date,
  afterId: string | null,
  limit: number,
): Promise<DeadlineRow[]> {
  const rows = await queryRows<DeadlineRow>(
    exec,
    sql`SELECT r.id, r.status, r.kind, r.organisation_id AS "organisationId", r.due_at AS "dueAt",
          r.nearly_due_at AS "nearlyDueAt", r.overdue_at AS "overdueAt"
        FROM reports r
        WHERE ${running} AND r.escalated_at IS NULL AND r.due_at <= ${horizon.toISOString()}
          ${afterId ? sql`AND r.id > ${afterId}` : sql``}
        ORDER BY r.id LIMIT ${limit}`,
  );
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    ...r,
    dueAt: date(r.dueAt)!,
    nearlyDueAt: date(r.nearlyDueAt),
    overdueAt: date(r.overdueAt),
  }));
}

export type Mark = 'nearly_due_at' | 'overdue_at' | 'escalated_at';

/**
 * Sets the marks that are still empty, only while the deadline is the one the job looked at: a report
 * answered, re-routed or extended meanwhile (or marked by another node) is left alone. Returns
 * whether this call made the change, so that its events are written exactly once.
 */
export async function markDeadline(
  exec: Executor,
  row: Pick<DeadlineRow, 'id' | 'dueAt'>,
  marks: Mark[],
  at: Date,
): Promise<boolean> {
  const set = sql.join(
    marks.map((m) => sql`${sql.identifier(m)} = ${at.toISOString()}`),
    sql`, `,
  );
  const unset: SQL = sql.join(
    marks.map((m) => sql`r.${sql.identifier(m)} IS NULL`),
    sql` AND `,
  );
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`UPDATE reports r SET ${set}
        WHERE r.id = ${row.id} AND ${running} AND r.due_at = ${row.dueAt.toISOString()} AND ${unset}
        RETURNING r.id`,
  );
  return rows.length > 0;
}

export async function insertSystemEvents(
  exec: Executor,
  events: {
    reportId: string;
    type: string;
    status: ReportStatus;
    payload: Record<string, unknown>;
    at: Date;
  }[],
): Promise<void> {
  if (events.length === 0) return;
  await exec.insert(reportEvents).values(
    events.map((e) => ({
      reportId: e.reportId,
      type: e.type,
      fromStatus: e.status,
      toStatus: e.status,
      actorId: null,
      actorRole: 'system',
      // Internal: the staff's escalation trail; notifications are built from these events.
      isPublic: false,
      payload: e.payload,
      createdAt: e.at,
    })),
  );
}

export type DeadlineCountRow = {
  organisationId: string;
  nameRu: string;
  nameEn: string;
  running: number;
  nearlyDue: number;
  overdue: number;
  escalated: number;
  /** Answers waiting for review, and those whose review deadline has passed (counted apart). */
  inReview: number;
  reviewOverdue: number;
};

/**
 * Running deadlines per organisation: overdue from the deadline itself (right even before the job
 * has run), nearly due and escalated from the job's marks.
 */
export async function countDeadlinesByOrganisation(
  exec: Executor,
  now: Date,
  scope: { organisationId?: string; territoryId?: string },
): Promise<DeadlineCountRow[]> {
  const inReview = sql`r.status = 'answer_review'`;
  const where: SQL[] = [sql`((${running}) OR ${inReview})`, sql`r.organisation_id IS NOT NULL`];
  if (scope.organisationId) where.push(sql`r.organisation_id = ${scope.organisationId}`);
  if (scope.territoryId)
    where.push(sql`(r.territory_id = ${scope.territoryId} OR t.parent_id = ${scope.territoryId})`);
  const at = now.toISOString();
  const rows = await queryRows<DeadlineCountRow>(
    exec,
    sql`SELECT o.id AS "organisationId", o.name_ru AS "nameRu", o.name_en AS "nameEn",
          count(*) FILTER (WHERE ${running})::int AS running,
          count(*) FILTER (WHERE ${running} AND r.due_at >= ${at} AND r.nearly_due_at IS NOT NULL)::int AS "nearlyDue",
          count(*) FILTER (WHERE ${running} AND r.due_at < ${at})::int AS overdue,
          count(*) FILTER (WHERE ${running} AND r.escalated_at IS NOT NULL)::int AS escalated,
          count(*) FILTER (WHERE ${inReview})::int AS "inReview",
          count(*) FILTER (WHERE ${inReview} AND r.review_due_at < ${at})::int AS "reviewOverdue"
        FROM reports r
        JOIN organisations o ON o.id = r.organisation_id
        LEFT JOIN territories t ON t.id = r.territory_id
        WHERE ${sql.join(where, sql` AND `)}
        GROUP BY o.id, o.name_ru, o.name_en
        ORDER BY count(*) FILTER (WHERE ${running} AND r.due_at < ${at}) DESC, o.name_ru`,
  );
  return rows.map((r) => ({
    ...r,
    running: Number(r.running),
    nearlyDue: Number(r.nearlyDue),
    overdue: Number(r.overdue),
    escalated: Number(r.escalated),
    inReview: Number(r.inReview),
    reviewOverdue: Number(r.reviewOverdue),
  }));
}
