import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { localeFromHeader } from '../../lib/errors.ts';
import { collectionRoutes } from '../../server/collection-routes.ts';
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

    collectionRoutes(app, {
      base,
      tags,
      params: savedViewParamsSchema,
      list: {
        summary: 'My saved work-list views (staff)',
        response: savedViewListSchema,
        run: (actor) => views.listSavedViews(deps, actor),
      },
      create: {
        summary: 'Save a work-list view: a name and the list query (queue, order, filters)',
        body: createSavedViewSchema,
        response: savedViewSchema,
        run: (actor, body) => views.createSavedView(deps, actor, body),
      },
      update: {
        summary: 'Rename a saved view or change its query (own views only)',
        body: updateSavedViewSchema,
        response: savedViewSchema,
        run: (actor, id, body) => views.updateSavedView(deps, actor, id, body),
      },
      remove: {
        summary: 'Delete a saved view (own views only)',
        run: (actor, id) => views.deleteSavedView(deps, actor, id),
      },
    });

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
