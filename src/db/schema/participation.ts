import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type ItemGeometry,
  questionKinds,
  resultsVisibilities,
  type StoredAnswer,
  voteItemStatuses,
} from '../../modules/participation/kinds.schemas.ts';
import { users } from './identity.ts';
import { media } from './reports.ts';

export type { ItemGeometry, StoredAnswer } from '../../modules/participation/kinds.schemas.ts';

/*
 * Participation: polls (surveys) and two-stage rating votes. One ballot per resident per poll or
 * vote is a unique index, so the database, not the UI, enforces it, also under concurrent requests.
 * Audiences are territory ids (empty = the whole region) plus "verified residents only".
 */

export const polls = pgTable(
  'polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** Safe Markdown (rendered on the server). */
    description: text('description').notNull(),
    /** An uploaded image (media id), shown above the questions. */
    imageId: uuid('image_id'),
    audienceTerritoryIds: uuid('audience_territory_ids').array().notNull(),
    verifiedOnly: boolean('verified_only').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    ballotChangeable: boolean('ballot_changeable').notNull(),
    resultsVisibility: text('results_visibility', { enum: resultsVisibilities }).notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [index('polls_status_closes_idx').on(t.status, t.closesAt)],
);

export const pollQuestions = pgTable(
  'poll_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    kind: text('kind', { enum: questionKinds }).notNull(),
    text: text('text').notNull(),
    required: boolean('required').notNull(),
    maxChoices: smallint('max_choices'),
    scaleMin: smallint('scale_min'),
    scaleMax: smallint('scale_max'),
    /** Shown only when the earlier question `showIfQuestionId` has one of `showIfOptionIds` chosen. */
    showIfQuestionId: uuid('show_if_question_id'),
    showIfOptionIds: uuid('show_if_option_ids').array(),
  },
  (t) => [uniqueIndex('poll_questions_position_uq').on(t.pollId, t.position)],
);

export const pollOptions = pgTable(
  'poll_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => pollQuestions.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('poll_options_position_uq').on(t.questionId, t.position)],
);

export const pollBallots = pgTable(
  'poll_ballots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<StoredAnswer[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('poll_ballots_poll_user_uq').on(t.pollId, t.userId)],
);

export const votes = pgTable('votes', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  audienceTerritoryIds: uuid('audience_territory_ids').array().notNull(),
  verifiedOnly: boolean('verified_only').notNull(),
  proposalsOpenAt: timestamp('proposals_open_at', { withTimezone: true }).notNull(),
  proposalsCloseAt: timestamp('proposals_close_at', { withTimezone: true }).notNull(),
  votingOpenAt: timestamp('voting_open_at', { withTimezone: true }).notNull(),
  votingCloseAt: timestamp('voting_close_at', { withTimezone: true }).notNull(),
  /** N: the most items one resident may choose. */
  maxChoices: integer('max_choices').notNull(),
  resultsVisibility: text('results_visibility', { enum: resultsVisibilities }).notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Set when staff publish the winners. */
  decision: text('decision'),
  winnerItemIds: uuid('winner_item_ids').array(),
  winnersPublishedAt: timestamp('winners_published_at', { withTimezone: true }),
});

export const voteItems = pgTable(
  'vote_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    geometry: jsonb('geometry').$type<ItemGeometry>(),
    photoIds: uuid('photo_ids').array().notNull(),
    /** `resident` proposals are moderated; `staff` items are approved when added. */
    source: text('source', { enum: ['resident', 'staff'] }).notNull(),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: voteItemStatuses }).notNull(),
    rejectReason: text('reject_reason'),
    mergedIntoId: uuid('merged_into_id'),
    moderatedBy: uuid('moderated_by').references(() => users.id),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('vote_items_vote_status_idx').on(t.voteId, t.status)],
);

export const voteBallots = pgTable(
  'vote_ballots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemIds: uuid('item_ids').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('vote_ballots_vote_user_uq').on(t.voteId, t.userId)],
);

/**
 * Uploads a poll or a vote item uses (the poll's image, an item's photos): the media module's
 * housekeeping never deletes a file listed here, and `public` says whether everyone may see it
 * (a published poll, an approved item) or only its uploader and staff. The foreign key to `media`
 * has no cascade on purpose: a file in use cannot be deleted, even by a sweep racing the attachment.
 */
export const participationMedia = pgTable(
  'participation_media',
  {
    mediaId: uuid('media_id')
      .primaryKey()
      .references(() => media.id),
    pollId: uuid('poll_id').references(() => polls.id, { onDelete: 'cascade' }),
    voteItemId: uuid('vote_item_id').references(() => voteItems.id, { onDelete: 'cascade' }),
    public: boolean('public').notNull(),
  },
  (t) => [
    index('participation_media_poll_idx').on(t.pollId),
    index('participation_media_item_idx').on(t.voteItemId),
    check('participation_media_one_owner', sql`(${t.pollId} IS NULL) <> (${t.voteItemId} IS NULL)`),
  ],
);
