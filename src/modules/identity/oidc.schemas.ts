import { z } from 'zod';

/** Where to go after signing in: a path on this site only (never another origin: no open redirect). */
export const returnToSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s]*$/, 'vmeste:local_path');

export const oidcStartQuerySchema = z.object({
  returnTo: returnToSchema.optional(),
  /** A staff invitation's token: the new staff account signs in with this identity instead of a password. */
  invitation: z.string().min(16).max(200).optional(),
});

/**
 * What the provider sends back. Every field is optional here: a missing or bad state is the
 * service's specific error (oidc_state_invalid), not a generic validation failure.
 */
export const oidcCallbackQuerySchema = z
  .object({
    state: z.string().max(1024).optional(),
    code: z.string().max(4096).optional(),
    error: z.string().max(256).optional(),
    error_description: z.string().max(2048).optional(),
    iss: z.string().max(2048).optional(),
    session_state: z.string().max(2048).optional(),
  })
  .loose();

export const oidcStatusSchema = z.object({
  enabled: z.boolean(),
  /** The provider's name for the sign-in button, in the caller's language. */
  providerName: z.string().nullable(),
});
export type OidcStatus = z.infer<typeof oidcStatusSchema>;

/** One of the signed-in user's own external identities (their own personal data: only to themselves). */
export const ownIdentitySchema = z.object({
  id: z.uuid(),
  issuer: z.string(),
  emailVerified: z.boolean(),
  verifiedName: z.string().nullable(),
  verifiedAddress: z.string().nullable(),
  residenceTerritoryId: z.uuid().nullable(),
  verifiedAt: z.iso.datetime(),
});
export const ownIdentitiesResponseSchema = z.object({ items: z.array(ownIdentitySchema) });

/** A link started from the profile: the web app opens this address (the provider's sign-in page). */
export const linkStartedSchema = z.object({ authorizationUrl: z.url() });
