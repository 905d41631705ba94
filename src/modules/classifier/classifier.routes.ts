import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import {
  classifierStatusSchema,
  retrainResponseSchema,
  routingWeeksQuerySchema,
  routingWeeksSchema,
  suggestBodySchema,
  suggestionListSchema,
} from './classifier.schemas.ts';
import { classifierStatus, requestRetrain, routingByWeek, suggestCategories } from './classifier.service.ts';

export function classifierRoutes(ctx: AppContext) {
  const deps = {
    db: ctx.db,
    clock: ctx.clock,
    dataDir: ctx.config.dataDir,
    store: ctx.classifier,
    routingThreshold: ctx.config.classifierRoutingThreshold,
  };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/suggestions/categories',
      {
        schema: {
          tags: ['classifier'],
          summary: 'Top-3 subjects for a report text while it is being written',
          body: suggestBodySchema,
          response: { 200: suggestionListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await suggestCategories(deps, request.body) }),
    );

    r.get(
      '/api/v1/admin/classifier',
      {
        schema: {
          tags: ['classifier'],
          summary: 'Model history and figures (admin, analyst)',
          response: { 200: classifierStatusSchema, ...errorResponses },
        },
      },
      async (request) => classifierStatus(deps, requireAuth(request).actor, ctx.config.classifierRetrainCron),
    );

    r.get(
      '/api/v1/admin/classifier/routing-weeks',
      {
        schema: {
          tags: ['classifier'],
          summary:
            'Per week: reports routed by a rule, by the classifier and by a curator, and automatic routings later redirected (admin, curator, analyst)',
          querystring: routingWeeksQuerySchema,
          response: { 200: routingWeeksSchema, ...errorResponses },
        },
      },
      async (request) => routingByWeek(deps, requireAuth(request).actor, request.query.weeks),
    );

    r.post(
      '/api/v1/admin/classifier/retrain',
      {
        schema: {
          tags: ['classifier'],
          summary:
            'Retrain the classifier now (admin); the new model replaces the active one only if it scores at least as well',
          response: { 202: retrainResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const accepted = await requestRetrain({ ...deps, queue: ctx.queue }, requireAuth(request).actor);
        return reply.status(202).send(accepted);
      },
    );
  };
}
