import type { Tx } from '../../db/connection.ts';
import type { FlagReason } from '../../db/schema/discussions.ts';
import { AppError } from '../../lib/errors.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import { isInAudience } from './audience.ts';
import { canModerate, canReplyOfficially } from './discussion.policy.ts';
import { effectiveStatus, presentComment } from './discussion.presenter.ts';
import type { DiscussionsDeps } from './discussions.deps.ts';
import * as repo from './discussions.repo.ts';
import {
  type Comment,
  type CreateCommentInput,
  EDIT_WINDOW_MINUTES,
  FLAGS_TO_HIDE,
  type ModerateCommentInput,
} from './discussions.schemas.ts';

const MAX_DEPTH = 2;

async function openDiscussion(tx: Tx, now: Date, id: string): Promise<repo.DiscussionRow> {
  const d = await repo.findDiscussion(tx, id);
  if (!d) throw new AppError('discussion_not_found');
  if (effectiveStatus(d, now) !== 'open') throw new AppError('discussion_closed');
  return d;
}

async function present(deps: DiscussionsDeps, actor: Actor, c: repo.CommentRow): Promise<Comment> {
  const marks = await repo.marksOf(deps.db, actor.id, [c.id]);
  return presentComment(c, { actor, now: deps.clock.now(), moderator: canModerate(actor), ...marks });
}

/**
 * A resident of the audience comments on an open discussion, or replies (two levels deep at most);
 * staff of the responsible authority reply officially (pinned, followers told). Commenting follows
 * the discussion.
 */
export async function addComment(
  deps: DiscussionsDeps,
  actor: Actor,
  discussionId: string,
  input: CreateCommentInput,
): Promise<Comment> {
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const d = await openDiscussion(tx, now, discussionId);
    if (input.official) {
      if (!canReplyOfficially(actor, d)) throw new AppError('not_official_replier');
    } else if (!(await isInAudience(tx, deps.audience, actor, d.territoryId)))
      throw new AppError('not_in_audience');
    let depth = 0;
    let threadId: string | null = null;
    if (input.parentId) {
      const parent = await repo.findComment(tx, input.parentId);
      if (!parent || parent.discussionId !== d.id)
        throw new AppError('parent_not_found', [{ path: 'parentId', message: 'parent_not_found' }]);
      if (parent.depth >= MAX_DEPTH)
        throw new AppError('reply_too_deep', [{ path: 'parentId', message: 'reply_too_deep' }]);
      if (parent.state !== 'visible') throw new AppError('comment_hidden');
      depth = parent.depth + 1;
      threadId = parent.threadId;
    }
    const id = crypto.randomUUID();
    const created = await repo.insertComment(tx, {
      id,
      discussionId: d.id,
      parentId: input.parentId ?? null,
      threadId: threadId ?? id,
      depth,
      authorId: actor.id,
      text: input.text,
      isOfficial: input.official,
      createdAt: now,
    });
    await repo.follow(tx, d.id, actor.id, now);
    if (input.official)
      // One notification per reply (the reply is the subject), leading to the reply in its page.
      await deps.notifier.tell(tx, {
        topic: 'discussion_official_reply',
        subjectId: id,
        subjectTitle: d.title,
        userIds: await repo.followerIds(tx, d.id, actor.id),
        at: now,
        link: `/discussions/${d.id}#comment-${id}`,
      });
    await writeAudit(tx, {
      actor,
      action: input.official ? 'comment.official_reply' : 'comment.create',
      entityType: 'discussion_comment',
      entityId: id,
      details: { discussionId: d.id },
      at: now,
    });
    return created;
  });
  if (input.official) deps.notifier.afterCommit();
  return present(deps, actor, row);
}

/** The author corrects a comment within 15 minutes of posting it, while the discussion is open. */
export async function editComment(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  text: string,
): Promise<Comment> {
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const c = await repo.findComment(tx, id, true);
    if (!c) throw new AppError('comment_not_found');
    if (c.authorId !== actor.id) throw new AppError('not_comment_author');
    await openDiscussion(tx, now, c.discussionId);
    if (now.getTime() - c.createdAt.getTime() > EDIT_WINDOW_MINUTES * 60_000 || c.state !== 'visible')
      throw new AppError('edit_window_closed');
    const updated = await repo.updateComment(tx, id, { text, editedAt: now });
    await writeAudit(tx, {
      actor,
      action: 'comment.edit',
      entityType: 'discussion_comment',
      entityId: id,
      at: now,
    });
    return updated;
  });
  return present(deps, actor, row);
}

/** A resident of the audience supports someone else's visible comment, once. */
export async function supportComment(deps: DiscussionsDeps, actor: Actor, id: string): Promise<Comment> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const c = await repo.findComment(tx, id, true);
    if (!c) throw new AppError('comment_not_found');
    const d = await openDiscussion(tx, now, c.discussionId);
    if (!(await isInAudience(tx, deps.audience, actor, d.territoryId))) throw new AppError('not_in_audience');
    if (c.authorId === actor.id) throw new AppError('own_comment_support');
    if (c.state !== 'visible') throw new AppError('comment_hidden');
    if (!(await repo.addSupport(tx, id, actor.id, now))) throw new AppError('comment_already_supported');
  });
  return present(deps, actor, (await repo.findComment(deps.db, id))!);
}

/**
 * A signed-in resident flags someone else's comment with a reason, once. The third flag from
 * different residents hides it until a moderator decides (a moderator's earlier decision stands:
 * later flags only put it back in their queue).
 */
export async function flagComment(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  reason: FlagReason,
): Promise<Comment> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const c = await repo.findComment(tx, id, true);
    if (!c) throw new AppError('comment_not_found');
    if (actor.role !== 'resident') throw new AppError('forbidden');
    if (c.authorId === actor.id) throw new AppError('own_comment_flag');
    const flags = await repo.addFlag(tx, id, actor.id, reason, now);
    if (flags === null) throw new AppError('already_flagged');
    const hide = c.state === 'visible' && c.flagsReviewedAt === null && flags >= FLAGS_TO_HIDE;
    if (hide)
      await repo.updateComment(tx, id, {
        state: 'hidden_flags',
        moderationReason: await repo.topFlagReason(tx, id),
      });
    await writeAudit(tx, {
      actor,
      action: 'comment.flag',
      entityType: 'discussion_comment',
      entityId: id,
      details: { reason, hidden: hide },
      at: now,
    });
  });
  return present(deps, actor, (await repo.findComment(deps.db, id))!);
}

/**
 * The moderator decides: hide (with a public reason), restore (the flags no longer hide it), or
 * remove personal data from the text. Each decision is in the audit trail; readers see that the
 * moderator hid the comment and why.
 */
export async function moderateComment(
  deps: DiscussionsDeps,
  actor: Actor,
  id: string,
  input: ModerateCommentInput,
): Promise<Comment> {
  if (!canModerate(actor)) throw new AppError('forbidden');
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const c = await repo.findComment(tx, id, true);
    if (!c) throw new AppError('comment_not_found');
    const patch =
      input.action === 'hide'
        ? { state: 'hidden_moderator' as const, moderationReason: input.reason ?? null, flagsReviewedAt: now }
        : input.action === 'restore'
          ? { state: 'visible' as const, moderationReason: null, flagsReviewedAt: now }
          : {
              state: 'visible' as const,
              moderationReason: null,
              text: input.text ?? '',
              personalDataRemoved: true,
              flagsReviewedAt: now,
            };
    const updated = await repo.updateComment(tx, id, patch);
    await writeAudit(tx, {
      actor,
      action: `comment.${input.action}`,
      entityType: 'discussion_comment',
      entityId: id,
      details: { discussionId: c.discussionId, reason: input.reason ?? null, from: c.state },
      at: now,
    });
    return updated;
  });
  return present(deps, actor, row);
}

/** The moderator's queue: comments hidden by flags first, then flagged ones still shown. */
export async function listFlagged(deps: DiscussionsDeps, actor: Actor) {
  if (!canModerate(actor)) throw new AppError('forbidden');
  const rows = await repo.listFlagged(deps.db);
  const flags = await repo.flagsByReason(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock.now();
  const none = new Set<string>();
  return rows.map((r) => ({
    ...presentComment(r, { actor, now, moderator: true, supported: none, flagged: none }),
    discussionTitle: r.discussionTitle,
    flags: flags.get(r.id) ?? {},
  }));
}
