import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, territories } from './reference.ts';

export const userRoles = ['resident', 'moderator', 'operator', 'curator', 'analyst', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: userRoles }).notNull().default('resident'),
    /** Operators work for one organisation. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** Curators oversee one territory (the region means all of it). */
    territoryId: uuid('territory_id').references(() => territories.id),
    locale: text('locale', { enum: ['ru', 'en'] })
      .notNull()
      .default('ru'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Registered through the form and not yet confirmed by the link e-mailed (REQUIRE_EMAIL_CONFIRMATION). */
    emailConfirmationPending: boolean('email_confirmation_pending').notNull().default(false),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
