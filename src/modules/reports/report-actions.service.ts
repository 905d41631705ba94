import type { Tx } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import { extendedDueAt, reviewDueAt, uncachedCalendar } from '../calendar/index.ts';
import { mergeHandler, refuseMergeByState, unmergeHandler } from '../duplicates/merge.handlers.ts';
import type { Actor } from '../identity/index.ts';
import { findCategory, findOrganisation, regionSettings } from '../reference/index.ts';
import { routeReport } from '../routing/index.ts';
import { canView, conditionAllows, conditionRefusal, roleAllows } from './report.policy.ts';
import { factsOf } from './report.presenter.ts';
import { dueDate, event, freshDeadline, type Handler } from './report-action.handler.ts';
import { viewReportById } from './report-read.service.ts';
import { deadlineAfterReview, redirectReport, resumedDeadline } from './report-redirect.handler.ts';
import { canTransition, nextStatus, type ReportAction, type ReportStatus } from './report-states.ts';
import type { ReportsDeps } from './reports.deps.ts';
import * as repo from './reports.repo.ts';
import type { ActionBodies, ReportDetail } from './reports.schemas.ts';

/** Working answer = the latest answer still in draft or review. */
async function workingAnswer(tx: Tx, reportId: string): Promise<repo.AnswerRow | undefined> {
  return (await repo.listAnswers(tx, reportId)).find((a) => a.status === 'draft' || a.status === 'review');
}

async function requireWorkingAnswer(tx: Tx, reportId: string): Promise<repo.AnswerRow> {
  const a = await workingAnswer(tx, reportId);
  if (!a) throw new AppError('invalid_transition');
  return a;
}

async function attachOrFail(
  tx: Tx,
  ids: string[],
  actor: Actor,
  link: Parameters<typeof repo.attachMedia>[3],
) {
  const attached = await repo.attachMedia(tx, ids, actor.id, link);
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !attached.includes(id));
  if (missing.length > 0)
    throw new AppError(
      'media_unusable',
      missing.map(({ i }) => ({ path: `mediaIds.${i}`, message: 'media_unusable' })),
    );
}

const handlers: { [A in ReportAction]: Handler<A> } = {
  async recategorise({ tx, deps, actor, row, body, now }) {
    const category = await findCategory(tx, body.categoryId);
    const problem = !category?.isActive
      ? 'unknown_category'
      : category.parentId === null
        ? 'category_not_selectable'
        : category.id === row.categoryId
          ? 'category_unchanged'
          : null;
    if (problem || !category)
      throw new AppError(problem ?? 'unknown_category', [
        { path: 'categoryId', message: problem ?? 'unknown_category' },
      ]);
    // The corrected subject is the right answer for this report: the classifier learns from it.
    await deps.recordCategoryCorrection?.(tx, {
      reportId: row.id,
      categoryCode: category.code,
      actorId: actor.id,
      at: now,
    });
    return {
      status: row.status,
      events: [
        event('recategorised', {
          fromCategoryId: row.categoryId,
          toCategoryId: category.id,
          ...(body.comment ? { comment: body.comment } : {}),
        }),
      ],
      changes: { categoryId: category.id },
    };
  },
  async accept({ tx, deps, row, body, now }) {
    // Route with the rules as they are now (they may have changed since submission).
    const advisor = deps.routingAdvisor;
    const decision = await routeReport(
      tx,
      row.categoryId,
      row.territoryId,
      now,
      advisor && (() => advisor(tx, { text: row.text, district: row.territoryNameRu })),
    );
    const events = [event('accepted', body.comment ? { comment: body.comment } : {})];
    if (decision.method !== 'curator') {
      return {
        status: 'assigned',
        events: [
          ...events,
          {
            ...event('routed', { organisationId: decision.organisationId, method: decision.method }),
            toStatus: 'assigned',
          },
        ],
        changes: {
          organisationId: decision.organisationId,
          routing: decision,
          ...freshDeadline(await dueDate(tx, deps, row, now)),
        },
      };
    }
    return {
      status: 'accepted',
      events: [...events, event('sent_to_curator', { reason: decision.reason }, false)],
      changes: { routing: decision },
    };
  },
  async reject({ body }) {
    return { status: 'rejected', events: [event('rejected', { reason: body.reason })] };
  },
  async 'request-clarification'({ row, body, now }) {
    return {
      status: 'clarification_requested',
      events: [event('clarification_requested', { question: body.question }, false)],
      changes: { clarificationRequestedAt: now, statusBeforeClarification: row.status },
    };
  },
  async clarify({ tx, deps, row, body, now }) {
    // Back to where it was; the organisation's clock stood still while the author was asked.
    const resumed = row.statusBeforeClarification ?? 'submitted';
    const dueAt = await resumedDeadline(tx, deps, row, now);
    return {
      status: resumed,
      events: [event('clarified', { answer: body.answer }, false)],
      changes: { clarificationRequestedAt: null, statusBeforeClarification: null, dueAt },
    };
  },
  async assign({ tx, deps, actor, row, body, now }) {
    const org = await findOrganisation(tx, body.organisationId);
    if (!org?.isActive)
      throw new AppError('unknown_organisation', [
        { path: 'organisationId', message: 'unknown_organisation' },
      ]);
    // The curator's choice is the right answer for this report: the classifier learns from it.
    await deps.recordCorrection?.(tx, {
      reportId: row.id,
      organisationId: org.id,
      actorId: actor.id,
      at: now,
    });
    return {
      status: 'assigned',
      events: [
        event('assigned', { organisationId: org.id, ...(body.comment ? { comment: body.comment } : {}) }),
      ],
      changes: {
        organisationId: org.id,
        routing: { method: 'curator', organisationId: org.id, previous: row.routing },
        // A deadline already running (the report was passed around) keeps running.
        ...(row.dueAt ? {} : freshDeadline(await dueDate(tx, deps, row, now))),
        // Settling a ping-pong binds: the organisation may not hand the report on again.
        assignmentBinding: row.routing?.reason === 'ping_pong',
      },
    };
  },
  async start() {
    return { status: 'in_progress', events: [event('started')] };
  },
  async 'draft-answer'({ tx, deps, actor, row, body, now }) {
    const fields = {
      text: body.text,
      result: body.result,
      plannedDate: body.result === 'planned' ? (body.plannedDate ?? null) : null,
      legalReason: body.result === 'rejected' ? (body.legalReason ?? null) : null,
      updatedAt: now,
    };
    // One working answer per round: redrafting edits it; after a publication a new one starts.
    let answerId = (await workingAnswer(tx, row.id))?.id;
    if (answerId) await repo.updateAnswer(tx, answerId, { ...fields, status: 'draft' });
    else {
      const created = await repo.insertAnswer(tx, {
        ...fields,
        reportId: row.id,
        organisationId: row.organisationId,
        authorId: actor.id,
        status: 'draft',
        createdAt: now,
      });
      answerId = created.id;
    }
    await attachOrFail(tx, body.mediaIds, actor, { reportId: row.id, answerId, purpose: 'answer' });
    await deps.answerQuality?.forget(tx, answerId);
    return { status: 'answer_drafted', events: [event('answer_drafted', { result: body.result }, false)] };
  },
  async 'submit-answer'({ tx, deps, row, now }) {
    const answer = await requireWorkingAnswer(tx, row.id);
    await repo.updateAnswer(tx, answer.id, { status: 'review', updatedAt: now });
    // The reviewer sees likely non-answers flagged (the flags stay with the answer, never public).
    await deps.answerQuality?.check(tx, { reportId: row.id, answerId: answer.id, now });
    // The organisation has answered: its clock stops, and the review's own deadline starts.
    const calendar = await (deps.calendar ?? uncachedCalendar).get(tx);
    return {
      status: 'answer_review',
      events: [event('answer_submitted', {}, false)],
      changes: { reviewStartedAt: now, reviewDueAt: reviewDueAt(calendar, now) },
    };
  },
  async 'publish-answer'({ tx, row, now }) {
    // One read of the report's answers: the working one is published, an earlier published one superseded.
    const all = await repo.listAnswers(tx, row.id);
    const answer = all.find((a) => a.status === 'draft' || a.status === 'review');
    if (!answer) throw new AppError('invalid_transition');
    for (const a of all)
      if (a.status === 'published') await repo.updateAnswer(tx, a.id, { status: 'superseded' });
    await repo.updateAnswer(tx, answer.id, {
      status: 'published',
      publishedAt: now,
      reviewComment: null,
      updatedAt: now,
    });
    return {
      status: 'answered',
      events: [event('answer_published', { answerId: answer.id, result: answer.result })],
      changes: { answeredAt: now, reviewStartedAt: null, reviewDueAt: null },
    };
  },
  async 'return-answer'({ tx, deps, row, body, now }) {
    const answer = await requireWorkingAnswer(tx, row.id);
    await repo.updateAnswer(tx, answer.id, { status: 'draft', reviewComment: body.comment, updatedAt: now });
    return {
      status: 'answer_drafted',
      events: [event('answer_returned', { comment: body.comment }, false)],
      // Back to the organisation: its clock resumes with the time it had left at submission.
      changes: {
        dueAt: await deadlineAfterReview(tx, deps, row, now),
        reviewStartedAt: null,
        reviewDueAt: null,
      },
    };
  },
  async rate({ tx, actor, row, body, now }) {
    const published = (await repo.listAnswers(tx, row.id)).find((a) => a.status === 'published');
    if (!published) throw new AppError('invalid_transition');
    const inserted = await repo.insertRating(tx, {
      reportId: row.id,
      answerId: published.id,
      authorId: actor.id,
      score: body.score,
      solved: body.solved,
      comment: body.comment ?? null,
      createdAt: now,
    });
    if (!inserted) throw new AppError('already_rated');
    return {
      status: body.solved ? 'resolved' : row.status,
      events: [event('rated', { score: body.score, solved: body.solved })],
    };
  },
  async dispute({ tx, actor, row, body }) {
    await attachOrFail(tx, body.mediaIds, actor, { reportId: row.id, purpose: 'dispute' });
    return { status: 'disputed', events: [event('disputed', { comment: body.comment })] };
  },
  async reopen({ tx, deps, row, body, now }) {
    // The organisation must answer anew: a fresh deadline runs from the reopening.
    return {
      status: 'reopened',
      events: [event('reopened', body.comment ? { comment: body.comment } : {})],
      changes: freshDeadline(await dueDate(tx, deps, row, now, 'now')),
    };
  },
  async 'extend-deadline'({ tx, deps, row, body, now }) {
    // The policy has checked there is a running deadline not yet extended.
    const calendar = await (deps.calendar ?? uncachedCalendar).get(tx);
    const previous = row.dueAt!;
    const dueAt = extendedDueAt(calendar, row.kind, previous, body.days);
    return {
      status: row.status,
      // Public: the author (and, for a public report, everyone) sees the new date and the reason.
      events: [
        event('deadline_extended', {
          days: body.days,
          unit: row.kind === 'appeal' ? 'calendar_days' : 'working_days',
          reason: body.reason,
          previousDueAt: previous.toISOString(),
          dueAt: dueAt.toISOString(),
        }),
      ],
      changes: { ...freshDeadline(dueAt), deadlineExtendedAt: now, deadlineExtensionDays: body.days },
    };
  },
  async close({ body }) {
    return { status: 'closed', events: [event('closed', { reason: body.reason })] };
  },
  redirect: redirectReport,
  // Duplicates (src/modules/duplicates/merge.handlers.ts).
  merge: mergeHandler,
  unmerge: unmergeHandler,
};

/**
 * Runs one command on a report: locks the row, checks visibility, role and status, applies the
 * handler, and writes the new status, the timeline events and the audit row in one transaction.
 * Refusals change nothing: 404 if the actor may not see it, 403 for the wrong role, 409 for the
 * wrong status.
 */
export async function runAction<A extends ReportAction>(
  deps: ReportsDeps,
  actor: Actor,
  reportId: string,
  action: A,
  body: ActionBodies[A],
): Promise<ReportDetail> {
  const { disputeWindowDays } = await regionSettings(deps.db, deps.config);
  await deps.db.transaction(async (tx) => {
    const row = await repo.findReport(tx, reportId, true);
    if (!row || !canView(factsOf(row), actor)) throw new AppError('report_not_found');
    const now = deps.clock.now();
    // A second rating is refused by the rate handler itself (unique rating per answer), not looked up here.
    const facts = factsOf(row);
    if (!roleAllows(action, facts, actor)) throw new AppError('forbidden');
    refuseMergeByState(action, facts);
    if (!canTransition(action, row.status))
      throw new AppError(action === 'extend-deadline' ? 'deadline_not_running' : 'invalid_transition', [
        { path: 'status', message: row.status },
      ]);
    if (!conditionAllows(action, facts, actor, now, disputeWindowDays))
      throw new AppError(conditionRefusal(action, facts));

    const handler = handlers[action] as Handler<A>;
    const step = await handler({ tx, deps, actor, row, body, now });
    const defaultNext = nextStatus(action, row.status);
    const status = step.status;
    await repo.updateReport(tx, row.id, { ...step.changes, status, updatedAt: now });
    let from: ReportStatus = row.status;
    await repo.insertEvents(
      tx,
      step.events.map((e, i) => {
        const to = e.toStatus ?? (i === step.events.length - 1 ? status : defaultNext);
        const entry = {
          reportId: row.id,
          type: e.type,
          fromStatus: from,
          toStatus: to,
          actorId: actor.id,
          actorRole: actor.role,
          isPublic: e.isPublic ?? true,
          payload: e.payload ?? {},
          createdAt: now,
        };
        from = to;
        return entry;
      }),
    );
    await writeAudit(tx, {
      actor,
      action: `report.${action}`,
      entityType: 'report',
      entityId: row.id,
      at: now,
      details: { from: row.status, to: status },
    });
  });
  deps.onEventsCommitted?.(reportId);
  // The answer is read after the commit, row and detail in one statement (not re-read in the
  // transaction, which would hold the row's lock for one more round trip).
  return viewReportById(deps, actor, reportId);
}
