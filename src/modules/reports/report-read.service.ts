import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { findAppellant } from '../appeals/index.ts';
import { writeAudit } from '../audit/index.ts';
import { appealMilestones, moderationDeadline, uncachedCalendar } from '../calendar/index.ts';
import { duplicateFieldsOf, supportFactFields } from '../duplicates/report-view.ts';
import type { Actor } from '../identity/index.ts';
import { regionSettings } from '../reference/index.ts';
import {
  canSeeAnswerDraft,
  canSeeAuthorData,
  canSeeInternalTimeline,
  canView,
  isAuthor,
  staffOnlyEvents,
} from './report.policy.ts';
import { type DetailParts, factsOf, presentAnswer, presentDetail } from './report.presenter.ts';
import {
  findReportExtras,
  findReportView,
  type ReportViewExtras,
  type ReportViewOptions,
} from './report-view.repo.ts';
import type { ReportsDeps } from './reports.deps.ts';
import * as repo from './reports.repo.ts';
import type { Appellant, ReportDetail, ReportEvent } from './reports.schemas.ts';

export async function loadVisibleReport(
  exec: Executor,
  actor: Actor | null,
  id: string,
): Promise<repo.ReportRow> {
  const row = await repo.findReport(exec, id);
  // A report the actor may not see answers exactly like one that does not exist.
  if (!row || !canView(factsOf(row), actor)) throw new AppError('report_not_found');
  return row;
}

/** Roles that may handle a report, and so may be shown its author (the policy decides per report). */
const HANDLING_ROLES = new Set(['admin', 'moderator', 'curator', 'operator']);

function viewOptions(actor: Actor | null): ReportViewOptions {
  return {
    withAuthor: actor !== null && HANDLING_ROLES.has(actor.role),
    extraFields: {
      key: actor ? 'caller' : 'anonymous',
      sql: actor ? supportByCaller : supportAnonymous,
      values: actor ? { actorId: actor.id } : {},
      columns: SUPPORT_COLUMNS,
    },
  };
}
const SUPPORT_COLUMNS = ['supportCount', 'supportedByMe', 'mergedIntoNumber'] as const;
const supportByCaller = () => supportFactFields(sql.placeholder('actorId'));
const supportAnonymous = () => supportFactFields(null);

/** The report page: the row and its detail in one statement, then the policy and the presenter. */
export async function getReport(deps: ReportsDeps, actor: Actor | null, id: string): Promise<ReportDetail> {
  const found = await findReportView(deps.db, id, viewOptions(actor));
  // A report the actor may not see answers exactly like one that does not exist.
  if (!found || !canView(factsOf(found.row), actor)) throw new AppError('report_not_found');
  return presentView(deps, actor, found.row, found.extras);
}

/**
 * The detail view of a report the caller may see, read fresh (a command's answer after its commit):
 * one statement for the row and its detail.
 */
export async function viewReportById(
  deps: ReportsDeps,
  actor: Actor | null,
  id: string,
  o: { personalDataReadRecorded?: boolean } = {},
): Promise<ReportDetail> {
  const found = await findReportView(deps.db, id, viewOptions(actor));
  if (!found) throw new AppError('report_not_found');
  return presentView(deps, actor, found.row, found.extras, o.personalDataReadRecorded);
}

/** The detail view of a report whose row the caller holds (one statement for the rest). */
export async function viewReport(
  deps: ReportsDeps,
  actor: Actor | null,
  row: repo.ReportRow,
): Promise<ReportDetail> {
  const extras = await findReportExtras(deps.db, row.id, viewOptions(actor));
  if (!extras) throw new AppError('report_not_found');
  return presentView(deps, actor, row, extras);
}

/**
 * Two steps: shape everything the actor may see, then record that staff read the author's personal
 * data (when they did). The presenter only shapes.
 */
async function presentView(
  deps: ReportsDeps,
  actor: Actor | null,
  row: repo.ReportRow,
  extras: ReportViewExtras,
  personalDataReadRecorded = false,
): Promise<ReportDetail> {
  const parts = await detailParts(deps, actor, row, extras);
  if (!personalDataReadRecorded) await recordPersonalDataRead(deps, actor, row, parts.author);
  return presentDetail(parts);
}

/**
 * Photos, the answer this actor may see, the rating, and (for handling staff) the author and
 * appellant, from what findReportView read; only the rarer parts still need a statement of their
 * own (an appeal's appellant, the flags of an answer under work for the staff handling it).
 */
async function detailParts(
  deps: ReportsDeps,
  actor: Actor | null,
  row: repo.ReportRow,
  extras: ReportViewExtras,
): Promise<DetailParts> {
  const facts = factsOf(row);
  const { media: mediaRows, answers: answerRows } = extras;
  const published = answerRows.find((a) => a.status === 'published');
  const working = answerRows.find((a) => a.status === 'draft' || a.status === 'review');
  const visibleAnswer = working && canSeeAnswerDraft(facts, actor) ? working : published;
  const photosOf = (answerId: string) => mediaRows.filter((m) => m.answerId === answerId).map((m) => m.id);
  const rating = published ? extras.rating : null;
  // The flags of the answer under work, for the staff who handle it only.
  const answerQuality =
    visibleAnswer && visibleAnswer === working && deps.answerQuality && extras.workingAnswerCheck
      ? deps.answerQuality.present(extras.workingAnswerCheck)
      : null;

  let author: { name: string; email: string } | null = null;
  let appellant: Appellant | null = null;
  const ownAppeal = row.kind === 'appeal' && isAuthor(facts, actor);
  if (ownAppeal) appellant = (await findAppellant(deps.db, row.id)) ?? null;
  if (canSeeAuthorData(facts, actor) && actor && !isAuthor(facts, actor)) {
    if (row.kind === 'appeal') appellant = (await findAppellant(deps.db, row.id)) ?? null;
    author = extras.author;
  }
  const settings = await regionSettings(deps.db, deps.config);
  return {
    row,
    actor,
    now: deps.clock.now(),
    disputeWindowDays: settings.disputeWindowDays,
    clarificationTimeoutDays: settings.clarificationTimeoutDays,
    photoIds: mediaRows.filter((m) => m.purpose === 'report').map((m) => m.id),
    answer: visibleAnswer ? presentAnswer(visibleAnswer, photosOf(visibleAnswer.id)) : null,
    rating,
    ratedCurrentAnswer: Boolean(rating),
    author,
    appellant,
    answerQuality,
    appealDeadlines:
      row.kind === 'appeal'
        ? appealMilestones(await (deps.calendar ?? uncachedCalendar).get(deps.db), row.createdAt)
        : null,
    duplicates: duplicateFieldsOf(row, actor, {
      supportCount: Number(extras.extra.supportCount ?? 0),
      supportedByMe: Boolean(extras.extra.supportedByMe),
      mergedIntoNumber: (extras.extra.mergedIntoNumber as number | string | null) ?? null,
    }),
    moderationDueAt: await moderationDeadlineOf(deps, row),
    notices: extras.notices,
    object: extras.object,
  };
}

/**
 * Whether the report page shows this actor the author's name and e-mail (so records the read): the
 * rule of detailParts, given the row (the author's account always exists: `author_id` is a non-null
 * foreign key, and erasure rewrites the account in place).
 */
export function pageShowsAuthorTo(actor: Actor | null, row: repo.ReportRow): actor is Actor {
  if (!actor || !HANDLING_ROLES.has(actor.role)) return false;
  const facts = factsOf(row);
  return canSeeAuthorData(facts, actor) && !isAuthor(facts, actor);
}

/**
 * Staff who were shown the author's name and e-mail leave an audit row (personal data, 152-ФЗ);
 * `author` is what loadReportDetail read, null when the actor may not see it or is the author.
 */
export async function recordPersonalDataRead(
  deps: ReportsDeps,
  actor: Actor | null,
  row: repo.ReportRow,
  author: { name: string; email: string } | null,
): Promise<void> {
  if (!actor || !author) return;
  await writeAudit(deps.db, {
    actor,
    action: 'report.read_personal_data',
    entityType: 'report',
    entityId: row.id,
    at: deps.clock.now(),
    details: { subjectUserId: row.authorId },
  });
}

/** The moderation deadline while a report waits for moderation (null once it is moderated). */
export function moderationDeadlineOf(deps: ReportsDeps, row: repo.ReportRow): Promise<Date | null> {
  return row.status === 'submitted' ? moderationDeadline(deps.db, deps.calendar, row) : Promise.resolve(null);
}

/**
 * Public timeline for everyone who may see the report; internal events for its author and the staff
 * who handle it, each such staff read audited (they may carry what residents wrote in clarification).
 * The author does not see the staff-only ones (the review of an answer with the reviewer's comments,
 * the escalation trail).
 */
export async function listEvents(deps: ReportsDeps, actor: Actor | null, id: string): Promise<ReportEvent[]> {
  const row = await loadVisibleReport(deps.db, actor, id);
  const facts = factsOf(row);
  const full = canSeeInternalTimeline(facts, actor);
  const handling = canSeeAuthorData(facts, actor);
  if (full && actor && !isAuthor(facts, actor))
    await writeAudit(deps.db, {
      actor,
      action: 'report.read_internal_timeline',
      entityType: 'report',
      entityId: row.id,
      at: deps.clock.now(),
      details: { subjectUserId: row.authorId },
    });
  const events = await repo.listEvents(
    deps.db,
    id,
    !full ? { publicOnly: true } : { publicOnly: false, internalExcept: handling ? [] : staffOnlyEvents },
  );
  return events.map((e) => ({
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorRole: e.actorRole,
    payload: e.payload,
    createdAt: e.createdAt.toISOString(),
  }));
}
