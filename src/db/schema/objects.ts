import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cityObjectKinds, workStatuses } from '../../modules/objects/kinds.schemas.ts';
import { users } from './identity.ts';
import { anyGeometry } from './notices.ts';
import { organisations } from './reference.ts';
import { media, reports } from './reports.ts';

/**
 * A city object residents hold works on to account (docs/objects.md). `externalId` is the source
 * registry's key: importing the same file again updates the object instead of adding a second one.
 */
export const cityObjects = pgTable(
  'city_objects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    externalId: text('external_id').notNull(),
    kind: text('kind', { enum: cityObjectKinds }).notNull(),
    name: text('name').notNull(),
    /**
     * How the catalogue orders names: lower case, ё as е, and each run of digits padded to 12 so that
     * numbers sort as numbers («Школа № 5» before «Школа № 15»). Stored, because computing it costs
     * ~6 µs a row (two regular expressions): 130 ms to order 22,000 objects at each request.
     */
    nameOrder: text('name_order')
      .notNull()
      .generatedAlwaysAs(
        sql`regexp_replace(regexp_replace(translate(lower(name), 'ё', 'е'), '([0-9]+)', '00000000000\\1', 'g'), '0*([0-9]{12})', '\\1', 'g')`,
      ),
    geom: anyGeometry('geom').notNull(),
    address: text('address'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('city_objects_external_uq').on(t.externalId),
    // The catalogue's order, without a filter and by kind (docs/objects.md).
    index('city_objects_name_order_idx').on(t.nameOrder, t.id),
    index('city_objects_kind_order_idx').on(t.kind, t.nameOrder, t.id),
    index('city_objects_geom_gix').using('gist', t.geom),
  ],
);

/** Works on an object (a programme's repair, a yard's improvement), with their dates and money. */
export const objectWorks = pgTable(
  'object_works',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectId: uuid('object_id')
      .notNull()
      .references(() => cityObjects.id, { onDelete: 'cascade' }),
    /** The works registry's key (`<source>:<id>`) of an imported work; null for one added by hand. */
    externalId: text('external_id'),
    title: text('title').notNull(),
    programme: text('programme'),
    contractor: text('contractor'),
    /** Roubles, kopecks exact. */
    budget: numeric('budget', { precision: 16, scale: 2 }),
    plannedStart: date('planned_start'),
    plannedEnd: date('planned_end'),
    actualStart: date('actual_start'),
    actualEnd: date('actual_end'),
    status: text('status', { enum: workStatuses }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('object_works_object_idx').on(t.objectId),
    uniqueIndex('object_works_external_uq').on(t.externalId),
  ],
);

/** Photos of a work before and after (uploaded through the media module, owned by the work). */
export const workPhotos = pgTable(
  'work_photos',
  {
    mediaId: uuid('media_id')
      .primaryKey()
      .references(() => media.id, { onDelete: 'cascade' }),
    workId: uuid('work_id')
      .notNull()
      .references(() => objectWorks.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: ['before', 'after'] }).notNull(),
  },
  (t) => [index('work_photos_work_idx').on(t.workId)],
);

/** A resident's rating of a completed work: once per resident and work. */
export const workRatings = pgTable(
  'work_ratings',
  {
    workId: uuid('work_id')
      .notNull()
      .references(() => objectWorks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workId, t.userId] }),
    check('work_ratings_score_ck', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);

/** Residents following an object (its page lists what they follow). */
export const objectFollows = pgTable(
  'object_follows',
  {
    objectId: uuid('object_id')
      .notNull()
      .references(() => cityObjects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.objectId, t.userId] }), index('object_follows_user_idx').on(t.userId)],
);

/** The object a report points at (chosen by its author when filing). */
export const reportObjects = pgTable(
  'report_objects',
  {
    reportId: uuid('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    objectId: uuid('object_id')
      .notNull()
      .references(() => cityObjects.id, { onDelete: 'cascade' }),
  },
  (t) => [index('report_objects_object_idx').on(t.objectId)],
);
