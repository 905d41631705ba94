import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import {
  createRoutingRuleSchema,
  routingRuleListSchema,
  routingRuleParamsSchema,
  routingRuleQuerySchema,
  routingRuleSchema,
  routingTestQuerySchema,
  routingTestResultSchema,
  updateRoutingRuleSchema,
} from './routing-rules.schemas.ts';
import * as service from './routing-rules.service.ts';

/** Admin API of the routing table (docs/administration.md). */
export function routingRuleRoutes(ctx: AppContext, advisor?: service.RoutingRulesDeps['advisor']) {
  const deps: service.RoutingRulesDeps = {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    ...(advisor ? { advisor } : {}),
  };
  const base = '/api/v1/admin/routing-rules';
  const tags = ['administration'];
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      base,
      {
        schema: {
          tags,
          summary: 'The routing table with its gaps and overlaps flagged (admin)',
          querystring: routingRuleQuerySchema,
          response: { 200: routingRuleListSchema, ...errorResponses },
        },
      },
      async (request) => service.listRules(deps, requireAuth(request).actor, request.query),
    );

    // Registered before `/:id` only for readability: the literal path wins in Fastify's router.
    r.get(
      `${base}/test`,
      {
        schema: {
          tags,
          summary: 'Where a report of this subject at this point would go, and what decides it (admin)',
          querystring: routingTestQuerySchema,
          response: { 200: routingTestResultSchema, ...errorResponses },
        },
      },
      async (request) => service.testRouting(deps, requireAuth(request).actor, request.query),
    );

    r.post(
      base,
      {
        schema: {
          tags,
          summary: 'Add a rule: category × territory → organisation, priority, validity dates (admin)',
          body: createRoutingRuleSchema,
          response: { 201: routingRuleSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createRule(deps, requireAuth(request).actor, request.body)),
    );

    r.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'One rule (admin)',
          params: routingRuleParamsSchema,
          response: { 200: routingRuleSchema, ...errorResponses },
        },
      },
      async (request) => service.getRule(deps, requireAuth(request).actor, request.params.id),
    );

    r.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Change a rule; the change is audited with its before and after (admin)',
          params: routingRuleParamsSchema,
          body: updateRoutingRuleSchema,
          response: { 200: routingRuleSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.updateRule(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.delete(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Delete an unused rule; one that routed reports is ended with a date instead (admin)',
          params: routingRuleParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.deleteRule(deps, requireAuth(request).actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
