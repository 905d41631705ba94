import type { Tx } from '../../db/connection.ts';
import { sqlState } from '../../db/sql-state.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as reportsRepo from '../reports/index.ts';
import { canView, factsOf, inCuratorScope, type ReportFacts } from '../reports/index.ts';
import { openStatuses, type ReportAction, type ReportStatus } from '../reports/report-states.ts';
import type { ActionBodies } from '../reports/reports.schemas.ts';
import * as repo from './duplicates.repo.ts';
import { followersToMove, supportWeight } from './merge-plan.ts';

type Args<B> = { tx: Tx; actor: Actor; row: reportsRepo.ReportRow; body: B; now: Date };
type MergeStep = {
  status: ReportStatus;
  events: { type: string; payload: Record<string, unknown>; isPublic: boolean }[];
  changes: { mergedIntoId: string | null; isPublic?: boolean };
};

/** Statuses in which no moderator has let the report through yet. */
const unmoderated: readonly ReportStatus[] = ['submitted', 'clarification_requested'];

/**
 * Specific refusals for merge and unmerge by the duplicate's own state, checked before the status
 * machine would answer a generic "not in this status".
 */
export function refuseMergeByState(action: ReportAction, r: Pick<ReportFacts, 'kind' | 'status'>): void {
  if (action === 'merge' && r.kind === 'appeal') throw new AppError('appeal_not_mergeable');
  if (action === 'merge' && r.status === 'merged') throw new AppError('already_merged');
  if (action === 'unmerge' && r.status !== 'merged') throw new AppError('not_merged');
}

/** Who may join a duplicate to this primary: moderators, curators in its scope, its organisation. */
export function mayMergeInto(primary: ReportFacts, actor: Actor): boolean {
  if (actor.role === 'moderator' || actor.role === 'admin') return true;
  if (actor.role === 'curator') return inCuratorScope(primary, actor);
  return (
    actor.role === 'operator' &&
    actor.organisationId !== null &&
    primary.organisationId === actor.organisationId
  );
}

async function findPrimary(tx: Tx, actor: Actor, body: ActionBodies['merge']) {
  const path = body.primaryId !== undefined ? 'primaryId' : 'primaryNumber';
  const refuse = (code: 'merge_primary_not_found' | 'merge_into_self' | 'merge_into_appeal') =>
    new AppError(code, [{ path, message: code }]);
  const id = body.primaryId ?? (await repo.findReportIdByNumber(tx, body.primaryNumber ?? 0));
  const primary = id ? await lockPrimary(tx, id) : undefined;
  // A report the actor may not see answers exactly like one that does not exist.
  if (!primary || !canView(factsOf(primary), actor)) throw refuse('merge_primary_not_found');
  return { primary, path, refuse };
}

/**
 * The duplicate is already locked; two opposite merges at once (A into B, B into A) would wait on
 * each other. PostgreSQL breaks the deadlock by failing one of them: that one is told to retry.
 */
async function lockPrimary(tx: Tx, id: string) {
  try {
    return await reportsRepo.findReport(tx, id, true);
  } catch (error) {
    if (sqlState(error) === '40P01') throw new AppError('report_busy');
    throw error;
  }
}

/**
 * Joins the duplicate to its primary: the duplicate's author and followers follow the primary, its
 * photos are shown there, the primary's priority rises by the people who back the problem, and
 * exactly what moved is recorded (report_merges) so that unmerge can put it back.
 */
export async function mergeHandler({
  tx,
  actor,
  row,
  body,
  now,
}: Args<ActionBodies['merge']>): Promise<MergeStep> {
  const { primary, path, refuse } = await findPrimary(tx, actor, body);
  if (primary.id === row.id) throw refuse('merge_into_self');
  if (primary.kind === 'appeal') throw refuse('merge_into_appeal');
  if (!openStatuses.includes(primary.status))
    throw new AppError('merge_primary_not_open', [{ path, message: 'merge_primary_not_open' }]);
  if (!mayMergeInto(factsOf(primary), actor))
    throw new AppError('forbidden', [{ path, message: 'forbidden' }]);

  const planned = followersToMove(row, await repo.listFollowers(tx, row.id), primary);
  const added = await repo.insertFollowers(tx, primary.id, planned, now);
  const mediaIds = await repo.listReportPhotoIds(tx, row.id);
  await repo.moveMedia(tx, mediaIds, row.id, primary.id);
  const priorityAdded = supportWeight(added);
  await repo.addPriority(tx, primary.id, priorityAdded);
  // A merge is not a moderation: a duplicate no moderator has let through stays private while
  // merged ('merged' is otherwise a public status), and its publicity comes back with an unmerge.
  const hiddenUntilModerated = unmoderated.includes(row.status) && row.isPublic;
  await repo.insertMerge(tx, {
    duplicateId: row.id,
    primaryId: primary.id,
    fromStatus: row.status,
    moved: {
      followers: added,
      mediaIds,
      priorityAdded,
      ...(hiddenUntilModerated ? { hiddenUntilModerated } : {}),
    },
    mergedBy: actor.id,
    mergedAt: now,
  });
  await primaryEvent(tx, actor, primary, now, 'merged_from', {
    duplicateId: row.id,
    duplicateNumber: row.number,
    followers: added.length,
    photos: mediaIds.length,
    supportAdded: priorityAdded,
  });
  return {
    status: 'merged',
    events: [
      {
        type: 'merged_into',
        payload: {
          primaryId: primary.id,
          primaryNumber: primary.number,
          ...(body.comment ? { comment: body.comment } : {}),
        },
        isPublic: true,
      },
    ],
    changes: { mergedIntoId: primary.id, ...(hiddenUntilModerated ? { isPublic: false } : {}) },
  };
}

/** Splits a merged report off its primary again, removing exactly what its merge added. */
export async function unmergeHandler({
  tx,
  actor,
  row,
  body,
  now,
}: Args<ActionBodies['unmerge']>): Promise<MergeStep> {
  const merge = await repo.findActiveMerge(tx, row.id);
  if (!merge) throw new AppError('not_merged');
  const primary = await reportsRepo.findReport(tx, merge.primaryId, true);
  if (!primary) throw new AppError('not_merged');
  if (!mayMergeInto(factsOf(primary), actor)) throw new AppError('forbidden');

  const removed = await repo.deleteFollowers(tx, primary.id, merge.moved.followers);
  await repo.moveMedia(tx, merge.moved.mediaIds, primary.id, row.id);
  // Supporters who withdrew meanwhile already took their point back: only those still there count.
  await repo.addPriority(tx, primary.id, -supportWeight(removed));
  await repo.markMergeUndone(tx, merge.id, actor.id, now);
  await primaryEvent(tx, actor, primary, now, 'merge_undone', {
    duplicateId: row.id,
    duplicateNumber: row.number,
  });
  return {
    status: merge.fromStatus,
    events: [
      {
        type: 'unmerged',
        payload: {
          primaryId: primary.id,
          primaryNumber: primary.number,
          ...(body.comment ? { comment: body.comment } : {}),
        },
        isPublic: true,
      },
    ],
    changes: { mergedIntoId: null, ...(merge.moved.hiddenUntilModerated ? { isPublic: true } : {}) },
  };
}

/** The primary's side of the story: a timeline entry (no personal data) and an audit row. */
async function primaryEvent(
  tx: Tx,
  actor: Actor,
  primary: reportsRepo.ReportRow,
  now: Date,
  type: 'merged_from' | 'merge_undone',
  payload: Record<string, unknown>,
) {
  await reportsRepo.insertEvents(tx, [
    {
      reportId: primary.id,
      type,
      fromStatus: primary.status,
      toStatus: primary.status,
      actorId: actor.id,
      actorRole: actor.role,
      isPublic: true,
      payload,
      createdAt: now,
    },
  ]);
  await reportsRepo.updateReport(tx, primary.id, { updatedAt: now });
  await writeAudit(tx, {
    actor,
    action: `report.${type}`,
    entityType: 'report',
    entityId: primary.id,
    at: now,
    details: { duplicateId: payload.duplicateId },
  });
}
