import { z } from 'zod';

export const roleSchema = z.enum(['resident', 'moderator', 'operator', 'curator', 'analyst', 'admin']);

export const registerBodySchema = z.object({
  email: z.email().max(254),
  password: z.string().min(10).max(200),
  name: z.string().trim().min(2).max(120),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

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
