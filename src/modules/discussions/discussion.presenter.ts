import { renderMarkdown } from '../../lib/markdown.ts';
import type { Actor } from '../identity/index.ts';
import { mediaUrls } from '../media/media.urls.ts';
import type { AttachmentRow, CommentRow, DiscussionRow } from './discussions.repo.ts';
import {
  type Attachment,
  type Comment,
  type DiscussionSummary,
  EDIT_WINDOW_MINUTES,
} from './discussions.schemas.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export type DiscussionStatus = DiscussionSummary['status'];

/** What staff decided, and the clock: scheduled before it opens, closed once its time is over. */
export function effectiveStatus(
  d: Pick<DiscussionRow, 'status' | 'opensAt' | 'closesAt'>,
  now: Date,
): DiscussionStatus {
  if (d.status !== 'open') return d.status;
  if (now < d.opensAt) return 'scheduled';
  if (now >= d.closesAt) return 'closed';
  return 'open';
}

export function presentSummary(d: DiscussionRow, commentCount: number, now: Date): DiscussionSummary {
  return {
    id: d.id,
    title: d.title,
    territoryId: d.territoryId,
    organisationId: d.organisationId,
    opensAt: d.opensAt.toISOString(),
    closesAt: d.closesAt.toISOString(),
    status: effectiveStatus(d, now),
    opinionMap: d.opinionMap,
    commentCount,
  };
}

/** A file of the discussion: where to download it (and its thumbnail, for a picture). */
export function presentAttachment(a: AttachmentRow): Attachment {
  const urls = mediaUrls(a.id);
  return {
    id: a.id,
    contentType: a.contentType,
    bytes: a.bytes,
    fileName: a.fileName,
    url: urls.url,
    thumbUrl: a.hasThumb ? urls.thumbUrl : null,
  };
}

export type CommentContext = {
  actor: Actor | null;
  now: Date;
  /** Moderators see hidden texts and the flag counts. */
  moderator: boolean;
  supported: Set<string>;
  flagged: Set<string>;
};

/** A comment as the caller may see it: a hidden one keeps its place, reason and replies, not its text. */
export function presentComment(c: CommentRow, ctx: CommentContext): Comment {
  const isMine = ctx.actor?.id === c.authorId;
  const showText = c.state === 'visible' || ctx.moderator || isMine;
  const text = showText && c.text !== '' ? c.text : null;
  const editableUntil = new Date(c.createdAt.getTime() + EDIT_WINDOW_MINUTES * 60_000);
  return {
    id: c.id,
    discussionId: c.discussionId,
    parentId: c.parentId,
    threadId: c.threadId,
    depth: c.depth,
    text,
    html: text === null ? null : renderMarkdown(text),
    isOfficial: c.isOfficial,
    pinned: c.isOfficial && c.state === 'visible',
    state: c.state,
    moderationReason: c.state === 'visible' ? null : c.moderationReason,
    personalDataRemoved: c.personalDataRemoved,
    supportCount: c.supportCount,
    createdAt: c.createdAt.toISOString(),
    editedAt: iso(c.editedAt),
    isMine,
    supportedByMe: ctx.supported.has(c.id),
    flaggedByMe: ctx.flagged.has(c.id),
    editableUntil:
      isMine && ctx.now < editableUntil && c.state === 'visible' ? editableUntil.toISOString() : null,
    flagCount: ctx.moderator ? c.flagCount : null,
  };
}

/**
 * Threads in the order they were started; within a thread its opening comment, then the official
 * replies (pinned), then the rest in the order written (a reply always after what it answers).
 */
export function orderThreads(comments: Comment[]): Comment[] {
  const threads = new Map<string, Comment[]>();
  for (const c of comments) {
    const list = threads.get(c.threadId) ?? [];
    list.push(c);
    threads.set(c.threadId, list);
  }
  const out: Comment[] = [];
  for (const list of threads.values()) {
    const head = list.filter((c) => c.depth === 0);
    const pinned = list.filter((c) => c.depth > 0 && c.pinned);
    const rest = list.filter((c) => c.depth > 0 && !c.pinned);
    out.push(...head, ...pinned, ...rest);
  }
  return out;
}
