import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { collectionRoutes } from '../../server/collection-routes.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import {
  createEndpointSchema,
  deliveryDetailSchema,
  deliveryListSchema,
  deliveryParamsSchema,
  deliveryQuerySchema,
  deliverySchema,
  endpointListSchema,
  endpointParamsSchema,
  endpointSchema,
  endpointWithSecretSchema,
  updateEndpointSchema,
} from './webhooks.schemas.ts';
import * as service from './webhooks.service.ts';

/** Admin API of outbound webhooks (docs/webhooks.md). */
export function webhookRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock, secrets: ctx.secrets };
  const base = '/api/v1/admin/webhooks';
  const tags = ['webhooks'];
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    collectionRoutes(app, {
      base,
      tags,
      params: endpointParamsSchema,
      list: {
        summary: 'Webhook endpoints and the event names (admin)',
        response: endpointListSchema,
        run: (actor) => service.listEndpoints(deps, actor),
      },
      create: {
        summary: 'Register an endpoint; the answer shows its secret, once (admin)',
        body: createEndpointSchema,
        response: endpointWithSecretSchema,
        run: (actor, body) => service.createEndpoint(deps, actor, body),
      },
      get: {
        summary: 'One endpoint (admin)',
        response: endpointSchema,
        run: (actor, id) => service.getEndpoint(deps, actor, id),
      },
      update: {
        summary: 'Change URL, events, description; switch off or back on (admin)',
        body: updateEndpointSchema,
        response: endpointSchema,
        run: (actor, id, body) => service.updateEndpoint(deps, actor, id, body),
      },
      remove: {
        summary: 'Remove an endpoint and its log (admin)',
        run: (actor, id) => service.deleteEndpoint(deps, actor, id),
      },
    });

    r.post(
      `${base}/:id/secret`,
      {
        schema: {
          tags,
          summary: 'Replace the secret; the answer shows the new one, once (admin)',
          params: endpointParamsSchema,
          response: { 200: endpointWithSecretSchema, ...errorResponses },
        },
      },
      async (request) => service.rotateSecret(deps, requireAuth(request).actor, request.params.id),
    );

    r.get(
      `${base}/:id/deliveries`,
      {
        schema: {
          tags,
          summary: 'Delivery log of an endpoint, newest first (admin)',
          params: endpointParamsSchema,
          querystring: deliveryQuerySchema,
          response: { 200: deliveryListSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.listDeliveries(deps, requireAuth(request).actor, request.params.id, request.query),
    );

    r.get(
      `${base}/:id/deliveries/:deliveryId`,
      {
        schema: {
          tags,
          summary: 'One delivery with its body and every attempt (admin)',
          params: deliveryParamsSchema,
          response: { 200: deliveryDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.getDelivery(deps, requireAuth(request).actor, request.params.id, request.params.deliveryId),
    );

    r.post(
      `${base}/:id/deliveries/:deliveryId/retry`,
      {
        schema: {
          tags,
          summary: 'Send a waiting or given-up delivery again now (admin)',
          params: deliveryParamsSchema,
          response: { 200: deliverySchema, ...errorResponses },
        },
      },
      async (request) =>
        service.retryDelivery(deps, requireAuth(request).actor, request.params.id, request.params.deliveryId),
    );
  };
}
