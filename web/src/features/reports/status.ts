import type { ReportStatus } from '@shared/reports/report-states.ts';

/** Colour groups for badges (CSS class `badge--<tone>`) and map markers. */
export type StatusTone = 'new' | 'waiting' | 'work' | 'review' | 'done' | 'problem' | 'final';

export const statusTone: Record<ReportStatus, StatusTone> = {
  submitted: 'new',
  clarification_requested: 'waiting',
  accepted: 'work',
  assigned: 'work',
  in_progress: 'work',
  answer_drafted: 'review',
  answer_review: 'review',
  answered: 'done',
  resolved: 'done',
  disputed: 'problem',
  reopened: 'problem',
  rejected: 'final',
  merged: 'final',
  closed: 'final',
};

/** Marker fill colours; each passes 3:1 against the white outline and light tiles (WCAG 1.4.11). */
export const toneColour: Record<StatusTone, string> = {
  new: '#1d5fbf',
  waiting: '#a15c00',
  work: '#5b3fc4',
  review: '#8a2aa3',
  done: '#16703d',
  problem: '#c2410c',
  final: '#5b6470',
};

/** Filter presets offered before the individual statuses. */
export const statusPresets: Record<string, readonly ReportStatus[]> = {
  open: [
    'submitted',
    'clarification_requested',
    'accepted',
    'assigned',
    'in_progress',
    'answer_drafted',
    'answer_review',
    'disputed',
    'reopened',
  ],
  answered: ['answered', 'resolved'],
};

/**
 * The resident's views of their own reports: what waits for them (a question to answer, an answer to
 * rate or dispute) first, then what is being handled, what ended well and what ended otherwise.
 */
export const myReportViews = {
  all: undefined,
  yourTurn: ['clarification_requested', 'answered'],
  // Unfinished, less what waits for the resident.
  open: statusPresets.open!.filter((s) => s !== 'clarification_requested'),
  resolved: ['resolved'],
  closed: ['rejected', 'merged', 'closed'],
} as const satisfies Record<string, readonly ReportStatus[] | undefined>;
export type MyReportView = keyof typeof myReportViews;
