/**
 * The report states the demo covers, how often each occurs, and the path (with timings) a report
 * takes from 'submitted' to its target state, following the status machine of PRODUCT.md §2.B.
 */
import { type ReportStatus, reportStatuses } from '../modules/reports/report-states.ts';
import type { Rng } from './prng.ts';

/** Every status of the machine but 'merged', which needs two reports (duplicates arrive later). */
export type DemoReportState = Exclude<ReportStatus, 'merged'>;

export const DEMO_REPORT_STATES: readonly DemoReportState[] = reportStatuses.filter(
  (s): s is DemoReportState => s !== 'merged',
);

/** Relative frequency of each target state in a demo data set. */
export const STATE_WEIGHTS: Readonly<Record<DemoReportState, number>> = {
  submitted: 4,
  clarification_requested: 3,
  rejected: 5,
  accepted: 3,
  assigned: 4,
  in_progress: 12,
  answer_drafted: 3,
  answer_review: 3,
  answered: 8,
  resolved: 30,
  disputed: 3,
  reopened: 2,
  closed: 20,
};

export const MIN_PER_STATE = 3;

/**
 * Exactly `count` target states, in random order: every state at least MIN_PER_STATE times (when
 * count allows), the rest shared by weight (largest remainder, so the split is exact).
 */
export function allocateStates(count: number, rng: Rng): DemoReportState[] {
  const floor = Math.min(MIN_PER_STATE, Math.floor(count / DEMO_REPORT_STATES.length));
  const rest = count - floor * DEMO_REPORT_STATES.length;
  const total = DEMO_REPORT_STATES.reduce((sum, s) => sum + STATE_WEIGHTS[s], 0);
  const shares = DEMO_REPORT_STATES.map((s) => (rest * STATE_WEIGHTS[s]) / total);
  const counts = shares.map((x) => Math.floor(x) + floor);
  let missing = count - counts.reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    missing--;
  }
  const states = DEMO_REPORT_STATES.flatMap((s, i) => Array<DemoReportState>(counts[i] ?? 0).fill(s));
  return rng.shuffle(states);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TimelineStep {
  state: DemoReportState;
  at: Date;
}

export interface TimelineOptions {
  target: DemoReportState;
  now: Date;
  /** The report went through a clarification round before moderation accepted or rejected it. */
  withClarification: boolean;
  /** Routed by a rule (minutes) rather than by the curator (hours to days). */
  routedByRule: boolean;
  /** The subject's deadline, in working days: work takes about that long, sometimes longer. */
  slaDays: number;
  /** The demo spans this many days back from `now`. */
  spanDays: number;
}

/** The states passed through, in order, ending at the target. */
export function statePath(target: DemoReportState, withClarification: boolean): DemoReportState[] {
  const moderation: DemoReportState[] = withClarification
    ? ['submitted', 'clarification_requested', 'submitted']
    : ['submitted'];
  const work: DemoReportState[] = [
    'accepted',
    'assigned',
    'in_progress',
    'answer_drafted',
    'answer_review',
    'answered',
  ];
  switch (target) {
    case 'submitted':
    case 'clarification_requested':
      return target === 'submitted' ? ['submitted'] : ['submitted', 'clarification_requested'];
    case 'rejected':
      return [...moderation, 'rejected'];
    case 'resolved':
      return [...moderation, ...work, 'resolved'];
    case 'closed':
      return [...moderation, ...work, 'resolved', 'closed'];
    case 'disputed':
      return [...moderation, ...work, 'disputed'];
    case 'reopened':
      return [...moderation, ...work, 'disputed', 'reopened'];
    default:
      return [...moderation, ...work.slice(0, work.indexOf(target) + 1)];
  }
}

/** How long it takes to reach `next` from the previous state, in milliseconds. */
function stepDuration(
  next: DemoReportState,
  prev: DemoReportState | undefined,
  o: TimelineOptions,
  rng: Rng,
): number {
  switch (next) {
    case 'clarification_requested':
    case 'accepted':
    case 'rejected':
      return rng.float(0.5, 20) * HOUR;
    case 'submitted': // the resident answered the clarification question
      return rng.float(2, 48) * HOUR;
    case 'assigned':
      return o.routedByRule ? rng.float(1, 10) * 60_000 : rng.float(4, 72) * HOUR;
    case 'in_progress':
      return prev === 'reopened' ? rng.float(1, 24) * HOUR : rng.float(1, 48) * HOUR;
    case 'answer_drafted':
      return rng.float(0.2, 1.4) * o.slaDays * 1.4 * DAY;
    case 'answer_review':
      return rng.float(1, 24) * HOUR;
    case 'answered':
      return rng.float(2, 48) * HOUR;
    case 'resolved':
      return rng.float(1, 7) * DAY;
    case 'disputed':
      return rng.float(1, 6) * DAY;
    case 'reopened':
      return rng.float(1, 24) * HOUR;
    case 'closed':
      return rng.float(1, 10) * DAY;
  }
}

/** How long a report may have sat in its target state by `now`, in days. */
function maxIdleDays(target: DemoReportState, spanDays: number): number {
  switch (target) {
    case 'submitted':
    case 'accepted':
      return 3;
    case 'clarification_requested':
      return 14;
    case 'assigned':
    case 'answer_drafted':
    case 'answer_review':
    case 'reopened':
      return 5;
    case 'in_progress': // some of it overdue, for the escalation screens
      return 30;
    case 'answered': // still inside the 7-day dispute window
      return 6;
    case 'disputed':
      return 3;
    default:
      return spanDays;
  }
}

/**
 * The report's path with a time for each step, all within the last `spanDays` days before `now`,
 * strictly increasing. The first step's time is the report's creation time.
 */
export function buildTimeline(o: TimelineOptions, rng: Rng): TimelineStep[] {
  const path = statePath(o.target, o.withClarification);
  const span = o.spanDays * DAY;
  let durations = path.map((state, i) =>
    i === 0 ? 0 : Math.max(60_000, stepDuration(state, path[i - 1], o, rng)),
  );
  let total = durations.reduce((a, b) => a + b, 0);
  // Keep a long path inside the window (at most 95% of it), scaling every step alike.
  if (total > span * 0.95) {
    const k = (span * 0.95) / total;
    durations = durations.map((d) => d * k);
    total *= k;
  }
  const idle = Math.min(maxIdleDays(o.target, o.spanDays) * DAY, span - total);
  // Finished reports lean a little old, so the span fills more evenly around the recent open ones.
  const finished = o.target === 'resolved' || o.target === 'closed' || o.target === 'rejected';
  const u = rng.next();
  const start = o.now.getTime() - (finished ? u ** 0.75 : u) * idle - total - 60_000;
  let t = start;
  return path.map((state, i) => {
    t += durations[i] ?? 0;
    return { state, at: new Date(Math.round(t)) };
  });
}
