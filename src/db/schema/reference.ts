import {
  type AnyPgColumn,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { multiPolygon } from './types.ts';

/** Region → district (→ municipality later). Geometry drives routing and the map. */
export const territories = pgTable(
  'territories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => territories.id),
    kind: text('kind', { enum: ['region', 'district', 'municipality'] }).notNull(),
    code: text('code').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    geom: multiPolygon('geom').notNull(),
    /** Archived (false): no longer offered for new rules, reports or the map; its reports keep it. */
    isActive: boolean('is_active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('territories_code_uq').on(t.code), index('territories_geom_gix').using('gist', t.geom)],
);

/** Two-level tree: topics (no SLA) and the subjects residents choose (with SLA in working days). */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id),
    code: text('code').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    slaDays: integer('sla_days'),
    /** Optional moderation deadline in working hours (from submission to the moderator's decision). */
    moderationHours: integer('moderation_hours'),
    /** A report of this subject must carry a photo (the form asks for one; the API refuses without). */
    photoRequired: boolean('photo_required').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Archived (false): no longer offered; its reports keep it. */
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [uniqueIndex('categories_code_uq').on(t.code)],
);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind', {
      enum: ['authority', 'institution', 'management_company', 'utility', 'hoa'],
    }).notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    phone: text('phone'),
    email: text('email'),
    workingHours: text('working_hours'),
    /** The authority this body answers to (a district administration under the region's); no cycles. */
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [uniqueIndex('organisations_code_uq').on(t.code), index('organisations_parent_idx').on(t.parentId)],
);

export const organisationTerritories = pgTable(
  'organisation_territories',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.territoryId] })],
);

export const organisationCategories = pgTable(
  'organisation_categories',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.categoryId] })],
);

/**
 * (category × territory) → responsible organisation. A null territory means "anywhere in the region".
 * Edited by admins (docs/administration.md): the most specific territory wins, then the highest
 * priority; a rule applies on the local dates from `valid_from` to `valid_to` inclusive (open when
 * null). Routing reads the table at every decision, so a change applies on every node at commit.
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    priority: integer('priority').notNull().default(0),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('routing_rules_lookup_idx').on(t.categoryId, t.territoryId)],
);

/**
 * The region's settings as data (docs/administration.md): one row (id = 1), edited by an admin and
 * read through a short per-node cache, so a change reaches every node within 5 s. A missing row
 * means the defaults from the environment (DISPUTE_WINDOW_DAYS, MAP_TILE_URL, …).
 */
export const regionSettings = pgTable('region_settings', {
  id: smallint('id').primaryKey().default(1),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  /** Null: the centre of the region's territory. */
  mapCenterLat: doublePrecision('map_center_lat'),
  mapCenterLon: doublePrecision('map_center_lon'),
  mapZoom: smallint('map_zoom').notNull(),
  tileUrl: text('tile_url').notNull(),
  languages: text('languages').array().notNull(),
  disputeWindowDays: smallint('dispute_window_days').notNull(),
  clarificationTimeoutDays: smallint('clarification_timeout_days').notNull(),
  /** A point this far outside every district still goes to the nearest one. */
  nearestDistrictToleranceMeters: integer('nearest_district_tolerance_meters').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
