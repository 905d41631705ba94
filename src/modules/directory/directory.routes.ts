import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import {
  directoryListSchema,
  directoryQuerySchema,
  organisationPageSchema,
  organisationParamsSchema,
  profileInputSchema,
  responsibleQuerySchema,
  responsibleSchema,
} from './directory.schemas.ts';
import { organisationPage, responsibleAt, saveProfile, searchDirectory } from './directory.service.ts';

export function directoryRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock, calendar: ctx.calendar };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['directory'];

    r.get(
      '/api/v1/organisations/:id',
      {
        schema: {
          tags,
          summary:
            'An organisation’s public page: contacts, hours (`openNow`), services, figures of 12 months',
          params: organisationParamsSchema,
          response: { 200: organisationPageSchema, ...errorResponses },
        },
      },
      async (request) => organisationPage(deps, request.params.id),
    );

    r.put(
      '/api/v1/organisations/:id/profile',
      {
        schema: {
          tags,
          summary: 'Set the directory entry of an organisation (admin): hours, days off, services, addresses',
          params: organisationParamsSchema,
          body: profileInputSchema,
          response: { 200: organisationPageSchema, ...errorResponses },
        },
      },
      async (request) => saveProfile(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.get(
      '/api/v1/directory/organisations',
      {
        schema: {
          tags,
          summary: 'The directory: search by text (full text and typos), kind, category',
          querystring: directoryQuerySchema,
          response: { 200: directoryListSchema, ...errorResponses },
        },
      },
      async (request) => searchDirectory(deps, request.query),
    );

    r.get(
      '/api/v1/responsible',
      {
        schema: {
          tags,
          summary: 'Who is responsible at a point: the routing rules’ organisation for each category',
          querystring: responsibleQuerySchema,
          response: { 200: responsibleSchema, ...errorResponses },
        },
      },
      async (request) => responsibleAt(deps, request.query.lat, request.query.lon),
    );
  };
}
