import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import {
  apiClientListSchema,
  apiClientParamsSchema,
  apiClientSchema,
  createApiClientBodySchema,
  createdApiClientSchema,
} from './api-keys.schemas.ts';
import * as service from './api-keys.service.ts';

export function apiKeysDeps(ctx: AppContext): service.ApiKeysDeps {
  return { db: ctx.db, clock: ctx.clock, defaultRateLimitPerMinute: ctx.config.apiKeyRateLimitPerMinute };
}

/** Admin screens' API: issue, list and revoke API keys. */
export function apiKeysRoutes(ctx: AppContext) {
  const deps = apiKeysDeps(ctx);
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/v1/api-clients',
      {
        schema: {
          tags: ['api keys'],
          summary: 'API clients and their keys (admin)',
          response: { 200: apiClientListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await service.listApiClients(deps, requireAuth(request).actor) }),
    );
    r.post(
      '/api/v1/api-clients',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Issue an API key (admin); the key is shown in this response only',
          body: createApiClientBodySchema,
          response: { 201: createdApiClientSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createApiClient(deps, requireAuth(request).actor, request.body)),
    );
    r.post(
      '/api/v1/api-clients/:id/revoke',
      {
        schema: {
          tags: ['api keys'],
          summary: 'Revoke an API key (admin)',
          params: apiClientParamsSchema,
          response: { 200: apiClientSchema, ...errorResponses },
        },
      },
      async (request) => service.revokeApiClient(deps, requireAuth(request).actor, request.params.id),
    );
  };
}
