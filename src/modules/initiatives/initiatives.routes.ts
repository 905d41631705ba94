import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { mountRoutes, route } from '../discussions/index.ts';
import { topicNotifier } from '../notifications/index.ts';
import type { ReportsDeps } from '../reports/index.ts';
import {
  createInitiativeSchema,
  initiativeListQuerySchema,
  initiativeListSchema,
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
    notifier: topicNotifier(ctx),
  };
}

const params = initiativeParamsSchema;

/** Residents' initiatives: proposal, moderation, support up to the threshold, then the official answer. */
export function initiativeRoutes(ctx: AppContext, reports: ReportsDeps) {
  const deps = initiativesDeps(ctx, reports);
  return async function routes(app: FastifyInstance) {
    mountRoutes(
      app,
      ctx,
      ['initiatives'],
      [
        route({
          method: 'POST',
          url: '/api/v1/initiatives',
          summary: 'Propose an initiative, with photos (it is moderated before it collects support)',
          body: createInitiativeSchema,
          response: initiativeSchema,
          status: 201,
          limit: 'initiative',
          signedIn: true,
          handle: (actor, { body }) => proposeInitiative(deps, actor, body),
        }),
        route({
          method: 'GET',
          url: '/api/v1/initiatives',
          summary: 'Initiatives of a territory (moderators may list those awaiting moderation)',
          query: initiativeListQuerySchema,
          response: initiativeListSchema,
          signedIn: false,
          handle: async (actor, { query }) => ({ items: await listInitiatives(deps, actor, query) }),
        }),
        route({
          method: 'GET',
          url: '/api/v1/initiatives/:id',
          summary: 'An initiative with its supporters, threshold, status and the report it became',
          params,
          response: initiativeSchema,
          signedIn: false,
          handle: (actor, { params }) => getInitiative(deps, actor, params.id),
        }),
        route({
          method: 'POST',
          url: '/api/v1/initiatives/:id/moderation',
          summary: 'Approve an initiative (it starts collecting support) or reject it with a reason',
          params,
          body: moderateInitiativeSchema,
          response: initiativeSchema,
          signedIn: true,
          handle: (actor, { params, body }) => moderateInitiative(deps, actor, params.id, body),
        }),
        route({
          method: 'PUT',
          url: '/api/v1/initiatives/:id/support',
          summary: 'Support an initiative (once per resident of its territory)',
          params,
          response: initiativeSchema,
          limit: 'initiative-support',
          signedIn: true,
          handle: (actor, { params }) => supportInitiative(deps, actor, params.id),
        }),
        route({
          method: 'PUT',
          url: '/api/v1/initiative-thresholds/:territoryId',
          summary: 'Set the number of supporters a territory’s initiatives need (admin)',
          params: thresholdParamsSchema,
          body: thresholdSchema,
          response: thresholdSchema.extend(thresholdParamsSchema.shape),
          signedIn: true,
          handle: (actor, { params, body }) => setThreshold(deps, actor, params.territoryId, body.threshold),
        }),
      ],
    );
  };
}
