import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/connection.ts';
import {
  dateKey,
  localDateOf,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../../src/lib/working-days.ts';
import type { Summary } from '../../src/modules/analytics/analytics.schemas.ts';
import {
  deadlineStatuses,
  openStatuses,
  type ReportStatus,
} from '../../src/modules/reports/report-states.ts';
import type { TestApp } from './app.ts';

/**
 * The dashboard figures computed the slow, obvious way: every raw row read into the test, working
 * days counted day by day with the production calendar (src/lib/working-days.ts), nothing taken from
 * the analytics tables. The analytics endpoints must agree with this exactly.
 */

type Raw = {
  id: string;
  created_at: Date | string;
  answered_at: Date | string | null;
  due_at: Date | string | null;
  status: ReportStatus;
  territory_id: string | null;
  territory_parent: string | null;
  category_id: string;
  topic_id: string | null;
  organisation_id: string | null;
  redirect_count: number;
  score: number | null;
  solved: boolean | null;
  disputed: boolean;
  no_rating: boolean;
  supporters: number;
};

type Pause = {
  report_id: string;
  id: string | number;
  from_status: string | null;
  to_status: string | null;
  created_at: Date | string;
};

export type DirectFilters = { territoryId?: string; categoryId?: string; organisationId?: string };

const d = (v: Date | string): Date => new Date(v);

/** percentile_disc: the smallest value whose cumulative share reaches p. */
export function percentileDisc(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length - 1e-9) - 1)]!;
}

export async function directSummary(
  t: TestApp,
  period: { from: string; to: string },
  f: DirectFilters,
  now: Date,
  calendar: WorkingDayCalendar,
): Promise<Summary> {
  const db = t.database.db;
  const rows = await queryRows<Raw>(
    db,
    sql`SELECT r.id, r.created_at, r.answered_at, r.due_at, r.status, r.territory_id, tt.parent_id AS territory_parent,
               r.category_id, c.parent_id AS topic_id, r.organisation_id, r.redirect_count,
               (SELECT score FROM ratings ra WHERE ra.report_id = r.id ORDER BY ra.created_at DESC LIMIT 1) AS score,
               (SELECT solved FROM ratings ra WHERE ra.report_id = r.id ORDER BY ra.created_at DESC LIMIT 1) AS solved,
               EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'disputed') AS disputed,
               EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'closed'
                       AND e.payload->>'reason' = 'no_rating') AS no_rating,
               (SELECT count(*)::int FROM report_followers fo WHERE fo.report_id = r.id AND fo.reason = 'supporter') AS supporters
        FROM reports r JOIN categories c ON c.id = r.category_id LEFT JOIN territories tt ON tt.id = r.territory_id`,
  );
  const pauses = await queryRows<Pause>(
    db,
    sql`SELECT report_id, id, from_status, to_status, created_at FROM report_events
        WHERE to_status = 'clarification_requested' OR from_status = 'clarification_requested' ORDER BY id`,
  );
  const pausesOf = new Map<string, Pause[]>();
  for (const p of pauses) pausesOf.set(p.report_id, [...(pausesOf.get(p.report_id) ?? []), p]);

  const inPeriod = rows.filter((r) => {
    const day = dateKey(localDateOf(d(r.created_at)));
    if (day < period.from || day > period.to) return false;
    if (f.territoryId && r.territory_id !== f.territoryId && r.territory_parent !== f.territoryId)
      return false;
    if (f.categoryId && r.category_id !== f.categoryId && r.topic_id !== f.categoryId) return false;
    if (f.organisationId && r.organisation_id !== f.organisationId) return false;
    return true;
  });

  const answerDays = (r: Raw): number => {
    const answered = d(r.answered_at!);
    let days = workingDaysBetween(d(r.created_at), answered, calendar);
    const events = pausesOf.get(r.id) ?? [];
    events.forEach((q, i) => {
      if (q.to_status !== 'clarification_requested' || d(q.created_at) >= answered) return;
      const end = events.slice(i + 1).find((x) => x.from_status === 'clarification_requested');
      const ended = end && d(end.created_at) < answered ? d(end.created_at) : answered;
      days -= workingDaysBetween(d(q.created_at), ended, calendar);
    });
    return days;
  };

  const answered = inPeriod.filter((r) => r.answered_at !== null);
  const withDeadline = answered.filter((r) => r.due_at !== null);
  const rated = inPeriod.filter((r) => r.score !== null);
  const days = answered.map(answerDays);
  const share = (a: number, b: number) => (b ? a / b : null);
  return {
    received: inPeriod.length,
    inProgress: inPeriod.filter((r) => openStatuses.includes(r.status)).length,
    overdue: inPeriod.filter((r) => deadlineStatuses.includes(r.status) && r.due_at && d(r.due_at) < now)
      .length,
    answered: answered.length,
    answeredOnTimeShare: share(
      withDeadline.filter((r) => d(r.answered_at!) <= d(r.due_at!)).length,
      withDeadline.length,
    ),
    medianAnswerWorkingDays: percentileDisc(days, 0.5),
    p90AnswerWorkingDays: percentileDisc(days, 0.9),
    solvedShare: share(
      answered.filter((r) => r.status === 'resolved' || r.solved === true).length,
      answered.length,
    ),
    meanRating: share(
      rated.reduce((s, r) => s + (r.score ?? 0), 0),
      rated.length,
    ),
    disputeRate: share(answered.filter((r) => r.disputed).length, answered.length),
    redirectRate: share(inPeriod.filter((r) => r.redirect_count > 0).length, inPeriod.length),
    satisfiedShare: share(rated.filter((r) => (r.score ?? 0) >= 4).length, rated.length),
    supporters: inPeriod.reduce((s, r) => s + r.supporters, 0),
    closedWithoutRating: inPeriod.filter((r) => r.no_rating).length,
  };
}

/** Compares two summaries, shares and means to 1e-9. */
export function sameFigures(a: Summary, b: Summary): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(b) as (keyof Summary)[]) {
    const x = a[k];
    const y = b[k];
    const equal = typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) < 1e-9 : x === y;
    if (!equal) diff[k] = [x, y];
  }
  return diff;
}
