import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { writeLimits } from '../../server/plugins/shared-rate-limit.ts';
import type { ReportsDeps } from '../reports/index.ts';
import { reportDetailSchema, reportParamsSchema } from '../reports/reports.schemas.ts';
import { similarListSchema, similarQuerySchema } from './duplicates.schemas.ts';
import { findSimilarReports, similarBatch, similarToReport } from './similar.service.ts';
import { changeSupport } from './support.service.ts';

/** Similar reports (for the report form and the merge form) and support ("me too"). */
export function duplicatesRoutes(ctx: AppContext, deps: ReportsDeps) {
  const similarDeps = { db: ctx.db, config: ctx.config, batch: similarBatch(ctx.db) };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/reports/similar',
      {
        schema: {
          tags: ['duplicates'],
          summary: 'Open reports of the subject nearby with a similar text ("already reported")',
          querystring: similarQuerySchema,
          response: { 200: similarListSchema, ...errorResponses },
        },
      },
      async (request) => ({
        items: await findSimilarReports(similarDeps, optionalActor(request), request.query),
      }),
    );

    r.get(
      '/api/v1/reports/:id/similar',
      {
        schema: {
          tags: ['duplicates'],
          summary: 'Open reports that look like this one (candidates to merge it into)',
          params: reportParamsSchema,
          response: { 200: similarListSchema, ...errorResponses },
        },
      },
      async (request) => ({
        items: await similarToReport(similarDeps, optionalActor(request), request.params.id),
      }),
    );

    // Votes count per address and per account across every node.
    const voteLimit = writeLimits(ctx, 'vote');
    const writeLimit = { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } };
    r.post(
      '/api/v1/reports/:id/support',
      {
        config: writeLimit,
        preHandler: voteLimit,
        schema: {
          tags: ['duplicates'],
          summary: 'Support a report ("me too"): follow it and raise its priority',
          params: reportParamsSchema,
          response: { 200: reportDetailSchema, ...errorResponses },
        },
      },
      async (request) => changeSupport(deps, requireAuth(request).actor, request.params.id, 'support'),
    );

    r.delete(
      '/api/v1/reports/:id/support',
      {
        config: writeLimit,
        preHandler: voteLimit,
        schema: {
          tags: ['duplicates'],
          summary: 'Withdraw one’s support of a report',
          params: reportParamsSchema,
          response: { 200: reportDetailSchema, ...errorResponses },
        },
      },
      async (request) => changeSupport(deps, requireAuth(request).actor, request.params.id, 'withdraw'),
    );
  };
}
