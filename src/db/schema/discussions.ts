import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  commentStates,
  flagReasons,
  statementStatuses,
} from '../../modules/discussions/discussions.schemas.ts';
import { users } from './identity.ts';
import { organisations, territories } from './reference.ts';
import { media } from './reports.ts';

/**
 * Public discussions (общественные обсуждения): a document or project opened by staff for a
 * territory's residents between two moments. `status` is what staff decided (open, closed early,
 * results published); whether it is open right now also depends on the clock (opensAt/closesAt).
 */
export const discussions = pgTable(
  'discussions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** Safe Markdown (src/lib/markdown.ts). */
    body: text('body').notNull(),
    /** Who is asked: residents of this territory (and its districts); null is the whole region. */
    territoryId: uuid('territory_id').references(() => territories.id),
    /** The authority whose operators give official replies. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['open', 'closed', 'results_published'] })
      .notNull()
      .default('open'),
    /** The optional Pol.is-style mode: statements, votes and the opinion map. */
    opinionMap: boolean('opinion_map').notNull().default(false),
    /** Groups are shown only from this many participants (people who voted). */
    minParticipants: integer('min_participants').notNull().default(15),
    /** The final document (safe Markdown), set when results are published. */
    resultsText: text('results_text'),
    resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('discussions_territory_idx').on(t.territoryId, t.closesAt)],
);

/**
 * A comment in a thread: depth 0 answers the discussion, 1 a comment, 2 a reply (no deeper).
 * `state` says whether readers see the text: hidden by three flags until a moderator decides, or by
 * the moderator with a public reason.
 */
export const discussionComments = pgTable(
  'discussion_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of writing (timestamps tie under an injected clock and in bursts). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    discussionId: uuid('discussion_id')
      .notNull()
      .references(() => discussions.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => discussionComments.id),
    /** The top-level comment of the thread (itself for a top-level one): official replies pin within it. */
    threadId: uuid('thread_id').notNull(),
    depth: smallint('depth').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    /** Written by the authority's operator (or a moderator) as the official reply. */
    isOfficial: boolean('is_official').notNull().default(false),
    state: text('state', { enum: commentStates }).notNull().default('visible'),
    /** The moderator's reason when hidden by them (a flag reason), shown publicly. */
    moderationReason: text('moderation_reason', { enum: flagReasons }),
    /** Personal data was cut out by the moderator (the text now says so). */
    personalDataRemoved: boolean('personal_data_removed').notNull().default(false),
    /** The moderator looked at the flags: they no longer hide it. */
    flagsReviewedAt: timestamp('flags_reviewed_at', { withTimezone: true }),
    supportCount: integer('support_count').notNull().default(0),
    flagCount: integer('flag_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [
    index('discussion_comments_discussion_idx').on(t.discussionId, t.seq),
    index('discussion_comments_flagged_idx').on(t.state).where(sql`state <> 'visible'`),
  ],
);

/** One support ("+1") per resident and comment. */
export const commentSupports = pgTable(
  'comment_supports',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => discussionComments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

/** One flag per resident and comment, with its reason. */
export const commentFlags = pgTable(
  'comment_flags',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => discussionComments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: flagReasons }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

/** Residents who follow a discussion: told of official replies and of the results. */
export const discussionFollowers = pgTable(
  'discussion_followers',
  {
    discussionId: uuid('discussion_id')
      .notNull()
      .references(() => discussions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.discussionId, t.userId] })],
);

/**
 * Files of a discussion (the document's PDF, plans, pictures) uploaded through the media pipeline:
 * public like the discussion, kept while it lists them (the orphan cleanup skips them).
 */
export const discussionAttachments = pgTable(
  'discussion_attachments',
  {
    mediaId: uuid('media_id')
      .primaryKey()
      .references(() => media.id, { onDelete: 'cascade' }),
    discussionId: uuid('discussion_id')
      .notNull()
      .references(() => discussions.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
  },
  (t) => [index('discussion_attachments_discussion_idx').on(t.discussionId, t.position)],
);

/** Opinion-map statements (≤ 280 characters), seen by others only once a moderator approves them. */
export const opinionStatements = pgTable(
  'opinion_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    discussionId: uuid('discussion_id')
      .notNull()
      .references(() => discussions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    status: text('status', { enum: statementStatuses }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  },
  (t) => [index('opinion_statements_discussion_idx').on(t.discussionId, t.status)],
);

/** One vote per participant and statement: 1 agree, -1 disagree, 0 pass. A new vote replaces it. */
export const opinionVotes = pgTable(
  'opinion_votes',
  {
    statementId: uuid('statement_id')
      .notNull()
      .references(() => opinionStatements.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    discussionId: uuid('discussion_id')
      .notNull()
      .references(() => discussions.id, { onDelete: 'cascade' }),
    vote: smallint('vote').notNull(),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
    /**
     * Taken from a sequence at every vote (and change of vote): the job knows a map is stale when a
     * vote's seq passed the snapshot it computed from, without a per-discussion counter row that
     * every vote would have to lock.
     */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.userId] }),
    index('opinion_votes_discussion_user_idx').on(t.discussionId, t.userId),
    index('opinion_votes_discussion_seq_idx').on(t.discussionId, t.seq),
  ],
);

/**
 * The last computed opinion map of a discussion (the job's output) and the vote sequence number it
 * was computed from: the job recomputes where a vote's `seq` passed `computed_seq`, at most once an
 * interval. A sequence rather than a time, because votes within the same instant as a snapshot must
 * not be lost.
 */
export const opinionMaps = pgTable('opinion_maps', {
  discussionId: uuid('discussion_id')
    .primaryKey()
    .references(() => discussions.id, { onDelete: 'cascade' }),
  computedSeq: bigint('computed_seq', { mode: 'number' }).notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }),
  /** The map as GET /opinion-map shows it, plus each participant's point (for the chart). */
  result: jsonb('result'),
});

export type {
  CommentState,
  FlagReason,
  StatementStatus,
} from '../../modules/discussions/discussions.schemas.ts';
