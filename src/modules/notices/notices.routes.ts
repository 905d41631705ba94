import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import type { ReportsDeps } from '../reports/index.ts';
import { answerLinkedReports } from './answer-linked.service.ts';
import { NOTICE_ALERTS_QUEUE } from './notice-alerts.queue.ts';
import {
  answerLinkedBodySchema,
  answerLinkedResultSchema,
  createNoticeBodySchema,
  createSubscriptionBodySchema,
  noticeAlertListSchema,
  noticeCollectionSchema,
  noticeDetailSchema,
  noticeParamsSchema,
  noticesQuerySchema,
  noticeUpdateBodySchema,
  subscriptionListSchema,
  subscriptionSchema,
  updateNoticeBodySchema,
} from './notices.schemas.ts';
import { addNoticeUpdate, createNotice, getNotice, listNotices, updateNotice } from './notices.service.ts';
import {
  listAlerts,
  listSubscriptions,
  readAlerts,
  subscribe,
  unsubscribe,
} from './subscriptions.service.ts';

/** An uploaded area may be a detailed GeoJSON: up to 10 MB (larger is refused as `file_too_large`). */
export const NOTICE_BODY_LIMIT = 10 * 1024 * 1024;

/** Notices of planned works, outages, events and road closures; residents' subscriptions and alerts. */
export function noticeRoutes(ctx: AppContext, reports: ReportsDeps) {
  const deps = { db: ctx.db, clock: ctx.clock };
  const tags = ['notices'];
  // A change may be due for subscribers at once: the alert job looks now instead of at the next minute.
  const kick = <T>(result: T): T => {
    ctx.queue?.send(NOTICE_ALERTS_QUEUE, {}).catch(() => {});
    return result;
  };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const writeLimit = { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } };

    r.get(
      '/api/v1/notices',
      {
        schema: {
          tags,
          summary:
            'Notices in force at a moment (default now) within a map box, as a GeoJSON FeatureCollection',
          querystring: noticesQuerySchema,
          response: { 200: noticeCollectionSchema, ...errorResponses },
        },
      },
      async (request) => listNotices(deps, request.query),
    );

    r.post(
      '/api/v1/notices',
      {
        bodyLimit: NOTICE_BODY_LIMIT,
        config: writeLimit,
        schema: {
          tags,
          summary: 'Publish a notice (staff; an operator for its own organisation)',
          body: createNoticeBodySchema,
          response: { 201: noticeDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(kick(await createNotice(deps, requireAuth(request).actor, request.body))),
    );

    r.get(
      '/api/v1/notices/:id',
      {
        schema: {
          tags,
          summary: 'A notice with its area, categories and updates',
          params: noticeParamsSchema,
          response: { 200: noticeDetailSchema, ...errorResponses },
        },
      },
      async (request) => getNotice(deps, optionalActor(request), request.params.id),
    );

    r.patch(
      '/api/v1/notices/:id',
      {
        bodyLimit: NOTICE_BODY_LIMIT,
        config: writeLimit,
        schema: {
          tags,
          summary: 'Change a notice (a new version: subscribers hear about it once it has started)',
          params: noticeParamsSchema,
          body: updateNoticeBodySchema,
          response: { 200: noticeDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        kick(await updateNotice(deps, requireAuth(request).actor, request.params.id, request.body)),
    );

    r.post(
      '/api/v1/notices/:id/updates',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Add an update to a notice ("water back at 18:00")',
          params: noticeParamsSchema,
          body: noticeUpdateBodySchema,
          response: { 201: noticeDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            kick(
              await addNoticeUpdate(deps, requireAuth(request).actor, request.params.id, request.body.text),
            ),
          ),
    );

    r.post(
      '/api/v1/notices/:id/answer-linked',
      {
        config: writeLimit,
        schema: {
          tags,
          summary:
            'After the notice ended: answer every linked report (each through the usual answer review)',
          params: noticeParamsSchema,
          body: answerLinkedBodySchema,
          response: { 200: answerLinkedResultSchema, ...errorResponses },
        },
      },
      async (request) =>
        answerLinkedReports(reports, requireAuth(request).actor, request.params.id, request.body),
    );

    // ---- a resident's subscriptions and alerts ----
    r.get(
      '/api/v1/me/notice-subscriptions',
      {
        schema: {
          tags,
          summary: 'My places for notices (addresses with a radius, or areas)',
          response: { 200: subscriptionListSchema, ...errorResponses },
        },
      },
      async (request) => listSubscriptions(deps, requireAuth(request).actor),
    );

    r.post(
      '/api/v1/me/notice-subscriptions',
      {
        bodyLimit: NOTICE_BODY_LIMIT,
        config: writeLimit,
        schema: {
          tags,
          summary: 'Subscribe to notices at a point with a radius, or in an area',
          body: createSubscriptionBodySchema,
          response: { 201: subscriptionSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await subscribe(deps, requireAuth(request).actor, request.body)),
    );

    r.delete(
      '/api/v1/me/notice-subscriptions/:id',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Remove a subscription',
          params: noticeParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await unsubscribe(deps, requireAuth(request).actor, request.params.id);
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/me/notice-alerts',
      {
        schema: {
          tags,
          summary: 'Notices that started, changed or ended at my places (newest first)',
          response: { 200: noticeAlertListSchema, ...errorResponses },
        },
      },
      async (request) => listAlerts(deps, requireAuth(request).actor),
    );

    r.post(
      '/api/v1/me/notice-alerts/read',
      {
        schema: {
          tags,
          summary: 'Mark my notice alerts read',
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await readAlerts(deps, requireAuth(request).actor);
        return reply.status(204).send(null);
      },
    );
  };
}
