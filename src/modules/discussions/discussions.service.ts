import type { Tx } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { renderMarkdown } from '../../lib/markdown.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { isInAudience } from './audience.ts';
import { canManage, canModerate, canReplyOfficially } from './discussion.policy.ts';
import {
  effectiveStatus,
  orderThreads,
  presentAttachment,
  presentComment,
  presentSummary,
} from './discussion.presenter.ts';
import type { DiscussionsDeps } from './discussions.deps.ts';
import * as repo from './discussions.repo.ts';
import type {
  CreateDiscussionInput,
  Discussion,
  DiscussionSummary,
  UpdateDiscussionInput,
} from './discussions.schemas.ts';

/** Staff open a discussion for a territory between two moments, with its files. */
export async function createDiscussion(
  deps: DiscussionsDeps,
  actor: Actor,
  input: CreateDiscussionInput,
): Promise<Discussion> {
  if (!canManage(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const row = await repo.insertDiscussion(tx, {
      title: input.title,
      body: input.body,
      territoryId: input.territoryId,
      organisationId: input.organisationId,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      opinionMap: input.opinionMap,
      minParticipants: input.minParticipants,
      createdBy: actor.id,
      createdAt: now,
    });
    await setAttachments(tx, actor, row.id, input.attachmentIds);
    await writeAudit(tx, {
      actor,
      action: 'discussion.create',
      entityType: 'discussion',
      entityId: row.id,
      at: now,
    });
    return row.id;
  });
  return getDiscussion(deps, actor, id);
}

export async function listDiscussions(
  deps: DiscussionsDeps,
  territoryId: string | undefined,
): Promise<DiscussionSummary[]> {
  const now = deps.clock.now();
  const rows = await repo.listDiscussions(deps.db, territoryId);
  return rows.map((r) => presentSummary(r, r.commentCount, now));
}

/** A discussion with its threads as the caller may see them. */
export async function getDiscussion(
  deps: DiscussionsDeps,
  actor: Actor | null,
  id: string,
): Promise<Discussion> {
  const d = await repo.findDiscussion(deps.db, id);
  if (!d) throw new AppError('discussion_not_found');
  const now = deps.clock.now();
  const [rows, files] = await Promise.all([
    repo.listComments(deps.db, id),
    repo.listAttachments(deps.db, id),
  ]);
  const marks = actor
    ? await repo.marksOf(
        deps.db,
        actor.id,
        rows.map((r) => r.id),
      )
    : { supported: new Set<string>(), flagged: new Set<string>() };
  const moderator = canModerate(actor);
  const comments = orderThreads(rows.map((c) => presentComment(c, { actor, now, moderator, ...marks })));
  const status = effectiveStatus(d, now);
  const open = status === 'open';
  return {
    ...presentSummary(d, rows.length, now),
    body: d.body,
    bodyHtml: renderMarkdown(d.body),
    minParticipants: d.minParticipants,
    resultsText: d.resultsText,
    resultsHtml: d.resultsText === null ? null : renderMarkdown(d.resultsText),
    resultsPublishedAt: d.resultsPublishedAt?.toISOString() ?? null,
    attachments: files.map(presentAttachment),
    following: actor ? await repo.isFollowing(deps.db, id, actor.id) : false,
    canComment: open && actor !== null && (await isInAudience(deps.db, deps.audience, actor, d.territoryId)),
    canReplyOfficially: open && canReplyOfficially(actor, d),
    canModerate: moderator,
    comments,
  };
}

/**
 * A staff change to a discussion that is not finished: checked, done under the row's lock, audited
 * with `action` in the same transaction; returns the discussion as it now is.
 */
async function changeUnfinished(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  action: string,
  change: (tx: Tx, d: repo.DiscussionRow, now: Date) => Promise<Record<string, unknown> | undefined>,
): Promise<Discussion> {
  if (!canManage(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const d = await repo.findDiscussion(tx, id, true);
    if (!d) throw new AppError('discussion_not_found');
    if (d.status === 'results_published') throw new AppError('discussion_results_published');
    const details = await change(tx, d, now);
    await writeAudit(tx, {
      actor,
      action,
      entityType: 'discussion',
      entityId: id,
      ...(details ? { details } : {}),
      at: now,
    });
  });
  return getDiscussion(deps, actor, id);
}

/** Ends a discussion now, unless its time is already over. */
const endNow = (d: repo.DiscussionRow, now: Date) => new Date(Math.min(d.closesAt.getTime(), now.getTime()));

/**
 * Staff correct a discussion (title, text, closing time) and its files while it is not finished.
 * The file list given replaces the old one; files taken off it become orphans the cleanup removes.
 */
export function updateDiscussion(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  input: UpdateDiscussionInput,
): Promise<Discussion> {
  return changeUnfinished(deps, actor, id, 'discussion.update', async (tx, d) => {
    const closesAt = input.closesAt === undefined ? d.closesAt : new Date(input.closesAt);
    if (closesAt <= d.opensAt)
      throw new AppError('validation_failed', [{ path: 'closesAt', message: 'discussion_times' }]);
    await repo.updateDiscussion(tx, id, {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.body === undefined ? {} : { body: input.body }),
      closesAt,
    });
    if (input.attachmentIds !== undefined) await setAttachments(tx, actor, id, input.attachmentIds);
    return { fields: Object.keys(input) };
  });
}

/**
 * The discussion's files become exactly these, in this order. A new one must be the caller's own
 * upload, attached nowhere else, and a PDF or an image; every unusable one is listed.
 */
async function setAttachments(tx: Tx, actor: Actor, discussionId: string, mediaIds: string[]): Promise<void> {
  const usable = new Set(await repo.usableAttachments(tx, actor.id, discussionId, mediaIds));
  const problems = mediaIds
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => !usable.has(m))
    .map(({ i }) => ({ path: `attachmentIds.${i}`, message: 'attachment_unusable' }));
  if (problems.length > 0) throw new AppError('attachment_unusable', problems);
  await repo.replaceAttachments(tx, discussionId, mediaIds);
}

/** Staff close a discussion before its time. */
export function closeDiscussion(deps: DiscussionsDeps, actor: Actor, id: string): Promise<Discussion> {
  return changeUnfinished(deps, actor, id, 'discussion.close', async (tx, d, now) => {
    await repo.updateDiscussion(tx, id, { status: 'closed', closesAt: endNow(d, now) });
    return undefined;
  });
}

/** The final document: the discussion ends, and its followers are told. */
export async function publishResults(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  text: string,
): Promise<Discussion> {
  const published = await changeUnfinished(
    deps,
    actor,
    id,
    'discussion.publish_results',
    async (tx, d, now) => {
      await repo.updateDiscussion(tx, id, {
        status: 'results_published',
        resultsText: text,
        resultsPublishedAt: now,
        closesAt: endNow(d, now),
      });
      await deps.notifier.tell(tx, {
        topic: 'discussion_results',
        subjectId: id,
        subjectTitle: d.title,
        userIds: await repo.followerIds(tx, id, actor.id),
        at: now,
      });
      return undefined;
    },
  );
  deps.notifier.afterCommit();
  return published;
}

export async function setFollowing(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  following: boolean,
): Promise<{ following: boolean }> {
  const d = await repo.findDiscussion(deps.db, id);
  if (!d) throw new AppError('discussion_not_found');
  if (following) await repo.follow(deps.db, id, actor.id, deps.clock.now());
  else await repo.unfollow(deps.db, id, actor.id);
  return { following };
}
