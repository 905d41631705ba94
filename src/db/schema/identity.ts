import {
  type AnyPgColumn,
  boolean,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    /** Suspended by an admin (or a curator, for operators): cannot sign in, every session ended. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    /** The last time a session was opened for the account (password or external provider). */
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
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

/** The roles an invitation or the staff admin may give (a resident registers by themselves). */
export const staffRoles = ['moderator', 'operator', 'curator', 'analyst', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * An invitation of a person to a staff account with a role and its scope, sent by e-mail. Only the
 * SHA-256 of the link's token is kept; the invitation is spent (accepted_at) in the statement that
 * checks it, so a link works once, and only until expires_at. A newer invitation to the same address
 * revokes the older ones still pending.
 */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: staffRoles }).notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    territoryId: uuid('territory_id').references(() => territories.id),
    invitedBy: uuid('invited_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    locale: text('locale', { enum: ['ru', 'en'] })
      .notNull()
      .default('ru'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: uuid('accepted_user_id').references((): AnyPgColumn => users.id, {
      onDelete: 'set null',
    }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('staff_invitations_token_uq').on(t.tokenHash),
    index('staff_invitations_email_idx').on(t.email),
  ],
);
