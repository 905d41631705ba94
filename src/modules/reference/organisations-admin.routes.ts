import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import {
  adminOrganisationListSchema,
  adminOrganisationSchema,
  createOrganisationSchema,
  organisationAdminParamsSchema,
  updateOrganisationSchema,
} from './organisations-admin.schemas.ts';
import * as organisations from './organisations-admin.service.ts';

export type { OrganisationProfileHooks } from './organisations-admin.service.ts';

/** Admin API of organisations (docs/administration.md). */
export function organisationsAdminRoutes(ctx: AppContext, profiles: organisations.OrganisationProfileHooks) {
  const deps = { db: ctx.db, clock: ctx.clock, profiles };
  const tags = ['administration'];
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const base = '/api/v1/admin/organisations';

    r.get(
      base,
      {
        schema: {
          tags,
          summary:
            'Organisations with archived ones, their hours, what they serve and what refers to them (admin)',
          response: { 200: adminOrganisationListSchema, ...errorResponses },
        },
      },
      async (request) => organisations.listOrganisations(deps, requireAuth(request).actor),
    );
    r.post(
      base,
      {
        schema: {
          tags,
          summary:
            'Add an organisation: kind, names, contacts, hours, territories and categories, parent (admin)',
          body: createOrganisationSchema,
          response: { 201: adminOrganisationSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await organisations.createOrganisation(deps, requireAuth(request).actor, request.body)),
    );
    r.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Edit an organisation, archive it (isActive: false) or restore it (admin)',
          params: organisationAdminParamsSchema,
          body: updateOrganisationSchema,
          response: { 200: adminOrganisationSchema, ...errorResponses },
        },
      },
      async (request) =>
        organisations.updateOrganisation(deps, requireAuth(request).actor, request.params.id, request.body),
    );
    r.delete(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Delete an organisation nothing refers to; otherwise archive it (admin)',
          params: organisationAdminParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await organisations.deleteOrganisation(deps, requireAuth(request).actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
