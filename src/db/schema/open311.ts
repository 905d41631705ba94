import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './identity.ts';
import { categories, organisations } from './reference.ts';
import { reports } from './reports.ts';

/**
 * External systems that call the platform with an API key: Open311 clients (FixMyStreet, city apps)
 * and organisations' own systems (СЭД, dispatch). Only the key's SHA-256 is kept; the key itself is
 * shown once, at creation. Each client acts as its own service user, so every report, event and audit
 * row it causes names it; with an organisation scope that user is an operator of the organisation.
 */
export const apiClients = pgTable(
  'api_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The key's first characters, so admins can tell keys apart without the secret. */
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    serviceUserId: uuid('service_user_id')
      .notNull()
      .references(() => users.id),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_clients_key_hash_uq').on(t.keyHash)],
);

export const serviceAttributeDatatypes = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type ServiceAttributeDatatype = (typeof serviceAttributeDatatypes)[number];

export type ServiceAttributeValue = { key: string; nameRu: string; nameEn: string };

/** A subject's extra questions (Open311 service definition attributes), asked on top of text and point. */
export const categoryAttributes = pgTable(
  'category_attributes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    datatype: text('datatype', { enum: serviceAttributeDatatypes }).notNull(),
    required: boolean('required').notNull().default(false),
    /** False: information shown to the person reporting, no answer expected. */
    variable: boolean('variable').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(1),
    descriptionRu: text('description_ru').notNull(),
    descriptionEn: text('description_en').notNull(),
    values: jsonb('values').$type<ServiceAttributeValue[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [uniqueIndex('category_attributes_code_uq').on(t.categoryId, t.code)],
);

/**
 * What an Open311 request brought beyond the report itself: the client, the answers to the extra
 * questions, the media link (recorded, not fetched) and the token the client may look the request up by.
 */
export const open311Requests = pgTable(
  'open311_requests',
  {
    reportId: uuid('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id),
    token: text('token').notNull(),
    attributes: jsonb('attributes').$type<Record<string, string | string[]>>().notNull(),
    mediaUrl: text('media_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('open311_requests_token_uq').on(t.token),
    index('open311_requests_client_idx').on(t.apiClientId),
  ],
);

/** Updates external systems posted (mySociety servicerequestupdates): their id makes a retry harmless. */
export const inboundUpdates = pgTable(
  'inbound_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id),
    externalId: text('external_id').notNull(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** The timeline entry the update became: a retry answers with it again. */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('inbound_updates_external_uq').on(t.apiClientId, t.externalId)],
);
