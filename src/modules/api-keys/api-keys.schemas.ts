import { z } from 'zod';

export const createApiClientBodySchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    /** With an organisation, the key acts as that organisation's operator (inbound updates and answers). */
    organisationId: z.uuid().optional(),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type CreateApiClientBody = z.output<typeof createApiClientBodySchema>;

export const apiClientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  keyPrefix: z.string(),
  organisation: z.object({ id: z.uuid(), nameRu: z.string(), nameEn: z.string() }).nullable(),
  rateLimitPerMinute: z.number().int(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiClient = z.infer<typeof apiClientSchema>;

export const apiClientListSchema = z.object({ items: z.array(apiClientSchema) });

/** The key itself appears in this response only: the platform keeps its hash. */
export const createdApiClientSchema = z.object({ client: apiClientSchema, key: z.string() });

export const apiClientParamsSchema = z.object({ id: z.uuid() });
