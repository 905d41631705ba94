import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  date,
  geometry,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { openStatuses, type ReportStatus } from '../../modules/reports/report-states.ts';
import { users } from './identity.ts';
import { categories, organisations, territories } from './reference.ts';
import { tsvector } from './types.ts';

/**
 * What the public may see in lists: the partial indexes below and the list queries
 * (src/modules/reports/report-list.repo.ts) use this very text, so PostgreSQL matches them.
 */
export function publiclyListed(alias?: string): string {
  const c = (column: string) => (alias ? `${alias}.${column}` : column);
  return `${c('is_public')} AND ${c('kind')} = 'report' AND ${c('status')} NOT IN ('submitted', 'clarification_requested', 'rejected')`;
}
const PUBLICLY_LISTED = publiclyListed();
/** The operator's queue: the organisation's open work. */
export const ORGANISATION_OPEN_STATUSES = [
  'assigned',
  'reopened',
  'in_progress',
  'answer_drafted',
  'answer_review',
] as const satisfies readonly ReportStatus[];
/** The curator's queue. */
export const CURATOR_OPEN_STATUSES = ['accepted', 'disputed'] as const satisfies readonly ReportStatus[];
const statusList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
export const ORGANISATION_OPEN = `status IN (${statusList(ORGANISATION_OPEN_STATUSES)})`;
export const CURATOR_OPEN = `status IN (${statusList(CURATOR_OPEN_STATUSES)})`;
/**
 * A report (not an appeal) still open: the similar-report look-up's candidates
 * (src/modules/duplicates/similar.repo.ts uses this very text, so PostgreSQL matches the index below).
 */
export function openReport(alias?: string): string {
  const c = (column: string) => (alias ? `${alias}.${column}` : column);
  return `${c('kind')} = 'report' AND ${c('status')} IN (${statusList(openStatuses)})`;
}

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The public number residents quote ("№ 1024"). */
    number: bigint('number', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    kind: text('kind', { enum: ['report', 'appeal'] })
      .notNull()
      .default('report'),
    status: text('status').$type<ReportStatus>().notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    text: text('text').notNull(),
    /**
     * The text's Russian stems, kept by PostgreSQL (a stored generated column): the search matches it
     * through its GIN index, rechecks and ranks it without stemming each candidate again, and the
     * duplicates check compares its lexemes (docs/performance.md, "Lists and search").
     */
    search: tsvector('search').notNull().generatedAlwaysAs(sql`to_tsvector('russian'::regconfig, text)`),
    location: geometry('location', { type: 'point', mode: 'xy', srid: 4326 }).notNull(),
    address: text('address'),
    territoryId: uuid('territory_id').references(() => territories.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    isPublic: boolean('is_public').notNull().default(true),
    priority: integer('priority').notNull().default(0),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    /** How the current organisation was chosen: the rule, or why it went to the curator. */
    routing: jsonb('routing').$type<Record<string, unknown>>(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    // Deadline bookkeeping (docs/deadlines.md): the one extension, and the escalation job's marks,
    // which make each of its steps happen once per deadline (cleared when a new deadline starts).
    deadlineExtendedAt: timestamp('deadline_extended_at', { withTimezone: true }),
    deadlineExtensionDays: integer('deadline_extension_days'),
    nearlyDueAt: timestamp('nearly_due_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Hand-overs between organisations so far; the third one goes to the curator ("ping-pong"). */
    redirectCount: smallint('redirect_count').notNull().default(0),
    /** The curator settled a ping-pong: the organisation may no longer hand the report on. */
    assignmentBinding: boolean('assignment_binding').notNull().default(false),
    /** While the author is asked a question: since when, and the status to return to. */
    clarificationRequestedAt: timestamp('clarification_requested_at', { withTimezone: true }),
    statusBeforeClarification: text('status_before_clarification').$type<ReportStatus>(),
    /**
     * While an answer waits for review: since when, and by when the reviewer should decide. The
     * organisation's clock stands still meanwhile (a report's; an appeal's legal term runs on).
     */
    reviewStartedAt: timestamp('review_started_at', { withTimezone: true }),
    reviewDueAt: timestamp('review_due_at', { withTimezone: true }),
    /** Set while the report is merged into another (its primary); see report_merges. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => reports.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_number_uq').on(t.number),
    uniqueIndex('reports_idempotency_uq').on(t.authorId, t.idempotencyKey),
    index('reports_location_gix').using('gist', t.location),
    index('reports_search_gin').using('gin', t.search),
    index('reports_org_status_idx').on(t.organisationId, t.status),
    index('reports_category_idx').on(t.categoryId),
    index('reports_due_idx').on(t.dueAt),
    // The lists (docs/performance.md, "Lists and search at 1,000,000 reports"): every list is newest
    // first, (created_at, number) descending, so each index ends with those two columns and a page
    // (or a keyset cursor) is a short backward scan. The public ones are partial on the public rule.
    index('reports_recent_idx').on(t.createdAt, t.number),
    // Carries the point (INCLUDE, migration 0038) for the map box's newest-first pages.
    index('reports_public_recent_idx').on(t.createdAt, t.number).where(sql.raw(PUBLICLY_LISTED)),
    // The public category and territory indexes and the author's carry the other filters' columns
    // (INCLUDE, hand-written in migration 0036: drizzle cannot write it), so a capped total with two
    // filters is an index-only scan that stops at the cap.
    index('reports_public_category_idx')
      .on(t.categoryId, t.createdAt, t.number)
      .where(sql.raw(PUBLICLY_LISTED)),
    index('reports_public_territory_idx')
      .on(t.territoryId, t.createdAt, t.number)
      .where(sql.raw(PUBLICLY_LISTED)),
    index('reports_public_status_idx').on(t.status, t.createdAt, t.number).where(sql.raw(PUBLICLY_LISTED)),
    index('reports_status_idx').on(t.status, t.createdAt, t.number),
    index('reports_author_idx').on(t.authorId, t.createdAt, t.number),
    // A person's own reports that the public list does not show (waiting for moderation, rejected,
    // private, appeals): the branch that joins the public one in a resident's list and search is
    // these few, not every report of an author who filed thousands. Carries the other filters'
    // columns like reports_author_idx (INCLUDE, hand-written in migration 0039).
    index('reports_author_unlisted_idx')
      .on(t.authorId, t.createdAt, t.number)
      .where(sql.raw(`NOT (${PUBLICLY_LISTED})`)),
    index('reports_territory_idx').on(t.territoryId, t.createdAt, t.number),
    index('reports_org_recent_idx').on(t.organisationId, t.createdAt, t.number),
    // The work queues: an organisation's open work, and the curator's (accepted, disputed).
    index('reports_org_open_idx')
      .on(t.organisationId, t.createdAt, t.number)
      .where(sql.raw(ORGANISATION_OPEN)),
    // The operator's queue nearest deadline first (the staff workspace's "by due date" order).
    index('reports_org_open_due_idx')
      .on(t.organisationId, t.dueAt, t.number)
      .where(sql.raw(ORGANISATION_OPEN)),
    index('reports_curator_queue_idx').on(t.territoryId, t.createdAt, t.number).where(sql.raw(CURATOR_OPEN)),
    // The similar-report look-up walks the open reports nearest a point first: a few percent of a
    // region's reports, where through reports_location_gix it read every report of the box or ANDed
    // the subject's whole index with it (docs/performance.md, "Nineteenth session").
    index('reports_open_location_gix').using('gist', t.location).where(sql.raw(openReport())),
  ],
);

/**
 * The report columns a submission gives as they are (src/modules/reports/intake.repo.ts): the intake
 * statement's input arrays, their names and the INSERT are generated from this list and the table
 * above, so a column filed at intake is one more key here and its value in the intake input.
 */
export const reportIntakeColumns = [
  'id',
  'kind',
  'categoryId',
  'text',
  'address',
  'isPublic',
  'authorId',
  'idempotencyKey',
  'requestHash',
] as const satisfies readonly (keyof typeof reports.$inferInsert)[];

/** The timeline: one row per command, written in the same transaction as the change. */
export const reportEvents = pgTable(
  'report_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromStatus: text('from_status').$type<ReportStatus>(),
    toStatus: text('to_status').$type<ReportStatus>(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    /** Shown to the public when the report is public (reasons, comments); never personal data. */
    isPublic: boolean('is_public').notNull().default(true),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.id)],
);

export const answers = pgTable(
  'answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    result: text('result', { enum: ['solved', 'explained', 'planned', 'rejected'] }).notNull(),
    plannedDate: date('planned_date'),
    legalReason: text('legal_reason'),
    status: text('status', { enum: ['draft', 'review', 'published', 'superseded'] }).notNull(),
    reviewComment: text('review_comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('answers_report_idx').on(t.reportId, t.createdAt),
    // answer quality: an organisation's latest published answers, compared with each new one
    index('answers_org_published_idx').on(t.organisationId, t.publishedAt),
  ],
);

export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    answerId: uuid('answer_id')
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    score: smallint('score').notNull(),
    solved: boolean('solved').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ratings_answer_author_uq').on(t.answerId, t.authorId)],
);

export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'set null' }),
    answerId: uuid('answer_id').references(() => answers.id, { onDelete: 'set null' }),
    /** What the file shows: the problem, the result of the work, or the resident's dispute. */
    purpose: text('purpose', { enum: ['report', 'answer', 'dispute'] }),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    /** Pixels of an image; 0 for a document (PDF). */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    storageKey: text('storage_key').notNull(),
    /** Null for a document (PDF): it has no thumbnail. */
    thumbKey: text('thumb_key'),
    /** A document's file name as uploaded, made safe (served in Content-Disposition); null for photos. */
    fileName: text('file_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('media_report_idx').on(t.reportId), index('media_answer_idx').on(t.answerId)],
);

/**
 * People who follow a report besides its author: residents who supported it ("me too"), authors of
 * duplicates merged into it, and anyone who subscribed. They receive the report's public events.
 */
export const reportFollowers = pgTable(
  'report_followers',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: ['supporter', 'merged', 'subscriber'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A primary key (not only a unique index): a region moves between Citus workers online by logical
  // replication, which needs one on every table that is updated or deleted from (docs/scale-out.md).
  (t) => [
    primaryKey({ name: 'report_followers_pk', columns: [t.reportId, t.userId] }),
    index('report_followers_user_idx').on(t.userId),
  ],
);
