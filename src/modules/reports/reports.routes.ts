import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { writeLimits } from '../../server/plugins/shared-rate-limit.ts';
import { runAction } from './report-actions.service.ts';
import { createReport } from './report-create.service.ts';
import { listReports } from './report-list.service.ts';
import { getReport, listEvents } from './report-read.service.ts';
import type { ReportAction } from './report-states.ts';
import type { ReportsDeps } from './reports.deps.ts';
import {
  actionBodySchemas,
  createReportBodySchema,
  idempotencyHeaderSchema,
  listReportsQuerySchema,
  reportDetailSchema,
  reportEventListSchema,
  reportListSchema,
  reportParamsSchema,
} from './reports.schemas.ts';

export function reportRoutes(ctx: AppContext, deps: ReportsDeps) {
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/reports',
      {
        config: { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } },
        preHandler: writeLimits(ctx, 'report'),
        schema: {
          tags: ['reports'],
          summary: 'File a report (idempotent with the Idempotency-Key header)',
          body: createReportBodySchema,
          headers: idempotencyHeaderSchema,
          response: { 200: reportDetailSchema, 201: reportDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        const { report, created } = await createReport(
          deps,
          auth.actor,
          request.body,
          request.headers['idempotency-key'],
        );
        return reply.status(created ? 201 : 200).send(report);
      },
    );

    r.get(
      '/api/v1/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'List reports visible to the caller (filters, work queues, paging)',
          querystring: listReportsQuerySchema,
          response: { 200: reportListSchema, ...errorResponses },
        },
      },
      async (request) => listReports(deps, optionalActor(request), request.query),
    );

    r.get(
      '/api/v1/reports/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'One report, with the actions the caller may take',
          params: reportParamsSchema,
          response: { 200: reportDetailSchema, ...errorResponses },
        },
      },
      async (request) => getReport(deps, optionalActor(request), request.params.id),
    );

    r.get(
      '/api/v1/reports/:id/events',
      {
        schema: {
          tags: ['reports'],
          summary: 'The report’s timeline',
          params: reportParamsSchema,
          response: { 200: reportEventListSchema, ...errorResponses },
        },
      },
      async (request) => ({
        items: await listEvents(deps, optionalActor(request), request.params.id),
      }),
    );

    // One route per action, each with its own body schema (and its own entry in the OpenAPI document).
    for (const [action, body] of Object.entries(actionBodySchemas) as [ReportAction, z.ZodType][]) {
      r.post(
        `/api/v1/reports/:id/actions/${action}`,
        {
          schema: {
            tags: ['report actions'],
            summary: `Report action: ${action}`,
            params: reportParamsSchema,
            body,
            response: { 200: reportDetailSchema, ...errorResponses },
          },
        },
        async (request) => {
          const auth = requireAuth(request);
          return runAction(deps, auth.actor, request.params.id, action, request.body as never);
        },
      );
    }
  };
}
