import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import {
  type ApiClientAuth,
  apiKeysDeps,
  authenticateApiKey,
  requireOrganisationScope,
} from '../api-keys/index.ts';
import { getReport, listReports, type ReportsDeps } from '../reports/index.ts';
import {
  listReportsQuerySchema,
  reportDetailSchema,
  reportListSchema,
  reportParamsSchema,
} from '../reports/reports.schemas.ts';
import { apiKeyHeaderSchema, inboundAnswerBodySchema, inboundStartBodySchema } from './inbound.schemas.ts';
import { applyOrganisationUpdate } from './inbound.service.ts';

/**
 * The inbound organisation API: an organisation's own system (СЭД, dispatch) reads its queue and
 * posts status updates and answers with an API key bound to the organisation (`X-API-Key`).
 */
export function inboundRoutes(ctx: AppContext, deps: ReportsDeps) {
  const keys = apiKeysDeps(ctx);
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) =>
    requireOrganisationScope(
      await authenticateApiKey(keys, headerKey(request), (s) => reply.header('retry-after', String(s))),
    );
  return async function routes(app: FastifyInstance) {
    // The key is checked before the body: a caller without access learns nothing about its input.
    const clients = new WeakMap<FastifyRequest, ApiClientAuth>();
    app.addHook('onRequest', async (request, reply) => {
      clients.set(request, await authenticate(request, reply));
    });
    const clientOf = (request: FastifyRequest) => clients.get(request)!;
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/v1/inbound/reports',
      {
        schema: {
          tags: ['inbound'],
          summary: 'The organisation’s work queue (API key bound to an organisation)',
          headers: apiKeyHeaderSchema,
          querystring: listReportsQuerySchema.omit({ queue: true }),
          response: { 200: reportListSchema, ...errorResponses },
        },
      },
      async (request) =>
        listReports(deps, clientOf(request).actor, { ...request.query, queue: 'organisation' }),
    );
    r.get(
      '/api/v1/inbound/reports/:id',
      {
        schema: {
          tags: ['inbound'],
          summary: 'One report of the organisation',
          headers: apiKeyHeaderSchema,
          params: reportParamsSchema,
          response: { 200: reportDetailSchema, ...errorResponses },
        },
      },
      async (request) => getReport(deps, clientOf(request).actor, request.params.id),
    );
    r.post(
      '/api/v1/inbound/reports/:id/start',
      {
        schema: {
          tags: ['inbound'],
          summary: 'Work on the report has started',
          headers: apiKeyHeaderSchema,
          params: reportParamsSchema,
          body: inboundStartBodySchema,
          response: { 200: reportDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        (await applyOrganisationUpdate(deps, clientOf(request), request.params.id, { kind: 'start' })).report,
    );
    r.post(
      '/api/v1/inbound/reports/:id/answer',
      {
        schema: {
          tags: ['inbound'],
          summary:
            'The organisation’s answer: drafted, submitted for review or published, as its permissions allow',
          headers: apiKeyHeaderSchema,
          params: reportParamsSchema,
          body: inboundAnswerBodySchema,
          response: { 200: reportDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        (
          await applyOrganisationUpdate(deps, clientOf(request), request.params.id, {
            kind: 'answer',
            ...request.body,
          })
        ).report,
    );
  };
}

function headerKey(request: FastifyRequest): string | undefined {
  const v = request.headers['x-api-key'];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
