import type { FastifyInstance } from 'fastify';
import { collectionRoutes } from '../../server/collection-routes.ts';
import type { AppContext } from '../../server/context.ts';
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
    collectionRoutes(app, {
      base: '/api/v1/admin/organisations',
      tags,
      params: organisationAdminParamsSchema,
      list: {
        summary:
          'Organisations with archived ones, their hours, what they serve and what refers to them (admin)',
        response: adminOrganisationListSchema,
        run: (actor) => organisations.listOrganisations(deps, actor),
      },
      create: {
        summary:
          'Add an organisation: kind, names, contacts, hours, territories and categories, parent (admin)',
        body: createOrganisationSchema,
        response: adminOrganisationSchema,
        run: (actor, body) => organisations.createOrganisation(deps, actor, body),
      },
      update: {
        summary: 'Edit an organisation, archive it (isActive: false) or restore it (admin)',
        body: updateOrganisationSchema,
        response: adminOrganisationSchema,
        run: (actor, id, body) => organisations.updateOrganisation(deps, actor, id, body),
      },
      remove: {
        summary: 'Delete an organisation nothing refers to; otherwise archive it (admin)',
        run: (actor, id) => organisations.deleteOrganisation(deps, actor, id),
      },
    });
  };
}
