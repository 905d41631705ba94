import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { collectionRoutes } from '../../server/collection-routes.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import { regionSettingsSchema, updateRegionSettingsSchema } from './region-settings.schemas.ts';
import * as settings from './region-settings.service.ts';
import {
  adminTerritoryDetailSchema,
  adminTerritoryListSchema,
  adminTerritorySchema,
  createTerritorySchema,
  territoryParamsSchema,
  updateTerritorySchema,
} from './territories-admin.schemas.ts';
import * as territories from './territories-admin.service.ts';

/** A boundary upload may be larger than other requests (the positions are limited by the service). */
const BOUNDARY_BODY_LIMIT = 12 * 1024 * 1024;

/** Admin API of territories and the region's settings (docs/administration.md). */
export function territoriesAdminRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock };
  const settingsDeps = { db: ctx.db, clock: ctx.clock, defaults: ctx.config };
  const tags = ['administration'];
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    collectionRoutes(app, {
      base: '/api/v1/admin/territories',
      tags,
      params: territoryParamsSchema,
      list: {
        summary: 'Region, districts and municipalities with archived ones and what refers to each (admin)',
        response: adminTerritoryListSchema,
        run: (actor) => territories.listTerritories(deps, actor),
      },
      create: {
        summary: 'Add a district or a municipality with its GeoJSON boundary (admin)',
        body: createTerritorySchema,
        bodyLimit: BOUNDARY_BODY_LIMIT,
        response: adminTerritorySchema,
        run: (actor, body) => territories.createTerritory(deps, actor, body),
      },
      get: {
        summary: 'A territory with its full boundary as GeoJSON (admin)',
        response: adminTerritoryDetailSchema,
        run: (actor, id) => territories.getTerritory(deps, actor, id),
      },
      update: {
        summary: 'Rename, replace the boundary, archive (isActive: false) or restore a territory (admin)',
        body: updateTerritorySchema,
        bodyLimit: BOUNDARY_BODY_LIMIT,
        response: adminTerritorySchema,
        run: (actor, id, body) => territories.updateTerritory(deps, actor, id, body),
      },
      remove: {
        summary: 'Delete a territory nothing refers to; otherwise archive it (admin)',
        run: (actor, id) => territories.deleteTerritory(deps, actor, id),
      },
    });
    r.get(
      '/api/v1/admin/region-settings',
      {
        schema: {
          tags,
          summary: 'The region’s settings in force (admin)',
          response: { 200: regionSettingsSchema, ...errorResponses },
        },
      },
      async (request) => settings.getRegionSettings(settingsDeps, requireAuth(request).actor),
    );
    r.patch(
      '/api/v1/admin/region-settings',
      {
        schema: {
          tags,
          summary:
            'Change region settings: name, map, tiles, languages, dispute window, clarification timeout, tolerance (admin)',
          body: updateRegionSettingsSchema,
          response: { 200: regionSettingsSchema, ...errorResponses },
        },
      },
      async (request) =>
        settings.updateRegionSettings(settingsDeps, requireAuth(request).actor, request.body),
    );
  };
}
