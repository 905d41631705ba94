import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
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
    const r = app.withTypeProvider<ZodTypeProvider>();
    const base = '/api/v1/admin/categories';

    r.get(
      base,
      {
        schema: {
          tags,
          summary: 'The category tree with archived categories and report counts (admin)',
          response: { 200: adminCategoryListSchema, ...errorResponses },
        },
      },
      async (request) => categories.listCategories(deps, requireAuth(request).actor),
    );
    r.post(
      base,
      {
        schema: {
          tags,
          summary: 'Add a topic or a subject (admin)',
          body: createCategorySchema,
          response: { 201: adminCategorySchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await categories.createCategory(deps, requireAuth(request).actor, request.body)),
    );
    r.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Edit a category, archive it (isActive: false) or restore it (admin)',
          params: categoryParamsSchema,
          body: updateCategorySchema,
          response: { 200: adminCategorySchema, ...errorResponses },
        },
      },
      async (request) =>
        categories.updateCategory(deps, requireAuth(request).actor, request.params.id, request.body),
    );
    r.delete(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Delete a category nothing refers to; otherwise archive it (admin)',
          params: categoryParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await categories.deleteCategory(deps, requireAuth(request).actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
