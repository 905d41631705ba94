import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../identity/index.ts';
import type { CalendarSource } from './calendar-store.ts';
import { NEARLY_DUE_WORKING_DAYS, workingDaysLeft } from './deadlines.ts';
import * as repo from './escalation.repo.ts';

export type EscalationDeps = {
  db: Db;
  clock: Clock;
  calendar: CalendarSource;
  /** Working days overdue after which the curator is alerted (ESCALATE_AFTER_WORKING_DAYS). */
  escalateAfterWorkingDays: number;
};

export type EscalationResult = { nearlyDue: number; overdue: number; escalated: number };

/** How far ahead to look: one working day left can be two weeks away across the New Year holidays. */
const HORIZON_MS = 16 * DAY_MS;
const PAGE = 200;

/**
 * One pass of the escalation: every running deadline that is nearly due (≤ 1 working day left),
 * overdue, or overdue for M working days gets its mark and an internal timeline event —
 * 'deadline_nearly_due' and 'deadline_overdue' for the operator, 'escalated' {level: 'curator'}
 * for the curator. The marks live on the report, so a second pass (or a pass after a restart, or on
 * another node) finds nothing new; a new deadline (extension, re-routing, reopening) clears them.
 */
export async function runDeadlineEscalation(deps: EscalationDeps): Promise<EscalationResult> {
  const now = deps.clock.now();
  const calendar = await deps.calendar.get(deps.db);
  const result: EscalationResult = { nearlyDue: 0, overdue: 0, escalated: 0 };
  let afterId: string | null = null;
  for (;;) {
    const rows = await repo.listPendingDeadlines(
      deps.db,
      new Date(now.getTime() + HORIZON_MS),
      afterId,
      PAGE,
    );
    for (const row of rows) {
      const left = workingDaysLeft(calendar, row.dueAt, now);
      const overdue = now.getTime() > row.dueAt.getTime();
      const marks: repo.Mark[] = [];
      const events: { type: string; payload: Record<string, unknown> }[] = [];
      const base = { dueAt: row.dueAt.toISOString(), organisationId: row.organisationId };
      if (!row.nearlyDueAt && (overdue || left <= NEARLY_DUE_WORKING_DAYS)) {
        marks.push('nearly_due_at');
        // An overdue report that was never nearly due (the job was down) skips straight to overdue.
        if (!overdue) events.push({ type: 'deadline_nearly_due', payload: { ...base, notify: 'operator' } });
      }
      if (overdue && !row.overdueAt) {
        marks.push('overdue_at');
        events.push({ type: 'deadline_overdue', payload: { ...base, notify: 'operator' } });
      }
      if (overdue && -left >= deps.escalateAfterWorkingDays) {
        marks.push('escalated_at');
        events.push({
          type: 'escalated',
          payload: { ...base, level: 'curator', overdueWorkingDays: -left, notify: 'curator' },
        });
      }
      if (marks.length === 0) continue;
      const changed = await deps.db.transaction(async (tx) => {
        if (!(await repo.markDeadline(tx, row, marks, now))) return false;
        await repo.insertSystemEvents(
          tx,
          events.map((e) => ({ ...e, reportId: row.id, status: row.status, at: now })),
        );
        return true;
      });
      if (!changed) continue;
      for (const e of events) {
        if (e.type === 'deadline_nearly_due') result.nearlyDue += 1;
        if (e.type === 'deadline_overdue') result.overdue += 1;
        if (e.type === 'escalated') result.escalated += 1;
      }
    }
    if (rows.length < PAGE) break;
    afterId = rows[rows.length - 1]!.id;
  }
  return result;
}

/** Overdue counts per organisation, scoped: operators their organisation, curators their territory. */
export async function deadlineSummary(deps: Pick<EscalationDeps, 'db' | 'clock'>, actor: Actor) {
  let scope: { organisationId?: string; territoryId?: string };
  if (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'analyst') scope = {};
  else if (actor.role === 'operator' && actor.organisationId)
    scope = { organisationId: actor.organisationId };
  else if (actor.role === 'curator' && actor.territoryId) scope = { territoryId: actor.territoryId };
  else throw new AppError('forbidden');
  const rows = await repo.countDeadlinesByOrganisation(deps.db, deps.clock.now(), scope);
  return {
    items: rows.map((r) => ({
      organisation: { id: r.organisationId, name: { ru: r.nameRu, en: r.nameEn } },
      running: r.running,
      nearlyDue: r.nearlyDue,
      overdue: r.overdue,
      escalated: r.escalated,
      inReview: r.inReview,
      reviewOverdue: r.reviewOverdue,
    })),
  };
}
