import { bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';

/**
 * Single-use tokens sent by e-mail: confirming a new account's address, resetting a password. Only
 * the token's SHA-256 is kept; a token is spent by setting used_at, in the statement that checks it.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['confirm_email', 'reset_password', 'change_email'] }).notNull(),
    /** `change_email`: the address the link was sent to, which becomes the account's when it is opened. */
    newEmail: text('new_email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId)],
);

/**
 * Account e-mails waiting to be sent (confirmation, password reset, "someone tried to register with
 * your address"). Written in the request's transaction, sent after it; the body is blanked once sent,
 * so a link that signs someone in never stays in the database longer than it must.
 */
export const accountMail = pgTable(
  'account_mail',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('account_mail_pending_idx').on(t.createdAt)],
);

/**
 * Failed log-ins per e-mail address (its SHA-256), known accounts or not, so a lock-out tells nothing
 * about whether the address has an account. Past the threshold the address is locked, for twice as
 * long at every further lock-out.
 */
export const loginFailures = pgTable('login_failures', {
  emailHash: text('email_hash').primaryKey(),
  failures: integer('failures').notNull(),
  lockouts: integer('lockouts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});
