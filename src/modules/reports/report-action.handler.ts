/**
 * What an action handler returns and receives: handlers are pure-ish steps run inside runAction's
 * transaction (report-actions.service.ts), split over small files by subject.
 */
import type { Tx } from '../../db/connection.ts';
import type { AnswerCheck } from '../answers/index.ts';
import { answerDueAt, uncachedCalendar } from '../calendar/index.ts';
import type { Actor } from '../identity/index.ts';
import { categorySlaDays } from '../reference/index.ts';
import type { PrefetchedRules } from '../routing/index.ts';
import type { ReportAction, ReportStatus } from './report-states.ts';
import type { ReportsDeps } from './reports.deps.ts';
import type * as repo from './reports.repo.ts';
import type { ActionBodies } from './reports.schemas.ts';

export type Step = {
  /** The status after the action (may differ from the machine's default, e.g. accept → assigned). */
  status: ReportStatus;
  /** Timeline entries beyond the action's own. */
  events: { type: string; payload?: Record<string, unknown>; isPublic?: boolean; toStatus?: ReportStatus }[];
  /** Column changes on the report. */
  changes?: Partial<repo.NewReport>;
  /**
   * Changes of the report's answers (their status), written with the report's own (one statement
   * where the database allows: report-action.repo.ts).
   */
  answerChanges?: { id: string; changes: Partial<repo.NewAnswer> }[];
  /** The working answer's quality flags, stored with the action's writes (submit-answer). */
  answerCheck?: AnswerCheck;
};

export type HandlerArgs<A extends ReportAction> = {
  tx: Tx;
  deps: ReportsDeps;
  actor: Actor;
  row: repo.ReportRow;
  /** The report's answers, newest first, read with the locked row. */
  answers: repo.AnswerRow[];
  /** What the answer checks compare with, read with the locked row for this organisation (submit-answer). */
  answerCheckFacts?: { organisationId: string; raw: unknown };
  /** The routing rules in force, read with the locked row (accept). */
  prefetchedRules?: PrefetchedRules;
  body: ActionBodies[A];
  now: Date;
};

export type Handler<A extends ReportAction> = (args: HandlerArgs<A>) => Promise<Step>;

export const event = (type: string, payload: Record<string, unknown> = {}, isPublic = true) => ({
  type,
  payload,
  isPublic,
});

/**
 * A fresh answer deadline from `now` (routing, reopening), with the production calendar. An appeal's
 * 30 days run from its registration (the submission), or from `now` when it is considered anew.
 */
export async function dueDate(
  tx: Tx,
  deps: ReportsDeps,
  row: repo.ReportRow,
  now: Date,
  appealCountsFrom: 'registration' | 'now' = 'registration',
): Promise<Date | null> {
  const slaDays = await categorySlaDays(deps.db, row.categoryId, tx);
  const calendar = await (deps.calendar ?? uncachedCalendar).get(tx);
  const registeredAt = appealCountsFrom === 'now' ? now : row.createdAt;
  return answerDueAt(calendar, row.kind, { slaDays }, { routedAt: now, registeredAt });
}

/** A new deadline starts clean: the escalation job's marks belong to the previous one. */
export const freshDeadline = (dueAt: Date | null) => ({
  dueAt,
  nearlyDueAt: null,
  overdueAt: null,
  escalatedAt: null,
});
