import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localeFromHeader } from '../../lib/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import type { ReportsDeps } from '../reports/index.ts';
import { runBulkAction } from './bulk-actions.service.ts';
import * as views from './saved-views.service.ts';
import {
  bulkActionSchema,
  bulkResultSchema,
  createSavedViewSchema,
  savedViewListSchema,
  savedViewParamsSchema,
  savedViewSchema,
  updateSavedViewSchema,
} from './workspace.schemas.ts';

/** The staff workspace: saved work-list views and bulk actions (docs/staff-workspace.md). */
export function workspaceRoutes(ctx: AppContext, reports: ReportsDeps) {
  const deps: views.WorkspaceDeps = { db: ctx.db, clock: ctx.clock };
  const base = '/api/v1/workspace/views';
  const tags = ['staff workspace'];
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      base,
      {
        schema: {
          tags,
          summary: 'My saved work-list views (staff)',
          response: { 200: savedViewListSchema, ...errorResponses },
        },
      },
      async (request) => views.listSavedViews(deps, requireAuth(request).actor),
    );

    r.post(
      base,
      {
        schema: {
          tags,
          summary: 'Save a work-list view: a name and the list query (queue, order, filters)',
          body: createSavedViewSchema,
          response: { 201: savedViewSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await views.createSavedView(deps, requireAuth(request).actor, request.body)),
    );

    r.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Rename a saved view or change its query (own views only)',
          params: savedViewParamsSchema,
          body: updateSavedViewSchema,
          response: { 200: savedViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        views.updateSavedView(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.delete(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Delete a saved view (own views only)',
          params: savedViewParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await views.deleteSavedView(deps, requireAuth(request).actor, request.params.id);
        return reply.status(204).send(null);
      },
    );

    r.post(
      '/api/v1/reports/bulk-actions',
      {
        config: { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['report actions'],
          summary:
            'One action (accept, assign, start) over many reports; each is checked and run on its own, with a result per report',
          body: bulkActionSchema,
          response: { 200: bulkResultSchema, ...errorResponses },
        },
      },
      async (request) =>
        runBulkAction(
          reports,
          requireAuth(request).actor,
          request.body,
          localeFromHeader(request.headers['accept-language']),
        ),
    );
  };
}
