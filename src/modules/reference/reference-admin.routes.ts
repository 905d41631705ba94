import type { FastifyInstance } from 'fastify';
import { collectionRoutes } from '../../server/collection-routes.ts';
import type { AppContext } from '../../server/context.ts';
import {
  adminCategoryListSchema,
  adminCategorySchema,
  categoryParamsSchema,
  createCategorySchema,
  updateCategorySchema,
} from './categories-admin.schemas.ts';
import * as categories from './categories-admin.service.ts';
import { type OrganisationProfileHooks, organisationsAdminRoutes } from './organisations-admin.routes.ts';
import { territoriesAdminRoutes } from './territories-admin.routes.ts';

/** Admin API of the reference data (docs/administration.md): every change audited with before and after. */
export function referenceAdminRoutes(ctx: AppContext, profiles: OrganisationProfileHooks) {
  const deps = { db: ctx.db, clock: ctx.clock };
  const tags = ['administration'];
  return async function routes(app: FastifyInstance) {
    await app.register(territoriesAdminRoutes(ctx));
    await app.register(organisationsAdminRoutes(ctx, profiles));
    collectionRoutes(app, {
      base: '/api/v1/admin/categories',
      tags,
      params: categoryParamsSchema,
      list: {
        summary: 'The category tree with archived categories and report counts (admin)',
        response: adminCategoryListSchema,
        run: (actor) => categories.listCategories(deps, actor),
      },
      create: {
        summary: 'Add a topic or a subject (admin)',
        body: createCategorySchema,
        response: adminCategorySchema,
        run: (actor, body) => categories.createCategory(deps, actor, body),
      },
      update: {
        summary: 'Edit a category, archive it (isActive: false) or restore it (admin)',
        body: updateCategorySchema,
        response: adminCategorySchema,
        run: (actor, id, body) => categories.updateCategory(deps, actor, id, body),
      },
      remove: {
        summary: 'Delete a category nothing refers to; otherwise archive it (admin)',
        run: (actor, id) => categories.deleteCategory(deps, actor, id),
      },
    });
  };
}
