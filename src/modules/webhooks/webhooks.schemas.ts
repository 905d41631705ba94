import { z } from 'zod';
import { isoMomentSchema } from '../calendar/calendar.schemas.ts';
import { webhookEvents } from './webhook-events.ts';

/** Secrets shorter than this are refused: the HMAC is only as strong as the secret. */
export const MIN_SECRET_LENGTH = 32;

/**
 * Only absolute http(s) URLs without credentials: endpoints are registered by admins, but a file:,
 * gopher: or user:password@ URL is never what an integration needs (and credentials would show in
 * the admin screen). See docs/webhooks.md on SSRF.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'vmeste:webhook_url_invalid' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      ctx.addIssue({ code: 'custom', message: 'vmeste:webhook_url_scheme' });
    if (url.username || url.password)
      ctx.addIssue({ code: 'custom', message: 'vmeste:webhook_url_credentials' });
    if (url.hash) ctx.addIssue({ code: 'custom', message: 'vmeste:webhook_url_fragment' });
  });

const eventsSchema = z
  .array(z.enum(webhookEvents, { message: 'vmeste:webhook_unknown_event' }))
  .min(1)
  .max(webhookEvents.length * 2)
  .transform((list) => [...new Set(list)]);

export const createEndpointSchema = z.strictObject({
  url: webhookUrlSchema,
  events: eventsSchema,
  description: z.string().trim().max(200).default(''),
  /** Leave out to have one generated (recommended). */
  secret: z.string().min(MIN_SECRET_LENGTH).max(256).optional(),
});
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z.strictObject({
  url: webhookUrlSchema.optional(),
  events: eventsSchema.optional(),
  description: z.string().trim().max(200).optional(),
  /** Switching an endpoint back on resets its failure count and sends what waited at once. */
  enabled: z.boolean().optional(),
});
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

export const endpointParamsSchema = z.object({ id: z.uuid() });
export const deliveryParamsSchema = z.object({ id: z.uuid(), deliveryId: z.uuid() });

export const deliveryStates = ['pending', 'delivered', 'failed'] as const;

export const deliveryQuerySchema = z.object({
  state: z.enum(deliveryStates).optional(),
  before: isoMomentSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const endpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.enum(['admin', 'failures']).nullable(),
  disabledAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  /** The last four characters, so an admin can tell which secret a receiver holds. */
  secretHint: z.string(),
  pendingDeliveries: z.number().int(),
  failedDeliveries: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EndpointView = z.infer<typeof endpointSchema>;

export const endpointListSchema = z.object({
  items: z.array(endpointSchema),
  events: z.array(z.string()),
});

/** The only responses that carry the secret: creation and rotation. */
export const endpointWithSecretSchema = z.object({ endpoint: endpointSchema, secret: z.string() });

export const attemptSchema = z.object({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  responseExcerpt: z.string().nullable(),
  at: z.string(),
});

export const deliverySchema = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  reportId: z.uuid(),
  eventId: z.number().int(),
  event: z.string(),
  state: z.enum(deliveryStates),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });
export const deliveryDetailSchema = deliverySchema.extend({ body: z.string(), log: z.array(attemptSchema) });
