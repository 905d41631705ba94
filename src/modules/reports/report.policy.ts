import type { Actor } from '../identity/index.ts';
import { canTransition, type ReportAction, type ReportStatus, reportActions } from './report-states.ts';

/** What the policy needs to know about a report. */
export type ReportFacts = {
  status: ReportStatus;
  kind: 'report' | 'appeal';
  authorId: string;
  isPublic: boolean;
  organisationId: string | null;
  territoryId: string | null;
  territoryParentId: string | null;
  answeredAt: Date | null;
  /** Whether the author already rated the current published answer. */
  ratedCurrentAnswer: boolean;
  /** The curator settled a ping-pong: the organisation may not hand the report on. */
  assignmentBinding?: boolean;
  /** The answer deadline, and whether it was already extended (once per report). */
  dueAt?: Date | null;
  deadlineExtended?: boolean;
};

/** Reports the public may see once a moderator has let them through. */
const hiddenFromPublic: readonly ReportStatus[] = ['submitted', 'clarification_requested', 'rejected'];

export function isPubliclyVisible(r: Pick<ReportFacts, 'isPublic' | 'kind' | 'status'>): boolean {
  return r.isPublic && r.kind === 'report' && !hiddenFromPublic.includes(r.status);
}

/**
 * Internal timeline events even the report's author does not see: the review of an answer (its
 * submission, and its return with the reviewer's comment) and the escalation trail. The author sees
 * the other internal events (the questions put to them, that an answer is being prepared).
 */
export const staffOnlyEvents: readonly string[] = [
  'answer_submitted',
  'answer_returned',
  'deadline_nearly_due',
  'deadline_overdue',
  'escalated',
];

export function inCuratorScope(r: ReportFacts, actor: Actor): boolean {
  if (actor.role !== 'curator' || !actor.territoryId) return false;
  return r.territoryId === actor.territoryId || r.territoryParentId === actor.territoryId;
}

function isOperatorOf(r: ReportFacts, actor: Actor): boolean {
  return (
    actor.role === 'operator' && actor.organisationId !== null && r.organisationId === actor.organisationId
  );
}

export function isAuthor(r: ReportFacts, actor: Actor | null): boolean {
  return actor !== null && r.authorId === actor.id;
}

export function canView(r: ReportFacts, actor: Actor | null): boolean {
  if (actor) {
    if (isAuthor(r, actor)) return true;
    if (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'analyst') return true;
    if (inCuratorScope(r, actor) || isOperatorOf(r, actor)) return true;
  }
  return isPubliclyVisible(r);
}

/** Staff who handle the report see its author's name and e-mail (and each such read is audited). */
export function canSeeAuthorData(r: ReportFacts, actor: Actor | null): boolean {
  if (!actor) return false;
  return (
    actor.role === 'admin' || actor.role === 'moderator' || inCuratorScope(r, actor) || isOperatorOf(r, actor)
  );
}

/**
 * The internal timeline (residents' clarification answers, review steps, internal notes) is for the
 * author and the staff who handle the report, not for everyone who may see the report: an operator of
 * another organisation or the analyst gets the public timeline (docs/security.md).
 */
export function canSeeInternalTimeline(r: ReportFacts, actor: Actor | null): boolean {
  return isAuthor(r, actor) || canSeeAuthorData(r, actor);
}

/** Staff who handle the answer see drafts and answers under review. */
export function canSeeAnswerDraft(r: ReportFacts, actor: Actor | null): boolean {
  return canSeeAuthorData(r, actor);
}

const moderatorLike = (a: Actor) => a.role === 'moderator' || a.role === 'admin';

/** Who may run each action, regardless of the status (the state machine checks that). */
export function roleAllows(action: ReportAction, r: ReportFacts, actor: Actor): boolean {
  const admin = actor.role === 'admin';
  switch (action) {
    case 'accept':
    case 'reject':
      return moderatorLike(actor);
    case 'request-clarification':
      // The moderator (before acceptance or later) and the organisation that works on it.
      return moderatorLike(actor) || isOperatorOf(r, actor);
    case 'clarify':
    case 'rate':
    case 'dispute':
      return isAuthor(r, actor);
    case 'assign':
    case 'close':
      return admin || inCuratorScope(r, actor);
    case 'start':
    case 'draft-answer':
    case 'submit-answer':
      return admin || isOperatorOf(r, actor);
    case 'publish-answer':
    case 'return-answer':
    case 'reopen':
      return moderatorLike(actor) || inCuratorScope(r, actor);
    case 'recategorise':
      return moderatorLike(actor) || inCuratorScope(r, actor) || isOperatorOf(r, actor);
    case 'redirect':
      return admin || inCuratorScope(r, actor) || isOperatorOf(r, actor);
    case 'extend-deadline':
      return admin || isOperatorOf(r, actor);
    case 'merge':
    case 'unmerge':
      // An operator merges only their own organisation's reports (this one, and the primary: the merge
      // handler checks it); another organisation's report goes to the moderator or the curator
      // (docs/security.md, policy decisions).
      return moderatorLike(actor) || inCuratorScope(r, actor) || isOperatorOf(r, actor);
  }
}

/** Conditions beyond role and status (time windows, one rating per answer). */
export function conditionAllows(
  action: ReportAction,
  r: ReportFacts,
  actor: Actor,
  now: Date,
  disputeWindowDays: number,
): boolean {
  if (action === 'rate') return !r.ratedCurrentAnswer;
  if (action === 'dispute') return withinDisputeWindow(r, now, disputeWindowDays);
  // After a ping-pong the curator's assignment binds the organisation (the curator may still move it).
  if (action === 'redirect') return !(r.assignmentBinding && actor.role === 'operator');
  if (action === 'extend-deadline') return extensionRefusal(r) === null;
  // A 59-ФЗ appeal needs its own answer: it is never merged.
  if (action === 'merge') return r.kind === 'report';
  return true;
}

type ConditionRefusal =
  | 'dispute_window_closed'
  | 'already_rated'
  | 'redirect_binding_decision'
  | 'deadline_not_running'
  | 'deadline_already_extended';

/** The error for an action the conditions refuse. */
export function conditionRefusal(action: ReportAction, r: ReportFacts): ConditionRefusal {
  if (action === 'dispute') return 'dispute_window_closed';
  if (action === 'redirect') return 'redirect_binding_decision';
  if (action === 'extend-deadline') return extensionRefusal(r) ?? 'deadline_not_running';
  return 'already_rated';
}

/** Why a deadline cannot be extended, or null when it can: a running deadline, extended only once. */
export function extensionRefusal(
  r: Pick<ReportFacts, 'dueAt' | 'deadlineExtended'>,
): 'deadline_not_running' | 'deadline_already_extended' | null {
  if (!r.dueAt) return 'deadline_not_running';
  return r.deadlineExtended ? 'deadline_already_extended' : null;
}

export function disputeDeadline(r: Pick<ReportFacts, 'answeredAt'>, disputeWindowDays: number): Date | null {
  if (!r.answeredAt) return null;
  return new Date(r.answeredAt.getTime() + disputeWindowDays * 24 * 60 * 60 * 1000);
}

export function withinDisputeWindow(
  r: Pick<ReportFacts, 'answeredAt'>,
  now: Date,
  disputeWindowDays: number,
): boolean {
  const until = disputeDeadline(r, disputeWindowDays);
  return until !== null && now.getTime() <= until.getTime();
}

/** The actions this actor may run now: returned with the report so the UI never re-implements rules. */
export function allowedActions(
  r: ReportFacts,
  actor: Actor | null,
  now: Date,
  disputeWindowDays: number,
): ReportAction[] {
  if (!actor) return [];
  return reportActions.filter(
    (a) =>
      canTransition(a, r.status) &&
      roleAllows(a, r, actor) &&
      conditionAllows(a, r, actor, now, disputeWindowDays),
  );
}
