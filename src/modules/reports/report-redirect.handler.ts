import type { Tx } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { addWorkingDays, workingDaysBetween } from '../../lib/working-days.ts';
import { appealMilestones, uncachedCalendar } from '../calendar/index.ts';
import { findOrganisation } from '../reference/index.ts';
import { event, type HandlerArgs, type Step } from './report-action.handler.ts';
import type { ReportsDeps } from './reports.deps.ts';
import * as repo from './reports.repo.ts';

/** More hand-overs than this, or any return to an organisation that had it, is "ping-pong". */
export const MAX_REDIRECTS = 2;

/**
 * An organisation hands the report to another one, with a reason the author sees. The deadline keeps
 * running (passing a report on must not buy time). Ping-pong — a third hand-over or a return to an
 * organisation that already had it — goes to the curator's queue instead; the curator's assignment
 * then binds. A curator (or admin) who redirects decides, so their redirect binds at once.
 */
export async function redirectReport({
  tx,
  deps,
  actor,
  row,
  body,
  now,
}: HandlerArgs<'redirect'>): Promise<Step> {
  const target = await findOrganisation(tx, body.organisationId);
  if (!target?.isActive)
    throw new AppError('unknown_organisation', [{ path: 'organisationId', message: 'unknown_organisation' }]);
  // 59-ФЗ art. 8 p. 3: within seven days of registration — the same date the report page shows.
  if (row.kind === 'appeal') {
    const calendar = await (deps.calendar ?? uncachedCalendar).get(tx);
    if (now > appealMilestones(calendar, row.createdAt).redirectDueAt)
      throw new AppError('appeal_redirect_window_closed');
  }
  if (target.id === row.organisationId)
    throw new AppError('redirect_same_organisation', [
      { path: 'organisationId', message: 'redirect_same_organisation' },
    ]);
  const moved = {
    fromOrganisationId: row.organisationId,
    toOrganisationId: target.id,
    reason: body.reason,
  };
  const byCurator = actor.role !== 'operator';
  const history = await repo.organisationHistory(tx, row.id);
  const pingPong = !byCurator && (row.redirectCount + 1 > MAX_REDIRECTS || history.includes(target.id));
  if (pingPong) {
    return {
      status: 'accepted',
      events: [
        { ...event('redirect_requested', moved), toStatus: row.status },
        {
          ...event('sent_to_curator', {
            reason: 'ping_pong',
            requestedOrganisationId: target.id,
            redirects: row.redirectCount,
          }),
          toStatus: 'accepted',
        },
      ],
      changes: {
        organisationId: null,
        routing: {
          method: 'curator',
          reason: 'ping_pong',
          requestedOrganisationId: target.id,
          previous: row.routing,
        },
      },
    };
  }
  // The receiving organisation is the right answer for this report: the classifier learns from it.
  await deps.recordCorrection?.(tx, {
    reportId: row.id,
    organisationId: target.id,
    actorId: actor.id,
    at: now,
    source: 'redirect',
  });
  return {
    status: 'assigned',
    events: [event('redirected', moved)],
    changes: {
      organisationId: target.id,
      redirectCount: row.redirectCount + 1,
      assignmentBinding: byCurator,
      routing: { method: 'redirect', organisationId: target.id, reason: body.reason, previous: row.routing },
    },
  };
}

/**
 * The deadline after the author answered a question: the organisation's clock stood still from the
 * question to the answer (but never for a 59-ФЗ appeal, whose legal deadline runs regardless).
 */
export async function resumedDeadline(
  tx: Tx,
  deps: ReportsDeps,
  row: repo.ReportRow,
  now: Date,
): Promise<Date | null> {
  if (!row.dueAt || !row.clarificationRequestedAt || row.kind === 'appeal') return row.dueAt;
  const calendar = await (deps.calendar ?? uncachedCalendar).get(tx);
  const paused = workingDaysBetween(row.clarificationRequestedAt, now, calendar);
  return paused > 0 ? addWorkingDays(row.dueAt, paused, calendar) : row.dueAt;
}

/**
 * The deadline when an answer comes back from review: the organisation's clock stood still from the
 * submission to the return (never for a 59-ФЗ appeal, whose legal term runs regardless).
 */
export async function deadlineAfterReview(
  tx: Tx,
  deps: ReportsDeps,
  row: repo.ReportRow,
  now: Date,
): Promise<Date | null> {
  if (!row.dueAt || !row.reviewStartedAt || row.kind === 'appeal') return row.dueAt;
  const calendar = await (deps.calendar ?? uncachedCalendar).get(tx);
  const paused = workingDaysBetween(row.reviewStartedAt, now, calendar);
  return paused > 0 ? addWorkingDays(row.dueAt, paused, calendar) : row.dueAt;
}
