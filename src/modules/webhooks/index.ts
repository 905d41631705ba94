/** Outgoing webhooks (signed deliveries of report events): the public entry of the module. */
export { type DispatchDeps, runWebhookDelivery } from './webhook-dispatch.ts';
export { webhookRoutes } from './webhooks.routes.ts';
export { sealPlainWebhookSecrets } from './secret-sealing.ts';
