import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectionRoutes } from '../../server/collection-routes.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import { reportParamsSchema } from '../reports/reports.schemas.ts';
import {
  createTemplateBodySchema,
  listTemplatesQuerySchema,
  organisationQualityListSchema,
  organisationQualitySchema,
  qualityQuerySchema,
  renderedTemplateListSchema,
  templateListSchema,
  templateParamsSchema,
  templateSchema,
  updateTemplateBodySchema,
} from './answers.schemas.ts';
import { placeholderNames } from './placeholders.ts';
import { allOrganisationsQuality, organisationQuality } from './quality.service.ts';
import * as templates from './templates.service.ts';

/** Answer templates (staff), templates filled in for a report, and the dispute rate per organisation. */
export function answerRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['answer quality'];

    collectionRoutes(app, {
      base: '/api/v1/answer-templates',
      tags,
      params: templateParamsSchema,
      list: {
        summary:
          'Answer templates the caller keeps (operators: their organisation; curators: their territory)',
        query: listTemplatesQuerySchema,
        response: templateListSchema,
        run: async (actor, query) => ({
          items: await templates.listTemplates(deps, actor, query),
          placeholders: [...placeholderNames],
        }),
      },
      create: {
        summary: 'Create an answer template for an organisation (and optionally a category)',
        body: createTemplateBodySchema,
        response: templateSchema,
        run: (actor, body) => templates.createTemplate(deps, actor, body),
      },
      update: {
        summary: 'Change an answer template',
        body: updateTemplateBodySchema,
        response: templateSchema,
        run: (actor, id, body) => templates.updateTemplate(deps, actor, id, body),
      },
      remove: {
        summary: 'Delete an answer template',
        run: (actor, id) => templates.deleteTemplate(deps, actor, id),
      },
    });

    r.get(
      '/api/v1/reports/:id/answer-templates',
      {
        schema: {
          tags,
          summary: 'Templates that fit the report, filled in for it (for whoever drafts its answer)',
          params: reportParamsSchema,
          response: { 200: renderedTemplateListSchema, ...errorResponses },
        },
      },
      async (request) => templates.templatesForReport(deps, requireAuth(request).actor, request.params.id),
    );

    r.get(
      '/api/v1/organisations/:id/quality',
      {
        schema: {
          tags,
          summary: 'Dispute rate and flagged answers of one organisation (staff)',
          params: z.object({ id: z.uuid() }),
          querystring: qualityQuerySchema,
          response: { 200: organisationQualitySchema, ...errorResponses },
        },
      },
      async (request) =>
        organisationQuality(deps, requireAuth(request).actor, request.params.id, request.query),
    );

    r.get(
      '/api/v1/answer-quality/organisations',
      {
        schema: {
          tags,
          summary: 'Dispute rate and flagged answers of every organisation (staff)',
          querystring: qualityQuerySchema,
          response: { 200: organisationQualityListSchema, ...errorResponses },
        },
      },
      async (request) => ({
        items: await allOrganisationsQuality(deps, requireAuth(request).actor, request.query),
      }),
    );
  };
}
