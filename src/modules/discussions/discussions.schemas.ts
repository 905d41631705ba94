import { z } from 'zod';
import { markdownText } from '../../lib/markdown.ts';
import { isoMomentSchema } from '../calendar/calendar.schemas.ts';

/* The values stored in discussion columns (the tables in src/db/schema use them too). */
export const commentStates = ['visible', 'hidden_flags', 'hidden_moderator'] as const;
export type CommentState = (typeof commentStates)[number];
export const flagReasons = ['spam', 'offensive', 'off_topic', 'personal_data'] as const;
export type FlagReason = (typeof flagReasons)[number];
export const statementStatuses = ['pending', 'approved', 'rejected'] as const;
export type StatementStatus = (typeof statementStatuses)[number];

/** Comments: long enough for a reasoned objection, short enough to stay a comment. */
export const COMMENT_MAX = 5000;
/** Opinion-map statements (Pol.is keeps them tweet-sized so that each can be voted on alone). */
export const STATEMENT_MAX = 280;
/** Minutes a comment's author may still edit it. */
export const EDIT_WINDOW_MINUTES = 15;
/** Flags from different residents that hide a comment until a moderator decides. */
export const FLAGS_TO_HIDE = 3;

/** Files a discussion lists (the document, its annexes, plans). */
export const ATTACHMENTS_MAX = 20;

export const idParamsSchema = z.object({ id: z.uuid() });

const attachmentIdsSchema = z
  .array(z.uuid())
  .max(ATTACHMENTS_MAX)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'vmeste:attachment_twice' })
  .describe('Uploads (POST /api/v1/media: PDF or images) in the order shown');

export const attachmentSchema = z.object({
  id: z.uuid(),
  contentType: z.string(),
  bytes: z.number().int(),
  /** A document's file name (null for a picture). */
  fileName: z.string().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const createDiscussionSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    body: markdownText(50_000).describe('The document or project, in safe Markdown'),
    territoryId: z.uuid().nullable().default(null).describe('Residents of this territory; null: the region'),
    organisationId: z.uuid().nullable().default(null).describe('The authority that gives official replies'),
    opensAt: isoMomentSchema,
    closesAt: isoMomentSchema,
    opinionMap: z.boolean().default(false).describe('Pol.is-style statements and opinion groups'),
    minParticipants: z.number().int().min(2).max(10_000).default(15),
    attachmentIds: attachmentIdsSchema.default([]),
  })
  .refine((d) => Date.parse(d.closesAt) > Date.parse(d.opensAt), {
    path: ['closesAt'],
    message: 'vmeste:discussion_times',
  });
export type CreateDiscussionInput = z.output<typeof createDiscussionSchema>;

export const updateDiscussionSchema = z
  .object({
    title: z.string().trim().min(3).max(200).optional(),
    body: markdownText(50_000).optional(),
    closesAt: isoMomentSchema.optional(),
    attachmentIds: attachmentIdsSchema.optional().describe('Replaces the list of files'),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'vmeste:nothing_to_change' });
export type UpdateDiscussionInput = z.output<typeof updateDiscussionSchema>;

export const discussionListQuerySchema = z.object({
  territoryId: z.uuid().optional(),
});

export const publishResultsSchema = z.object({
  text: markdownText(50_000).pipe(z.string().trim().min(1)).describe('The final document'),
});

export const createCommentSchema = z.object({
  text: markdownText(COMMENT_MAX).pipe(z.string().trim().min(1)),
  parentId: z.uuid().optional().describe('The comment (or reply) answered; replies go two levels deep'),
  official: z.boolean().default(false).describe('An official reply of the responsible organisation'),
});
export type CreateCommentInput = z.output<typeof createCommentSchema>;

export const editCommentSchema = z.object({ text: markdownText(COMMENT_MAX).pipe(z.string().trim().min(1)) });

export const flagSchema = z.object({ reason: z.enum(flagReasons) });

export const moderateCommentSchema = z
  .object({
    action: z.enum(['hide', 'restore', 'remove_personal_data']),
    reason: z.enum(flagReasons).optional().describe('Shown publicly with a comment the moderator hides'),
    text: markdownText(COMMENT_MAX)
      .optional()
      .describe('remove_personal_data: the text without the personal data (absent: the text is removed)'),
  })
  .refine((b) => b.action !== 'hide' || b.reason !== undefined, {
    path: ['reason'],
    message: 'vmeste:required',
  });
export type ModerateCommentInput = z.output<typeof moderateCommentSchema>;

export const commentSchema = z.object({
  id: z.uuid(),
  discussionId: z.uuid(),
  parentId: z.uuid().nullable(),
  threadId: z.uuid(),
  depth: z.number().int(),
  /** Null while hidden (flags or moderator): readers see only that and why. */
  text: z.string().nullable(),
  html: z.string().nullable(),
  isOfficial: z.boolean(),
  /** Official replies are pinned at the top of their thread. */
  pinned: z.boolean(),
  state: z.enum(commentStates),
  moderationReason: z.enum(flagReasons).nullable(),
  personalDataRemoved: z.boolean(),
  supportCount: z.number().int(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  isMine: z.boolean(),
  supportedByMe: z.boolean(),
  flaggedByMe: z.boolean(),
  /** Until when the author may edit it (null: not the caller's, or the window has passed). */
  editableUntil: z.string().nullable(),
  /** Staff only: the flags by reason. */
  flagCount: z.number().int().nullable(),
});
export type Comment = z.infer<typeof commentSchema>;

export const discussionStatusSchema = z.enum(['scheduled', 'open', 'closed', 'results_published']);

export const discussionSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  territoryId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  status: discussionStatusSchema,
  opinionMap: z.boolean(),
  commentCount: z.number().int(),
});
export type DiscussionSummary = z.infer<typeof discussionSummarySchema>;

export const discussionSchema = discussionSummarySchema.extend({
  body: z.string(),
  bodyHtml: z.string(),
  minParticipants: z.number().int(),
  resultsText: z.string().nullable(),
  resultsHtml: z.string().nullable(),
  resultsPublishedAt: z.string().nullable(),
  /** The document's files (PDF, pictures), public like the discussion. */
  attachments: z.array(attachmentSchema),
  following: z.boolean(),
  /** The caller may comment (signed in, in the audience, while open). */
  canComment: z.boolean(),
  /** The caller may give official replies. */
  canReplyOfficially: z.boolean(),
  canModerate: z.boolean(),
  /** Threads in order; inside each, official replies first (pinned), then by time. */
  comments: z.array(commentSchema),
});
export type Discussion = z.infer<typeof discussionSchema>;

export const discussionListSchema = z.object({ items: z.array(discussionSummarySchema) });

export const flaggedListSchema = z.object({
  items: z.array(
    commentSchema.extend({ discussionTitle: z.string(), flags: z.record(z.string(), z.number()) }),
  ),
});

// ---- opinion map ---------------------------------------------------------------------------------

/** Generous here so that a long statement is refused with `statement_too_long`, not a generic error. */
export const createStatementSchema = z.object({ text: z.string().trim().min(1).max(10_000) });
export const voteSchema = z.object({ vote: z.enum(['agree', 'disagree', 'pass']) });
export type VoteValue = z.infer<typeof voteSchema>['vote'];
export const moderateStatementSchema = z.object({ decision: z.enum(['approve', 'reject']) });

export const statementSchema = z.object({
  id: z.uuid(),
  discussionId: z.uuid(),
  text: z.string(),
  status: z.enum(statementStatuses),
  createdAt: z.string(),
  isMine: z.boolean(),
});
export type Statement = z.infer<typeof statementSchema>;
export const statementListSchema = z.object({ items: z.array(statementSchema) });
export const statementQuerySchema = z.object({ status: z.enum(statementStatuses).default('approved') });

export const nextStatementSchema = z.object({
  /** The next approved statement the caller has not voted on (null: none left). */
  statement: statementSchema.nullable(),
  remaining: z.number().int(),
  voted: z.number().int(),
});

export const voteResultSchema = z.object({ statementId: z.uuid(), vote: voteSchema.shape.vote });

export const opinionMapSchema = z.object({
  participants: z.number().int(),
  computedAt: z.string().nullable(),
  /** Empty below the discussion's minimum of participants. */
  groups: z.array(
    z.object({
      id: z.number().int(),
      size: z.number().int(),
      representative: z.array(
        z.object({
          statementId: z.uuid(),
          /** Shares (0–1) of the group's votes on it. */
          agree: z.number(),
          disagree: z.number(),
        }),
      ),
    }),
  ),
  consensus: z.array(z.object({ statementId: z.uuid(), agree: z.number() })),
  /** Each participant's place on the 2-D projection and group (anonymous), for the chart. */
  points: z.array(z.object({ x: z.number(), y: z.number(), group: z.number().int() })),
  statements: z.array(z.object({ id: z.uuid(), text: z.string() })),
  minParticipants: z.number().int(),
});
export type OpinionMap = z.infer<typeof opinionMapSchema>;
