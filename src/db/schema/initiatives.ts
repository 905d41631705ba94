import {
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { initiativeStatuses } from '../../modules/initiatives/initiatives.schemas.ts';
import { users } from './identity.ts';
import { categories, territories } from './reference.ts';
import { reports } from './reports.ts';

export type { InitiativeStatus } from '../../modules/initiatives/initiatives.schemas.ts';

/**
 * A resident's initiative (инициатива). After moderation it collects support from residents of its
 * territory until `collectUntil`; at the threshold it becomes a report (`reportId`) that the report
 * machinery routes, times in working days, reviews and lets the author rate.
 */
export const initiatives = pgTable(
  'initiatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    text: text('text').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Photos uploaded through the media pipeline; they move to the report when it is sent. */
    mediaIds: uuid('media_ids').array().notNull().default([]),
    status: text('status', { enum: initiativeStatuses }).notNull().default('moderation'),
    /** The threshold fixed at approval (the territory's setting then). */
    threshold: integer('threshold').notNull(),
    supporters: integer('supporters').notNull().default(0),
    collectUntil: timestamp('collect_until', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    moderatorId: uuid('moderator_id').references(() => users.id),
    reportId: uuid('report_id').references(() => reports.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    thresholdReachedAt: timestamp('threshold_reached_at', { withTimezone: true }),
    expiredAt: timestamp('expired_at', { withTimezone: true }),
  },
  (t) => [
    index('initiatives_status_idx').on(t.status, t.collectUntil),
    index('initiatives_territory_idx').on(t.territoryId, t.status),
    // The orphan cleanup asks whether an upload is an initiative's photo.
    index('initiatives_media_idx').using('gin', t.mediaIds),
  ],
);

export const initiativeSupports = pgTable(
  'initiative_supports',
  {
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.userId] })],
);

/** Per-territory threshold (admin-edited); a territory without a row uses the platform default. */
export const initiativeThresholds = pgTable('initiative_thresholds', {
  territoryId: uuid('territory_id')
    .primaryKey()
    .references(() => territories.id, { onDelete: 'cascade' }),
  threshold: integer('threshold').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
