import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';
import { territories } from './reference.ts';

/**
 * A person's identity at an external OpenID Connect provider (ESIA-style), linked to one local
 * user. The attributes are what the provider vouches for; polls read the verified residence
 * territory for their audience rules. Personal data: never in public responses or logs.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    email: text('email'),
    emailVerified: boolean('email_verified').notNull().default(false),
    verifiedName: text('verified_name'),
    /** The registered address as the provider formats it. */
    verifiedAddress: text('verified_address'),
    /** The district the verified address lies in (null when it could not be placed). */
    residenceTerritoryId: uuid('residence_territory_id').references(() => territories.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When the attributes above were last refreshed from the provider (every sign-in). */
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('user_identities_issuer_subject_uq').on(t.issuer, t.subject),
    index('user_identities_user_idx').on(t.userId),
  ],
);

/**
 * A sign-in in progress: what the callback must check (state, nonce, PKCE verifier) and the browser
 * it was started in. Consumed (deleted) by the first callback, so a replayed state finds nothing.
 */
export const oidcFlows = pgTable('oidc_flows', {
  /** SHA-256 of the `state` sent to the provider. */
  stateHash: text('state_hash').primaryKey(),
  /** SHA-256 of the random value in the browser's flow cookie: a callback from another browser fails. */
  browserHash: text('browser_hash').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull(),
  /** SHA-256 of a staff invitation's token when the flow accepts it (the invitee links their identity). */
  invitationHash: text('invitation_hash'),
  /**
   * The signed-in user who asked, from their profile, to link an identity: the callback links it to
   * them (and to nobody else: the callback's session must be theirs) instead of signing in.
   */
  linkUserId: uuid('link_user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
