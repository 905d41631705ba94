import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './identity.ts';
import { reportEvents, reports } from './reports.ts';

/**
 * One notification per (timeline event, person): written by the dispatcher from `report_events`,
 * so the unique pair makes dispatching idempotent; or one per (topic, subject, person) for news
 * that is not a report's (a vote's winners). The e-mail copy is an outbox on the same row:
 * `pending` until the mailer sends it (or gives up), `off` when the person does not want mail or
 * the platform has no SMTP server.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The timeline event (report notifications); null for a topic notification. */
    eventId: bigint('event_id', { mode: 'number' }).references(() => reportEvents.id, {
      onDelete: 'cascade',
    }),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'cascade' }),
    /**
     * A notification about something other than a report (e.g. `vote_winners`): its topic, the
     * thing's id and its public title. Written by other modules through `notifyPeople`.
     */
    topic: text('topic'),
    subjectId: uuid('subject_id'),
    subjectTitle: text('subject_title'),
    /**
     * Where a topic notification leads in the web app when not to the subject's own page (e.g. an
     * official reply: the discussion, at the reply). Null: the topic's page of the subject.
     */
    link: text('link'),
    /** Why this person got it: author, follower, operator, curator (shapes the wording). */
    audience: text('audience').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailStatus: text('email_status', { enum: ['pending', 'sent', 'failed', 'off'] }).notNull(),
    emailAttempts: integer('email_attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('notifications_event_user_uq').on(t.eventId, t.userId),
    uniqueIndex('notifications_topic_subject_user_uq').on(t.topic, t.subjectId, t.userId),
    // A person's inbox, newest first by the time of what happened (ids follow the dispatcher's order).
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_email_pending_idx').on(t.emailStatus, t.id),
  ],
);

/** How far the dispatcher has read the timeline (one row; survives restarts, shared by all nodes). */
export const notificationCursor = pgTable('notification_cursor', {
  name: text('name').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A person's choices; no row means the defaults (e-mail on). The language is users.locale. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  email: boolean('email').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
