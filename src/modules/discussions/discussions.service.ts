import { AppError } from '../../lib/errors.ts';
import { renderMarkdown } from '../../lib/markdown.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { isInAudience } from './audience.ts';
import { canManage, canModerate, canReplyOfficially } from './discussion.policy.ts';
import { effectiveStatus, orderThreads, presentComment, presentSummary } from './discussion.presenter.ts';
import type { DiscussionsDeps } from './discussions.deps.ts';
import * as repo from './discussions.repo.ts';
import type { CreateDiscussionInput, Discussion, DiscussionSummary } from './discussions.schemas.ts';

/** Staff open a discussion for a territory between two moments. */
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
  const rows = await repo.listComments(deps.db, id);
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
    following: actor ? await repo.isFollowing(deps.db, id, actor.id) : false,
    canComment: open && actor !== null && (await isInAudience(deps.db, deps.audience, actor, d.territoryId)),
    canReplyOfficially: open && canReplyOfficially(actor, d),
    canModerate: moderator,
    comments,
  };
}

/** Staff close a discussion before its time. */
export async function closeDiscussion(deps: DiscussionsDeps, actor: Actor, id: string): Promise<Discussion> {
  if (!canManage(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const d = await repo.findDiscussion(tx, id, true);
    if (!d) throw new AppError('discussion_not_found');
    if (d.status === 'results_published') throw new AppError('discussion_results_published');
    await repo.updateDiscussion(tx, id, {
      status: 'closed',
      closesAt: new Date(Math.min(d.closesAt.getTime(), now.getTime())),
    });
    await writeAudit(tx, {
      actor,
      action: 'discussion.close',
      entityType: 'discussion',
      entityId: id,
      at: now,
    });
  });
  return getDiscussion(deps, actor, id);
}

/** The final document: the discussion ends, and its followers are told. */
export async function publishResults(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  text: string,
): Promise<Discussion> {
  if (!canManage(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const d = await repo.findDiscussion(tx, id, true);
    if (!d) throw new AppError('discussion_not_found');
    if (d.status === 'results_published') throw new AppError('discussion_results_published');
    await repo.updateDiscussion(tx, id, {
      status: 'results_published',
      resultsText: text,
      resultsPublishedAt: now,
      closesAt: new Date(Math.min(d.closesAt.getTime(), now.getTime())),
    });
    await repo.noticeFollowers(tx, {
      discussionId: id,
      kind: 'results_published',
      commentId: null,
      at: now,
      exceptUserId: actor.id,
    });
    await writeAudit(tx, {
      actor,
      action: 'discussion.publish_results',
      entityType: 'discussion',
      entityId: id,
      at: now,
    });
  });
  return getDiscussion(deps, actor, id);
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

export async function listNotices(deps: DiscussionsDeps, actor: Actor) {
  const rows = await repo.listNotices(deps.db, actor.id);
  return rows.map(({ n, title }) => ({
    id: n.id,
    discussionId: n.discussionId,
    discussionTitle: title,
    kind: n.kind,
    commentId: n.commentId,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  }));
}

export async function markNoticesRead(deps: DiscussionsDeps, actor: Actor): Promise<void> {
  await repo.markNoticesRead(deps.db, actor.id, deps.clock.now());
}
