import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/connection.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../../lib/errors.ts';
import { sha256 } from '../../lib/tokens.ts';
import { insertAppellant } from '../appeals/index.ts';
import { freshDuplicateFields } from '../duplicates/report-view.ts';
import type { Actor } from '../identity/index.ts';
import { categoryRequiresPhoto, regionSettings } from '../reference/index.ts';
import { type IntakeInput, type IntakeOutcome, insertSubmittedReports } from './intake.repo.ts';
import { presentDetail } from './report.presenter.ts';
import { getReport, moderationDeadlineOf } from './report-read.service.ts';
import type { ReportsDeps } from './reports.deps.ts';
import * as repo from './reports.repo.ts';
import type { CreateReportInput, ReportDetail } from './reports.schemas.ts';

export type CreateResult = { report: ReportDetail; created: boolean };

function canonicalHash(body: CreateReportInput): string {
  const { categoryId, text, lat, lon, address, mediaIds, isPublic, kind, appellant, objectId } = body;
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
      // Only when given, so the hash of a request without an object stays what it was.
      ...(objectId ? [objectId] : []),
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
  if (body.mediaIds.length === 0 && (await categoryRequiresPhoto(deps.db, body.categoryId)))
    throw new AppError('photo_required', [{ path: 'mediaIds', message: 'photo_required' }]);
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
  // "Already reported — support it", offered in the answer so the resident may still join in: looked
  // up while the report is filed, not after, on a second connection (the look-up leaves the new
  // report out by id and never needs it). Reports filed in the same few milliseconds do not list
  // each other.
  const similar = deps.findSimilar?.(actor, {
    id: input.id,
    categoryId: body.categoryId,
    lat: body.lat,
    lon: body.lon,
    text: body.text,
  });
  // A refused filing throws before the look-up is awaited: its outcome is then of no interest.
  similar?.catch(() => {});
  // The region's settings in force (an admin edits them; every node follows within 5 s).
  const settings = await regionSettings(deps.db, deps.config);
  const tolerance = settings.nearestDistrictToleranceMeters;
  const fileOne = async (exec: Executor) =>
    (await insertSubmittedReports(exec, [input], tolerance)).get(input.id)!;
  let outcome: IntakeOutcome;
  if (body.mediaIds.length === 0 && !body.appellant && !body.objectId) {
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
        if (body.objectId && !(await repo.linkReportObject(tx, input.id, body.objectId)))
          throw new AppError('object_not_found', [{ path: 'objectId', message: 'object_not_found' }]);
      }
      return filed;
    });
  }
  if (!outcome.inserted) {
    const replay = idempotencyKey ? await replayIfSeen(deps, actor, idempotencyKey, requestHash) : undefined;
    if (replay) return replay;
    throw new AppError('idempotency_conflict');
  }
  // The statement returned the report as stored; the photos were linked after it, in the same transaction.
  const row: repo.ReportRow = { ...outcome.report!, thumbMediaId: body.mediaIds[0] ?? null };
  // A new report has no answer, rating or other photos yet: present it without reading it back.
  const report = presentDetail({
    row,
    actor,
    now,
    disputeWindowDays: settings.disputeWindowDays,
    clarificationTimeoutDays: settings.clarificationTimeoutDays,
    photoIds: body.mediaIds,
    answer: null,
    rating: null,
    ratedCurrentAnswer: false,
    author: null,
    appellant: body.appellant ?? null,
    duplicates: freshDuplicateFields,
    moderationDueAt: await moderationDeadlineOf(deps, row),
    notices: outcome.notices,
    object: body.objectId ? await repo.findReportObject(deps.db, input.id) : null,
  });
  if (similar) report.similar = await similar;
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
