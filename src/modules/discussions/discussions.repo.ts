import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import {
  type CommentState,
  commentFlags,
  commentSupports,
  discussionAttachments,
  discussionComments,
  discussionFollowers,
  discussions,
  type FlagReason,
} from '../../db/schema/discussions.ts';
import { userIdentities } from '../../db/schema/oidc.ts';
import { territories } from '../../db/schema/reference.ts';

export type DiscussionRow = typeof discussions.$inferSelect;
export type CommentRow = typeof discussionComments.$inferSelect;

export async function insertDiscussion(
  exec: Executor,
  row: typeof discussions.$inferInsert,
): Promise<DiscussionRow> {
  const [created] = await exec.insert(discussions).values(row).returning();
  return created!;
}

export async function findDiscussion(
  exec: Executor,
  id: string,
  lock = false,
): Promise<DiscussionRow | undefined> {
  const q = exec.select().from(discussions).where(eq(discussions.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateDiscussion(
  exec: Executor,
  id: string,
  patch: Partial<typeof discussions.$inferInsert>,
): Promise<DiscussionRow> {
  const [row] = await exec.update(discussions).set(patch).where(eq(discussions.id, id)).returning();
  return row!;
}

export type DiscussionListRow = DiscussionRow & { commentCount: number };

/** Discussions of a territory (and of the region as a whole), newest first. */
export async function listDiscussions(
  exec: Executor,
  territoryId: string | undefined,
): Promise<DiscussionListRow[]> {
  // The outer row named in full: in a one-table select Drizzle writes `${discussions.id}` as a bare
  // "id", which inside this sub-select is the comment's own id (every count was 0).
  const commentCount = sql<number>`(SELECT count(*)::int FROM discussion_comments c WHERE c.discussion_id = discussions.id)`;
  return exec
    .select({ d: discussions, commentCount })
    .from(discussions)
    .where(
      territoryId
        ? or(
            isNull(discussions.territoryId),
            eq(discussions.territoryId, territoryId),
            sql`${discussions.territoryId} = (SELECT parent_id FROM territories WHERE id = ${territoryId})`,
          )
        : undefined,
    )
    .orderBy(desc(discussions.opensAt))
    .limit(200)
    .then((rows) => rows.map((r) => ({ ...r.d, commentCount: r.commentCount })));
}

/** Region, district or municipality. */
export async function territoryKind(
  exec: Executor,
  id: string,
): Promise<'region' | 'district' | 'municipality' | null> {
  const [row] = await exec.select({ kind: territories.kind }).from(territories).where(eq(territories.id, id));
  return row?.kind ?? null;
}

/** The districts a user is a provider-verified resident of (docs/oidc.md). */
export async function verifiedResidences(exec: Executor, userId: string): Promise<string[]> {
  const rows = await exec
    .selectDistinct({ id: userIdentities.residenceTerritoryId })
    .from(userIdentities)
    .where(and(eq(userIdentities.userId, userId), sql`${userIdentities.residenceTerritoryId} IS NOT NULL`));
  return rows.map((r) => r.id).filter((id): id is string => id !== null);
}

/**
 * Whether the user is a provider-verified resident of the territory or of a territory inside it
 * (districts placed from a verified address, docs/oidc.md).
 */
export async function isVerifiedResidentOf(
  exec: Executor,
  userId: string,
  territoryId: string,
): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(
    exec,
    sql`SELECT EXISTS (
          SELECT 1 FROM ${userIdentities} i
          LEFT JOIN territories t ON t.id = i.residence_territory_id
          WHERE i.user_id = ${userId}
            AND (i.residence_territory_id = ${territoryId} OR t.parent_id = ${territoryId})
        ) AS ok`,
  );
  return rows[0]?.ok === true;
}

// ---- attachments ----------------------------------------------------------------------------------

export type AttachmentRow = {
  id: string;
  contentType: string;
  bytes: number;
  fileName: string | null;
  hasThumb: boolean;
};

/** A discussion's files in their order (uploads of the media pipeline). */
export async function listAttachments(exec: Executor, discussionId: string): Promise<AttachmentRow[]> {
  return queryRows<AttachmentRow>(
    exec,
    sql`SELECT m.id, m.content_type AS "contentType", m.bytes, m.file_name AS "fileName",
          (m.thumb_key IS NOT NULL) AS "hasThumb"
        FROM ${discussionAttachments} a JOIN media m ON m.id = a.media_id
        WHERE a.discussion_id = ${discussionId}
        ORDER BY a.position`,
  ).then((rows) => rows.map((r) => ({ ...r, bytes: Number(r.bytes) })));
}

/**
 * Which of the files may be this discussion's: already its own, or the user's upload (a PDF or an
 * image) that no report, answer, object or other discussion holds.
 */
export async function usableAttachments(
  exec: Executor,
  userId: string,
  discussionId: string,
  mediaIds: string[],
): Promise<string[]> {
  if (mediaIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    exec,
    sql`SELECT m.id FROM media m
        LEFT JOIN ${discussionAttachments} a ON a.media_id = m.id
        WHERE m.id IN (${sql.join(
          mediaIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
          AND (a.discussion_id = ${discussionId}
               OR (a.media_id IS NULL AND m.owner_id = ${userId} AND m.report_id IS NULL
                   AND m.content_type IN ('application/pdf', 'image/jpeg', 'image/png')
                   AND NOT EXISTS (SELECT 1 FROM work_photos w WHERE w.media_id = m.id)))`,
  );
  return rows.map((r) => r.id);
}

/** The discussion's files become exactly these, in this order. */
export async function replaceAttachments(
  exec: Executor,
  discussionId: string,
  mediaIds: string[],
): Promise<void> {
  await exec.delete(discussionAttachments).where(eq(discussionAttachments.discussionId, discussionId));
  if (mediaIds.length === 0) return;
  await exec
    .insert(discussionAttachments)
    .values(mediaIds.map((mediaId, position) => ({ mediaId, discussionId, position })));
}

// ---- comments -------------------------------------------------------------------------------------

export async function insertComment(
  exec: Executor,
  row: typeof discussionComments.$inferInsert,
): Promise<CommentRow> {
  const [created] = await exec.insert(discussionComments).values(row).returning();
  return created!;
}

export async function findComment(exec: Executor, id: string, lock = false): Promise<CommentRow | undefined> {
  const q = exec.select().from(discussionComments).where(eq(discussionComments.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateComment(
  exec: Executor,
  id: string,
  patch: Partial<typeof discussionComments.$inferInsert>,
): Promise<CommentRow> {
  const [row] = await exec
    .update(discussionComments)
    .set(patch)
    .where(eq(discussionComments.id, id))
    .returning();
  return row!;
}

export async function listComments(exec: Executor, discussionId: string): Promise<CommentRow[]> {
  return exec
    .select()
    .from(discussionComments)
    .where(eq(discussionComments.discussionId, discussionId))
    .orderBy(asc(discussionComments.seq));
}

/** Which of the comments the user supports and flagged. */
export async function marksOf(
  exec: Executor,
  userId: string,
  commentIds: string[],
): Promise<{ supported: Set<string>; flagged: Set<string> }> {
  if (commentIds.length === 0) return { supported: new Set(), flagged: new Set() };
  const [supports, flags] = await Promise.all([
    exec
      .select({ id: commentSupports.commentId })
      .from(commentSupports)
      .where(and(eq(commentSupports.userId, userId), inArray(commentSupports.commentId, commentIds))),
    exec
      .select({ id: commentFlags.commentId })
      .from(commentFlags)
      .where(and(eq(commentFlags.userId, userId), inArray(commentFlags.commentId, commentIds))),
  ]);
  return { supported: new Set(supports.map((r) => r.id)), flagged: new Set(flags.map((r) => r.id)) };
}

/** Adds a support; false when the user already supports it. */
export async function addSupport(
  exec: Executor,
  commentId: string,
  userId: string,
  at: Date,
): Promise<boolean> {
  const inserted = await exec
    .insert(commentSupports)
    .values({ commentId, userId, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: commentSupports.commentId });
  if (inserted.length === 0) return false;
  await exec
    .update(discussionComments)
    .set({ supportCount: sql`${discussionComments.supportCount} + 1` })
    .where(eq(discussionComments.id, commentId));
  return true;
}

/** Adds a flag; null when the user already flagged it, else the comment's flag count after it. */
export async function addFlag(
  exec: Executor,
  commentId: string,
  userId: string,
  reason: FlagReason,
  at: Date,
): Promise<number | null> {
  const inserted = await exec
    .insert(commentFlags)
    .values({ commentId, userId, reason, createdAt: at })
    .onConflictDoNothing()
    .returning({ id: commentFlags.commentId });
  if (inserted.length === 0) return null;
  const [row] = await exec
    .update(discussionComments)
    .set({ flagCount: sql`${discussionComments.flagCount} + 1` })
    .where(eq(discussionComments.id, commentId))
    .returning({ flagCount: discussionComments.flagCount });
  return row!.flagCount;
}

/** Flags of comments by reason (for moderators). */
export async function flagsByReason(
  exec: Executor,
  commentIds: string[],
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (commentIds.length === 0) return out;
  const rows = await exec
    .select({ id: commentFlags.commentId, reason: commentFlags.reason, n: sql<number>`count(*)::int` })
    .from(commentFlags)
    .where(inArray(commentFlags.commentId, commentIds))
    .groupBy(commentFlags.commentId, commentFlags.reason);
  for (const r of rows) out.set(r.id, { ...(out.get(r.id) ?? {}), [r.reason]: r.n });
  return out;
}

/** The most frequent flag reason of a comment (the public reason when flags hide it). */
export async function topFlagReason(exec: Executor, commentId: string): Promise<FlagReason | null> {
  const [row] = await exec
    .select({ reason: commentFlags.reason })
    .from(commentFlags)
    .where(eq(commentFlags.commentId, commentId))
    .groupBy(commentFlags.reason)
    .orderBy(desc(sql`count(*)`), asc(commentFlags.reason))
    .limit(1);
  return row?.reason ?? null;
}

export type FlaggedRow = CommentRow & { discussionTitle: string };

/** Comments waiting for a moderator (hidden by flags), then flagged ones still visible. */
export async function listFlagged(exec: Executor): Promise<FlaggedRow[]> {
  const rows = await exec
    .select({ c: discussionComments, title: discussions.title })
    .from(discussionComments)
    .innerJoin(discussions, eq(discussions.id, discussionComments.discussionId))
    .where(
      or(
        eq(discussionComments.state, 'hidden_flags' satisfies CommentState),
        and(sql`${discussionComments.flagCount} > 0`, isNull(discussionComments.flagsReviewedAt)),
      ),
    )
    .orderBy(desc(discussionComments.flagCount), asc(discussionComments.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r.c, discussionTitle: r.title }));
}

// ---- followers and their notices -----------------------------------------------------------------

export async function follow(exec: Executor, discussionId: string, userId: string, at: Date): Promise<void> {
  await exec
    .insert(discussionFollowers)
    .values({ discussionId, userId, createdAt: at })
    .onConflictDoNothing();
}

export async function unfollow(exec: Executor, discussionId: string, userId: string): Promise<void> {
  await exec
    .delete(discussionFollowers)
    .where(and(eq(discussionFollowers.discussionId, discussionId), eq(discussionFollowers.userId, userId)));
}

export async function isFollowing(exec: Executor, discussionId: string, userId: string): Promise<boolean> {
  const rows = await exec
    .select({ id: discussionFollowers.userId })
    .from(discussionFollowers)
    .where(and(eq(discussionFollowers.discussionId, discussionId), eq(discussionFollowers.userId, userId)));
  return rows.length > 0;
}

/** Who follows a discussion, except the person whose action they are about to hear of. */
export async function followerIds(
  exec: Executor,
  discussionId: string,
  exceptUserId: string,
): Promise<string[]> {
  const rows = await exec
    .select({ id: discussionFollowers.userId })
    .from(discussionFollowers)
    .where(
      and(eq(discussionFollowers.discussionId, discussionId), ne(discussionFollowers.userId, exceptUserId)),
    );
  return rows.map((r) => r.id);
}
