import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import { sha256 } from '../../lib/tokens.ts';
import type { AppConfig } from '../../server/config.ts';
import type { AnswerQuality } from '../answers/answers.schemas.ts';
import { findAppellant, insertAppellant } from '../appeals/appeals.repo.ts';
import { writeAudit } from '../audit/audit.repo.ts';
import { type CalendarSource, uncachedCalendar } from '../calendar/calendar-store.ts';
import { appealMilestones } from '../calendar/deadlines.ts';
import { moderationDeadline } from '../calendar/moderation-deadline.ts';
import type { SimilarReport } from '../duplicates/duplicates.schemas.ts';
import { duplicateFields, freshDuplicateFields } from '../duplicates/report-view.ts';
import { type Actor, isStaff } from '../identity/actor.ts';
import { findUserById } from '../identity/identity.repo.ts';
import type { AdvisorOpinion } from '../routing/routing.service.ts';
import { type IntakeInput, type IntakeOutcome, insertSubmittedReports } from './intake.repo.ts';
import type { IntakeBatcher } from './intake-batcher.ts';
import { canSeeAnswerDraft, canSeeAuthorData, canView, isAuthor } from './report.policy.ts';
import { factsOf, presentAnswer, presentDetail, presentSummary } from './report.presenter.ts';
import * as repo from './reports.repo.ts';
import type {
  Appellant,
  CreateReportInput,
  ListReportsQuery,
  ReportDetail,
  ReportEvent,
  ReportList,
} from './reports.schemas.ts';

export type ReportsDeps = {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'disputeWindowDays' | 'regionToleranceMeters'>;
  /** The classifier's opinion for reports the rule table cannot route (absent: rules and curator only). */
  routingAdvisor?: (
    exec: Executor,
    report: { text: string; district: string | null },
  ) => Promise<AdvisorOpinion>;
  /** Batches concurrent submissions into one statement (absent: each report is filed alone). */
  intake?: IntakeBatcher;
  /** Staff corrections of a report's subject become training labels. */
  recordCategoryCorrection?: (
    exec: Executor,
    correction: { reportId: string; categoryCode: string; actorId: string; at: Date },
  ) => Promise<void>;
  /** The production calendar for deadlines (absent: read from the database each time). */
  calendar?: CalendarSource;
  /** Staff corrections of routing become training labels. */
  recordCorrection?: (
    exec: Executor,
    correction: {
      reportId: string;
      organisationId: string;
      actorId: string;
      at: Date;
      source?: 'curator_assign' | 'redirect';
    },
  ) => Promise<void>;
  /** Likely non-answers flagged at submission for the reviewer (absent: no flags). */
  answerQuality?: {
    check(exec: Executor, a: { reportId: string; answerId: string; now: Date }): Promise<void>;
    forget(exec: Executor, answerId: string): Promise<void>;
    load(exec: Executor, answerId: string): Promise<AnswerQuality | null>;
  };
  /** Open reports that look like the one just filed, offered for support (absent: none offered). */
  findSimilar?: (
    actor: Actor,
    report: { id: string; categoryId: string; lat: number; lon: number; text: string },
  ) => Promise<SimilarReport[]>;
  /** Told after a command's timeline events are committed (notifications, live pages). */
  onEventsCommitted?: (reportId: string) => void;
};

export type CreateResult = { report: ReportDetail; created: boolean };

function canonicalHash(body: CreateReportInput): string {
  const { categoryId, text, lat, lon, address, mediaIds, isPublic, kind, appellant } = body;
  return sha256(
    JSON.stringify([
      categoryId,
      text,
      lat,
      lon,
      address ?? null,
      [...mediaIds].sort(),
      isPublic,
      kind,
      appellant ?? null,
    ]),
  );
}

/**
 * Files a report: checks the category and the point, proposes the route, stores the report, its first
 * event and the audit row in one statement (and links the photos in the same transaction). With an
 * idempotency key, a retry of the same request returns the first report; the same key with a
 * different body is refused. Refusals write nothing.
 */
export async function createReport(
  deps: ReportsDeps,
  actor: Actor,
  body: CreateReportInput,
  idempotencyKey: string | undefined,
): Promise<CreateResult> {
  const requestHash = canonicalHash(body);
  const now = deps.clock.now();
  const input: IntakeInput = {
    id: randomUUID(),
    kind: body.kind,
    categoryId: body.categoryId,
    text: body.text,
    lat: body.lat,
    lon: body.lon,
    address: body.address ?? null,
    // Appeals under 59-ФЗ are never public.
    isPublic: body.kind === 'appeal' ? false : body.isPublic,
    authorId: actor.id,
    authorRole: actor.role,
    idempotencyKey: idempotencyKey ?? null,
    requestHash,
    now,
  };
  const tolerance = deps.config.regionToleranceMeters;
  const fileOne = async (exec: Executor) =>
    (await insertSubmittedReports(exec, [input], tolerance)).get(input.id)!;
  let outcome: IntakeOutcome;
  if (body.mediaIds.length === 0 && !body.appellant) {
    // The whole write is one statement, shared with whatever else arrives in the same moment.
    outcome = deps.intake ? await deps.intake.submit(input) : await fileOne(deps.db);
    refuseInvalidIntake(outcome);
  } else {
    // With photos or an appellant, a transaction keeps the report and what belongs to it together.
    outcome = await deps.db.transaction(async (tx) => {
      const filed = await fileOne(tx);
      refuseInvalidIntake(filed);
      if (filed.inserted) {
        await attachReportPhotos(tx, body.mediaIds, actor.id, input.id);
        if (body.appellant) await insertAppellant(tx, input.id, body.appellant, now);
      }
      return filed;
    });
  }
  if (!outcome.inserted) {
    const replay = idempotencyKey ? await replayIfSeen(deps, actor, idempotencyKey, requestHash) : undefined;
    if (replay) return replay;
    throw new AppError('idempotency_conflict');
  }
  const row: repo.ReportRow = {
    id: input.id,
    number: outcome.number!,
    kind: input.kind,
    status: 'submitted',
    categoryId: body.categoryId,
    categoryCode: outcome.categoryCode!,
    categoryNameRu: outcome.categoryNameRu!,
    categoryNameEn: outcome.categoryNameEn!,
    text: body.text,
    lat: body.lat,
    lon: body.lon,
    address: input.address,
    territoryId: outcome.territoryId,
    territoryParentId: outcome.territoryParentId,
    territoryNameRu: outcome.territoryNameRu,
    territoryNameEn: outcome.territoryNameEn,
    organisationId: null,
    organisationNameRu: null,
    organisationNameEn: null,
    authorId: actor.id,
    isPublic: input.isPublic,
    routing: outcome.routing,
    redirectCount: 0,
    assignmentBinding: false,
    clarificationRequestedAt: null,
    statusBeforeClarification: null,
    dueAt: null,
    deadlineExtendedAt: null,
    deadlineExtensionDays: null,
    answeredAt: null,
    createdAt: now,
    updatedAt: now,
    thumbMediaId: body.mediaIds[0] ?? null,
  };
  // A new report has no answer, rating or other photos yet: present it without reading it back.
  const report = presentDetail({
    row,
    actor,
    now,
    disputeWindowDays: deps.config.disputeWindowDays,
    photoIds: body.mediaIds,
    answer: null,
    rating: null,
    ratedCurrentAnswer: false,
    author: null,
    appellant: body.appellant ?? null,
    duplicates: freshDuplicateFields,
    moderationDueAt: await moderationDeadlineOf(deps, row),
  });
  // "Already reported — support it": offered after submission too, so the resident may still join in.
  if (deps.findSimilar)
    report.similar = await deps.findSimilar(actor, {
      id: input.id,
      categoryId: body.categoryId,
      lat: body.lat,
      lon: body.lon,
      text: body.text,
    });
  return { report, created: true };
}

async function attachReportPhotos(exec: Executor, mediaIds: string[], ownerId: string, reportId: string) {
  const attached = await repo.attachMedia(exec, mediaIds, ownerId, { reportId, purpose: 'report' });
  const missing = mediaIds.map((m, i) => ({ m, i })).filter(({ m }) => !attached.includes(m));
  if (missing.length > 0)
    throw new AppError(
      'media_unusable',
      missing.map(({ i }) => ({ path: `mediaIds.${i}`, message: 'media_unusable' })),
    );
}

/** Every problem with the category and the point, listed together; the error's code is the first one's. */
function refuseInvalidIntake(o: IntakeOutcome): void {
  const problems: { code: ErrorCode; detail: ErrorDetail }[] = [];
  if (!o.categoryFound)
    problems.push({ code: 'unknown_category', detail: { path: 'categoryId', message: 'unknown_category' } });
  else if (!o.categorySelectable)
    problems.push({
      code: 'category_not_selectable',
      detail: { path: 'categoryId', message: 'category_not_selectable' },
    });
  if (!o.territoryId) {
    problems.push({ code: 'point_outside_region', detail: { path: 'lat', message: 'point_outside_region' } });
    problems.push({ code: 'point_outside_region', detail: { path: 'lon', message: 'point_outside_region' } });
  }
  if (problems.length > 0)
    throw new AppError(
      problems[0]!.code,
      problems.map((p) => p.detail),
    );
}

async function replayIfSeen(
  deps: ReportsDeps,
  actor: Actor,
  key: string,
  requestHash: string,
): Promise<CreateResult | undefined> {
  const seen = await repo.findByIdempotencyKey(deps.db, actor.id, key);
  if (!seen) return undefined;
  if (seen.requestHash !== requestHash)
    throw new AppError('idempotency_conflict', [
      { path: 'Idempotency-Key', message: 'idempotency_conflict' },
    ]);
  return { report: await getReport(deps, actor, seen.id), created: false };
}

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

export async function getReport(deps: ReportsDeps, actor: Actor | null, id: string): Promise<ReportDetail> {
  const row = await loadVisibleReport(deps.db, actor, id);
  return presentReport(deps, actor, row);
}

/** Builds the detail view: photos, the answer this actor may see, the rating, and (for staff) the author. */
export async function presentReport(
  deps: ReportsDeps,
  actor: Actor | null,
  row: repo.ReportRow,
): Promise<ReportDetail> {
  const facts = factsOf(row);
  const [mediaRows, answerRows] = await Promise.all([
    repo.listMedia(deps.db, row.id),
    repo.listAnswers(deps.db, row.id),
  ]);
  const published = answerRows.find((a) => a.status === 'published');
  const working = answerRows.find((a) => a.status === 'draft' || a.status === 'review');
  const visibleAnswer = working && canSeeAnswerDraft(facts, actor) ? working : published;
  const photosOf = (answerId: string) => mediaRows.filter((m) => m.answerId === answerId).map((m) => m.id);
  const rating = published ? await repo.findRating(deps.db, published.id, row.authorId) : undefined;
  // The flags of the answer under work, for the staff who handle it only.
  const answerQuality =
    visibleAnswer && visibleAnswer === working && deps.answerQuality
      ? await deps.answerQuality.load(deps.db, working.id)
      : null;

  let author: { name: string; email: string } | null = null;
  let appellant: Appellant | null = null;
  const ownAppeal = row.kind === 'appeal' && isAuthor(facts, actor);
  if (ownAppeal) appellant = (await findAppellant(deps.db, row.id)) ?? null;
  if (canSeeAuthorData(facts, actor) && actor && !isAuthor(facts, actor)) {
    const user = await findUserById(deps.db, row.authorId);
    if (row.kind === 'appeal') appellant = (await findAppellant(deps.db, row.id)) ?? null;
    if (user) {
      author = { name: user.name, email: user.email };
      await writeAudit(deps.db, {
        actor,
        action: 'report.read_personal_data',
        entityType: 'report',
        entityId: row.id,
        at: deps.clock.now(),
        details: { subjectUserId: row.authorId },
      });
    }
  }
  return presentDetail({
    row,
    actor,
    now: deps.clock.now(),
    disputeWindowDays: deps.config.disputeWindowDays,
    photoIds: mediaRows.filter((m) => m.purpose === 'report').map((m) => m.id),
    answer: visibleAnswer ? presentAnswer(visibleAnswer, photosOf(visibleAnswer.id)) : null,
    rating: rating ? { score: rating.score, solved: rating.solved, comment: rating.comment } : null,
    ratedCurrentAnswer: Boolean(rating),
    author,
    appellant,
    answerQuality,
    appealDeadlines:
      row.kind === 'appeal'
        ? appealMilestones(await (deps.calendar ?? uncachedCalendar).get(deps.db), row.createdAt)
        : null,
    duplicates: await duplicateFields(deps.db, row, actor),
    moderationDueAt: await moderationDeadlineOf(deps, row),
  });
}

/** The moderation deadline while a report waits for moderation (null once it is moderated). */
function moderationDeadlineOf(deps: ReportsDeps, row: repo.ReportRow): Promise<Date | null> {
  return row.status === 'submitted' ? moderationDeadline(deps.db, deps.calendar, row) : Promise.resolve(null);
}

export function visibilityFor(actor: Actor | null): repo.Visibility {
  if (actor && (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'analyst'))
    return { kind: 'all' };
  return {
    kind: 'scoped',
    userId: actor?.id ?? null,
    organisationId: actor?.role === 'operator' ? actor.organisationId : null,
    territoryId: actor?.role === 'curator' ? actor.territoryId : null,
  };
}

/** Work lists are filters over what the actor may see anyway; asking for a queue you do not have is refused. */
function queueFilters(actor: Actor | null, query: ListReportsQuery): Partial<repo.ListFilters> {
  if (!query.queue) return {};
  if (!actor) throw new AppError('unauthenticated');
  const role = actor.role;
  const deny = () => {
    throw new AppError('forbidden', [{ path: 'queue', message: 'forbidden' }]);
  };
  switch (query.queue) {
    case 'mine':
      return { authorId: actor.id };
    case 'moderation':
      if (role !== 'moderator' && role !== 'admin') deny();
      return { statuses: ['submitted'] };
    // A curator's work lists cover their territory only, not every public report they can read.
    case 'review':
      if (role !== 'moderator' && role !== 'admin' && role !== 'curator') deny();
      return { statuses: ['answer_review'], ...curatorScope(actor) };
    case 'curator':
      if (role !== 'curator' && role !== 'admin') deny();
      return { statuses: ['accepted', 'disputed'], ...curatorScope(actor) };
    case 'organisation':
      if (role !== 'operator' || !actor.organisationId) deny();
      return {
        organisationId: actor.organisationId ?? undefined,
        statuses: ['assigned', 'reopened', 'in_progress', 'answer_drafted', 'answer_review'],
      };
  }
}

function curatorScope(actor: Actor): Partial<repo.ListFilters> {
  return actor.role === 'curator' ? { territoryId: actor.territoryId ?? undefined } : {};
}

export async function listReports(
  deps: ReportsDeps,
  actor: Actor | null,
  query: ListReportsQuery,
): Promise<ReportList> {
  const queue = queueFilters(actor, query);
  const filters: repo.ListFilters = {
    bbox: query.bbox,
    statuses: queue.statuses ?? query.status,
    categoryId: query.category,
    territoryId: queue.territoryId ?? query.territory,
    organisationId: queue.organisationId ?? query.organisation,
    authorId: queue.authorId,
    q: query.q,
  };
  if (query.queue === 'mine') filters.statuses = query.status;
  const { rows, total } = await repo.listReports(
    deps.db,
    visibilityFor(actor),
    filters,
    query.page,
    query.pageSize,
  );
  const now = deps.clock.now();
  return {
    items: rows.map((r) => presentSummary(r, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Public timeline for everyone who may see the report; internal events for its author and staff. */
export async function listEvents(deps: ReportsDeps, actor: Actor | null, id: string): Promise<ReportEvent[]> {
  const row = await loadVisibleReport(deps.db, actor, id);
  const full = (actor !== null && isAuthor(factsOf(row), actor)) || isStaff(actor);
  const events = await repo.listEvents(deps.db, id, !full);
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
