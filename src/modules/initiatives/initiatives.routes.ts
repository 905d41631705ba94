import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import type { ReportsDeps } from '../reports/index.ts';
import {
  createInitiativeSchema,
  initiativeListQuerySchema,
  initiativeListSchema,
  initiativeNoticeListSchema,
  initiativeParamsSchema,
  initiativeSchema,
  moderateInitiativeSchema,
  thresholdParamsSchema,
  thresholdSchema,
} from './initiatives.schemas.ts';
import {
  getInitiative,
  type InitiativesDeps,
  listInitiatives,
  listNotices,
  moderateInitiative,
  proposeInitiative,
  setThreshold,
  supportInitiative,
} from './initiatives.service.ts';

export function initiativesDeps(ctx: AppContext, reports: ReportsDeps): InitiativesDeps {
  const p = ctx.config.participation;
  return {
    reports,
    settings: {
      verifiedOnly: p.verifiedOnly,
      defaultThreshold: p.initiativeThreshold,
      collectDays: p.initiativeDays,
    },
  };
}

/** Residents' initiatives: proposal, moderation, support up to the threshold, then the official answer. */
export function initiativeRoutes(ctx: AppContext, reports: ReportsDeps) {
  const deps = initiativesDeps(ctx, reports);
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['initiatives'];
    const writeLimit = { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } };

    r.post(
      '/api/v1/initiatives',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Propose an initiative (it is moderated before it collects support)',
          body: createInitiativeSchema,
          response: { 201: initiativeSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await proposeInitiative(deps, requireAuth(request).actor, request.body)),
    );

    r.get(
      '/api/v1/initiatives',
      {
        schema: {
          tags,
          summary: 'Initiatives of a territory (moderators may list those awaiting moderation)',
          querystring: initiativeListQuerySchema,
          response: { 200: initiativeListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await listInitiatives(deps, optionalActor(request), request.query) }),
    );

    r.get(
      '/api/v1/initiatives/:id',
      {
        schema: {
          tags,
          summary: 'An initiative with its supporters, threshold, status and the report it became',
          params: initiativeParamsSchema,
          response: { 200: initiativeSchema, ...errorResponses },
        },
      },
      async (request) => getInitiative(deps, optionalActor(request), request.params.id),
    );

    r.post(
      '/api/v1/initiatives/:id/moderation',
      {
        schema: {
          tags,
          summary: 'Approve an initiative (it starts collecting support) or reject it with a reason',
          params: initiativeParamsSchema,
          body: moderateInitiativeSchema,
          response: { 200: initiativeSchema, ...errorResponses },
        },
      },
      async (request) =>
        moderateInitiative(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.put(
      '/api/v1/initiatives/:id/support',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Support an initiative (once per resident of its territory)',
          params: initiativeParamsSchema,
          response: { 200: initiativeSchema, ...errorResponses },
        },
      },
      async (request) => supportInitiative(deps, requireAuth(request).actor, request.params.id),
    );

    r.put(
      '/api/v1/initiative-thresholds/:territoryId',
      {
        schema: {
          tags,
          summary: 'Set the number of supporters a territory’s initiatives need (admin)',
          params: thresholdParamsSchema,
          body: thresholdSchema,
          response: { 200: thresholdSchema.extend(thresholdParamsSchema.shape), ...errorResponses },
        },
      },
      async (request) =>
        setThreshold(deps, requireAuth(request).actor, request.params.territoryId, request.body.threshold),
    );

    r.get(
      '/api/v1/initiative-notices',
      {
        schema: {
          tags,
          summary: 'What the caller was told about initiatives they support (sent, expired)',
          response: { 200: initiativeNoticeListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await listNotices(deps, requireAuth(request).actor) }),
    );
  };
}
