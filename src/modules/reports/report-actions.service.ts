import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import { extendedDueAt, uncachedCalendar } from '../calendar/index.ts';
import { mergeHandler, refuseMergeByState, unmergeHandler } from '../duplicates/merge.handlers.ts';
import type { Actor } from '../identity/index.ts';
import { findCategory, findOrganisation, regionSettings } from '../reference/index.ts';
import { decodeRuleMatches, matchingRulesJson, routeReport, rulesDay } from '../routing/index.ts';
import { canView, conditionAllows, conditionRefusal, roleAllows } from './report.policy.ts';
import { factsOf } from './report.presenter.ts';
import { dueDate, event, freshDeadline, type Handler } from './report-action.handler.ts';
import { type ActionAuditRow, lockReportForAction, writeActionOutcome } from './report-action.repo.ts';
import { answerHandlers } from './report-answer.handlers.ts';
import { pageShowsAuthorTo, viewReportById } from './report-read.service.ts';
import { redirectReport, resumedDeadline } from './report-redirect.handler.ts';
import { canTransition, nextStatus, type ReportAction, type ReportStatus } from './report-states.ts';
import type { ReportsDeps } from './reports.deps.ts';
import type { ReportRow } from './reports.repo.ts';
import * as repo from './reports.repo.ts';
import type { ActionBodies, ReportDetail } from './reports.schemas.ts';

/** The rules that route the locked report (its subject, its district) on the `rulesDay` given. */
const routingRulesColumn = matchingRulesJson(
  sql`r.category_id`,
  sql`r.territory_id`,
  sql`${sql.placeholder('rulesDay')}::date`,
);

const handlers: { [A in ReportAction]: Handler<A> } = {
  // The answer's round: drafted, reviewed, published or returned, then judged (report-answer.handlers.ts).
  ...answerHandlers,
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
  async accept({ tx, deps, row, body, now, prefetchedRules }) {
    // Route with the rules as they are now (they may have changed since submission).
    const advisor = deps.routingAdvisor;
    const decision = await routeReport(
      tx,
      row.categoryId,
      row.territoryId,
      now,
      advisor && (() => advisor(tx, { text: row.text, district: row.territoryNameRu })),
      prefetchedRules,
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
      organisationCode: org.code,
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
 *
 * Round trips are what an action costs (docs/performance.md, "The report page and actions"): the row
 * is locked and read with its answers in one statement, and where the database allows
 * (`oneStatementWrites`) the report's update, its events, the audit row — and the record of the
 * author's personal data the answer will show to handling staff — go in one statement too.
 */
export async function runAction<A extends ReportAction>(
  deps: ReportsDeps,
  actor: Actor,
  reportId: string,
  action: A,
  body: ActionBodies[A],
): Promise<ReportDetail> {
  const { disputeWindowDays } = await regionSettings(deps.db, deps.config);
  let personalDataReadRecorded = false;
  await deps.db.transaction(async (tx) => {
    // submit-answer: what the answer checks compare with comes with the locked read, for the acting
    // operator's organisation (one round trip less; read apart when the answer is another's).
    const checks =
      action === 'submit-answer' && actor.organisationId
        ? deps.answerQuality?.factsColumn?.(actor.organisationId)
        : undefined;
    // accept: the routing rules in force today come with the locked read too.
    const day = action === 'accept' ? rulesDay(deps.clock.now()) : undefined;
    const locked = await lockReportForAction(
      tx,
      reportId,
      checks
        ? { name: 'answer_check', column: checks.column, values: checks.values }
        : day
          ? { name: 'routing_rules', column: routingRulesColumn, values: { rulesDay: day } }
          : undefined,
    );
    const row = locked?.row;
    if (!locked || !row || !canView(factsOf(row), actor)) throw new AppError('report_not_found');
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
    const step = await handler({
      tx,
      deps,
      actor,
      row,
      answers: locked.answers,
      body,
      now,
      ...(checks ? { answerCheckFacts: { organisationId: checks.organisationId, raw: locked.extra } } : {}),
      ...(day ? { prefetchedRules: { day, rules: decodeRuleMatches(locked.extra) } } : {}),
    });
    const defaultNext = nextStatus(action, row.status);
    const status = step.status;
    const changes = { ...step.changes, status, updatedAt: now };
    let from: ReportStatus = row.status;
    const events = step.events.map((e, i) => {
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
    });
    const audit = {
      actor,
      action: `report.${action}`,
      entityType: 'report',
      entityId: row.id,
      at: now,
      details: { from: row.status, to: status },
    };
    const answerChanges = step.answerChanges ?? [];
    if (!deps.oneStatementWrites) {
      for (const a of answerChanges) await repo.updateAnswer(tx, a.id, a.changes);
      if (step.answerCheck) await deps.answerQuality?.save(tx, step.answerCheck);
      await repo.updateReport(tx, row.id, changes);
      await repo.insertEvents(tx, events);
      await writeAudit(tx, audit);
      return;
    }
    // The answer is the report page, which shows handling staff the author's name and e-mail and
    // records that read: recorded here, with the action's own rows, for the row as the action leaves it.
    const showsAuthor = pageShowsAuthorTo(actor, { ...row, ...changes } as ReportRow);
    await writeActionOutcome(tx, {
      reportId: row.id,
      changes,
      answerChanges,
      ...(step.answerCheck ? { answerCheck: step.answerCheck } : {}),
      events,
      audit: [
        auditRow(audit),
        ...(showsAuthor
          ? [
              auditRow({
                actor,
                action: 'report.read_personal_data',
                entityType: 'report',
                entityId: row.id,
                at: now,
                details: { subjectUserId: row.authorId },
              }),
            ]
          : []),
      ],
    });
    personalDataReadRecorded = showsAuthor;
  });
  deps.onEventsCommitted?.(reportId);
  // The answer is read after the commit, row and detail in one statement (not re-read in the
  // transaction, which would hold the row's lock for one more round trip).
  return viewReportById(deps, actor, reportId, { personalDataReadRecorded });
}

function auditRow(e: {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  at: Date;
  details: Record<string, unknown>;
}): ActionAuditRow {
  return {
    actorId: e.actor.id,
    actorRole: e.actor.role,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    details: e.details,
    createdAt: e.at,
  };
}
