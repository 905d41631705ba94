import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
    const base = '/api/v1/admin/territories';

    r.get(
      base,
      {
        schema: {
          tags,
          summary: 'Region, districts and municipalities with archived ones and what refers to each (admin)',
          response: { 200: adminTerritoryListSchema, ...errorResponses },
        },
      },
      async (request) => territories.listTerritories(deps, requireAuth(request).actor),
    );
    r.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'A territory with its full boundary as GeoJSON (admin)',
          params: territoryParamsSchema,
          response: { 200: adminTerritoryDetailSchema, ...errorResponses },
        },
      },
      async (request) => territories.getTerritory(deps, requireAuth(request).actor, request.params.id),
    );
    r.post(
      base,
      {
        bodyLimit: BOUNDARY_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Add a district or a municipality with its GeoJSON boundary (admin)',
          body: createTerritorySchema,
          response: { 201: adminTerritorySchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await territories.createTerritory(deps, requireAuth(request).actor, request.body)),
    );
    r.patch(
      `${base}/:id`,
      {
        bodyLimit: BOUNDARY_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Rename, replace the boundary, archive (isActive: false) or restore a territory (admin)',
          params: territoryParamsSchema,
          body: updateTerritorySchema,
          response: { 200: adminTerritorySchema, ...errorResponses },
        },
      },
      async (request) =>
        territories.updateTerritory(deps, requireAuth(request).actor, request.params.id, request.body),
    );
    r.delete(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Delete a territory nothing refers to; otherwise archive it (admin)',
          params: territoryParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await territories.deleteTerritory(deps, requireAuth(request).actor, request.params.id);
        return reply.status(204).send(null);
      },
    );

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
