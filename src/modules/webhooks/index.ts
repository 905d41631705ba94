/** Outgoing webhooks (signed deliveries of report events): the public entry of the module. */

export { sealPlainWebhookSecrets } from './secret-sealing.ts';
export { type DispatchDeps, runWebhookDelivery } from './webhook-dispatch.ts';
export { webhookRoutes } from './webhooks.routes.ts';
