/**
 * The report status machine (PRODUCT.md §2 B–C). Pure data and pure functions: which action moves a
 * report from which statuses to which status. Who may run an action is the policy's business.
 */
export const reportStatuses = [
  'submitted',
  'clarification_requested',
  'rejected',
  'accepted',
  'assigned',
  'in_progress',
  'answer_drafted',
  'answer_review',
  'answered',
  'resolved',
  'disputed',
  'reopened',
  'merged',
  'closed',
] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const reportActions = [
  'accept',
  'reject',
  'request-clarification',
  'clarify',
  'assign',
  'start',
  'draft-answer',
  'submit-answer',
  'publish-answer',
  'return-answer',
  'rate',
  'dispute',
  'reopen',
  'close',
  'recategorise',
  'redirect',
  'extend-deadline',
  // Duplicates (src/modules/duplicates): a duplicate joins its primary report, and can be split off again.
  'merge',
  'unmerge',
] as const;
export type ReportAction = (typeof reportActions)[number];

/** Statuses in which a report is finished: nothing but reading is possible. */
export const finalStatuses: readonly ReportStatus[] = ['rejected', 'merged', 'closed'];

/** Statuses in which the report is open work for someone. */
export const openStatuses: readonly ReportStatus[] = reportStatuses.filter(
  (s) => !['rejected', 'merged', 'closed', 'resolved', 'answered'].includes(s),
);

/** Statuses in which the organisation owes an answer, so its deadline runs. */
export const deadlineStatuses: readonly ReportStatus[] = [
  'assigned',
  'in_progress',
  'answer_drafted',
  'answer_review',
  'reopened',
];

/**
 * Whether the organisation's answer clock runs (its deadline can pass and be escalated). Once it
 * submits an answer for review the clock of a report stops, and the review has its own deadline;
 * a 59-ФЗ appeal's legal term runs on regardless.
 */
export function answerClockRuns(status: ReportStatus, kind: 'report' | 'appeal'): boolean {
  if (status === 'answer_review') return kind === 'appeal';
  return deadlineStatuses.includes(status);
}

type Transition = {
  from: readonly ReportStatus[];
  /** The target status; `same` keeps the status (e.g. rating a report that stays answered). */
  to: ReportStatus | 'same';
};

export const transitions: Record<ReportAction, Transition> = {
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted', 'clarification_requested'], to: 'rejected' },
  // The moderator asks before accepting; the organisation's operator may ask while working on it.
  'request-clarification': {
    from: ['submitted', 'assigned', 'in_progress', 'reopened'],
    to: 'clarification_requested',
  },
  // The author's answer returns the report to where it was (the handler picks it; default: moderation).
  clarify: { from: ['clarification_requested'], to: 'submitted' },
  assign: { from: ['accepted'], to: 'assigned' },
  start: { from: ['assigned', 'reopened'], to: 'in_progress' },
  'draft-answer': { from: ['in_progress', 'answer_drafted'], to: 'answer_drafted' },
  'submit-answer': { from: ['answer_drafted'], to: 'answer_review' },
  'publish-answer': { from: ['answer_review'], to: 'answered' },
  'return-answer': { from: ['answer_review'], to: 'answer_drafted' },
  // Rating "solved" resolves the report; rating "not solved" leaves it answered (and disputable).
  rate: { from: ['answered'], to: 'same' },
  dispute: { from: ['answered', 'resolved'], to: 'disputed' },
  reopen: { from: ['disputed'], to: 'reopened' },
  close: {
    from: [
      'submitted',
      'clarification_requested',
      'accepted',
      'assigned',
      'in_progress',
      'answer_drafted',
      'answer_review',
      'answered',
      'resolved',
      'disputed',
      'reopened',
    ],
    to: 'closed',
  },
  // Staff correct the resident's choice of subject; the status stays (and the classifier learns).
  recategorise: {
    from: ['submitted', 'clarification_requested', 'accepted', 'assigned', 'in_progress', 'reopened'],
    to: 'same',
  },
  // The organisation hands the report to another one; a third hand-over, or a return to an
  // organisation that already had it, sends it to the curator instead (the handler decides).
  redirect: { from: ['assigned', 'in_progress', 'reopened'], to: 'assigned' },
  // The organisation's one extension of a running deadline (docs/deadlines.md); the status stays.
  'extend-deadline': { from: deadlineStatuses, to: 'same' },
  // Only an open report can be a duplicate; the primary is checked by the merge handler.
  merge: { from: openStatuses, to: 'merged' },
  // Back to the status the report had before the merge (recorded with the merge): the handler says which.
  unmerge: { from: ['merged'], to: 'same' },
};

export function canTransition(action: ReportAction, status: ReportStatus): boolean {
  return transitions[action].from.includes(status);
}

/** The status after `action`; throws when the machine does not allow it (callers check first). */
export function nextStatus(action: ReportAction, status: ReportStatus): ReportStatus {
  const t = transitions[action];
  if (!t.from.includes(status)) throw new Error(`transition ${action} not allowed from ${status}`);
  return t.to === 'same' ? status : t.to;
}
