import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { noticeEventTypes, noticeKinds } from '../../modules/notices/kinds.schemas.ts';
import { users } from './identity.ts';
import { organisations } from './reference.ts';
import { reports } from './reports.ts';

/** Any PostGIS geometry in WGS84 (polygon, line, points…), read and written as GeoJSON through SQL. */
export const anyGeometry = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'geometry(Geometry, 4326)';
  },
});

/**
 * A notice of planned works, an outage, a city event or a road closure (docs/notices.md). `area` is
 * the geometry as drawn or uploaded; `matchArea` is the surface it covers (a line or points widened by
 * `bufferMeters`), which the map, the subscriptions and the report intake test against.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Reports in these categories filed inside the area and window are linked to the notice. */
    categoryIds: uuid('category_ids').array().notNull(),
    area: anyGeometry('area').notNull(),
    matchArea: anyGeometry('match_area').notNull(),
    bufferMeters: integer('buffer_meters').notNull().default(0),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Raised by every change residents should hear about (subscribers get "changed" once per version). */
    version: integer('version').notNull().default(1),
    /** When staff answered every linked report with the notice's closing answer. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notices_match_area_gix').using('gist', t.matchArea),
    index('notices_window_idx').on(t.endsAt, t.startsAt),
    check('notices_window_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** News of a notice while it runs ("the crew is on site", "water back at 18:00"). */
export const noticeUpdates = pgTable(
  'notice_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notice_updates_notice_idx').on(t.noticeId, t.id)],
);

/** A report explained by a notice: written by the report intake statement itself. */
export const reportNotices = pgTable(
  'report_notices',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.noticeId] }),
    index('report_notices_notice_idx').on(t.noticeId),
  ],
);

/** A resident's place to hear about: a point with a radius (stored widened to its circle) or an area. */
export const noticeSubscriptions = pgTable(
  'notice_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    /** The point and radius given, or null for an area. */
    radiusMeters: integer('radius_meters'),
    area: anyGeometry('area').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notice_subscriptions_user_idx').on(t.userId),
    index('notice_subscriptions_area_gix').using('gist', t.area),
  ],
);

/**
 * What subscribers are to be told, and when: a notice's start and end (due at its times) and each
 * change (due at once). The alert job takes the due ones and marks them dispatched.
 */
export const noticeEvents = pgTable(
  'notice_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    type: text('type', { enum: noticeEventTypes }).notNull(),
    version: integer('version').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notice_events_uq').on(t.noticeId, t.type, t.version),
    index('notice_events_due_idx').on(t.dueAt).where(sql`dispatched_at IS NULL`),
  ],
);

/** In-app alerts of notices (one per event and person), with the e-mail copy as an outbox. */
export const noticeAlerts = pgTable(
  'notice_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => noticeEvents.id, { onDelete: 'cascade' }),
    type: text('type', { enum: noticeEventTypes }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailStatus: text('email_status', { enum: ['pending', 'sent', 'failed', 'off'] }).notNull(),
    emailAttempts: integer('email_attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('notice_alerts_event_user_uq').on(t.eventId, t.userId),
    index('notice_alerts_user_idx').on(t.userId, t.id),
    index('notice_alerts_email_idx').on(t.emailStatus, t.id),
  ],
);
