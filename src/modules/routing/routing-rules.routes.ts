import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { collectionRoutes } from '../../server/collection-routes.ts';
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

    // The literal path wins over the collection's `/:id` in Fastify's router, whatever the order.
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

    collectionRoutes(app, {
      base,
      tags,
      params: routingRuleParamsSchema,
      list: {
        summary: 'The routing table with its gaps and overlaps flagged (admin)',
        query: routingRuleQuerySchema,
        response: routingRuleListSchema,
        run: (actor, query) => service.listRules(deps, actor, query),
      },
      create: {
        summary: 'Add a rule: category × territory → organisation, priority, validity dates (admin)',
        body: createRoutingRuleSchema,
        response: routingRuleSchema,
        run: (actor, body) => service.createRule(deps, actor, body),
      },
      get: {
        summary: 'One rule (admin)',
        response: routingRuleSchema,
        run: (actor, id) => service.getRule(deps, actor, id),
      },
      update: {
        summary: 'Change a rule; the change is audited with its before and after (admin)',
        body: updateRoutingRuleSchema,
        response: routingRuleSchema,
        run: (actor, id, body) => service.updateRule(deps, actor, id, body),
      },
      remove: {
        summary: 'Delete an unused rule; one that routed reports is ended with a date instead (admin)',
        run: (actor, id) => service.deleteRule(deps, actor, id),
      },
    });
  };
}
