import { z } from 'zod';

export const roleSchema = z.enum(['resident', 'moderator', 'operator', 'curator', 'analyst', 'admin']);

export const registerBodySchema = z.object({
  email: z.email().max(254),
  password: z.string().min(10).max(200),
  name: z.string().trim().min(2).max(120),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

/** The same answer for a new and a taken address; what differs is said by e-mail. */
export const registrationResponseSchema = z.object({
  status: z.literal('accepted'),
  /** True: the account works once the link e-mailed to the address is opened. */
  confirmationRequired: z.boolean(),
});
export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;

export const accountTokenSchema = z.string().min(16).max(200);

export const confirmEmailBodySchema = z.object({ token: accountTokenSchema });

export const passwordResetRequestSchema = z.object({ email: z.email().max(254) });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetCompleteSchema = z.object({
  token: accountTokenSchema,
  password: registerBodySchema.shape.password,
});
export type PasswordResetComplete = z.infer<typeof passwordResetCompleteSchema>;

export const acceptedResponseSchema = z.object({ status: z.literal('accepted') });

export const loginBodySchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** What a signed-in person changes about themselves: their name (staff handling their reports see it). */
export const updateMeBodySchema = z.object({ name: registerBodySchema.shape.name });
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

/** A new password for a signed-in person, who proves they know the current one. */
export const changePasswordBodySchema = z.object({
  currentPassword: loginBodySchema.shape.password,
  newPassword: registerBodySchema.shape.password,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** A new address for the account: the current password, then a link sent to the new address. */
export const changeEmailBodySchema = z.object({
  newEmail: registerBodySchema.shape.email,
  currentPassword: loginBodySchema.shape.password,
});
export type ChangeEmailBody = z.infer<typeof changeEmailBodySchema>;

export const emailChangeCompleteSchema = z.object({ token: accountTokenSchema });

/**
 * The new address a link was sent to and until when it can be opened; null when none waits. Shown to
 * the account's owner only, and the same whether or not the address belongs to another account.
 */
export const pendingEmailChangeSchema = z.object({
  pending: z.object({ email: z.string(), expiresAt: z.iso.datetime({ offset: true }) }).nullable(),
});
export type PendingEmailChange = z.infer<typeof pendingEmailChangeSchema>;

/** `?mode=token` issues a bearer token for non-browser clients instead of the cookie. */
export const loginQuerySchema = z.object({ mode: z.enum(['cookie', 'token']).default('cookie') });

export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  organisationId: z.uuid().nullable(),
  territoryId: z.uuid().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionResponseSchema = z.object({
  user: meSchema,
  csrfToken: z.string(),
  /** Present only for `?mode=token`: send as `Authorization: Bearer <token>`. */
  token: z.string().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const meResponseSchema = z.object({ user: meSchema, csrfToken: z.string().nullable() });
