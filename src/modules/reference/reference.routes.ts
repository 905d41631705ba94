import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { regionExtent } from './reference.repo.ts';
import {
  categoryListSchema,
  organisationListSchema,
  territoryListQuerySchema,
  territoryListSchema,
} from './reference.schemas.ts';
import * as reference from './reference.service.ts';

const configSchema = z.object({
  mapTileUrl: z.string(),
  region: z
    .object({
      center: z.object({ lat: z.number(), lon: z.number() }),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    })
    .nullable(),
});

export function referenceRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/v1/categories',
      {
        schema: {
          tags: ['reference'],
          summary: 'Category tree (topics and subjects)',
          response: { 200: categoryListSchema },
        },
      },
      async () => ({ items: await reference.listCategories(ctx.db) }),
    );
    r.get(
      '/api/v1/territories',
      {
        schema: {
          tags: ['reference'],
          summary: 'Region and districts; `geometry=true` adds simplified GeoJSON boundaries',
          querystring: territoryListQuerySchema,
          response: { 200: territoryListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await reference.listTerritories(ctx.db, request.query.geometry) }),
    );
    r.get(
      '/api/v1/organisations',
      {
        schema: {
          tags: ['reference'],
          summary: 'Organisation directory',
          response: { 200: organisationListSchema },
        },
      },
      async () => ({ items: await reference.listOrganisations(ctx.db) }),
    );
    r.get(
      '/api/v1/config',
      {
        schema: {
          tags: ['reference'],
          summary: 'Client configuration (map tiles, region extent)',
          response: { 200: configSchema },
        },
      },
      async () => {
        const e = await regionExtent(ctx.db);
        return {
          mapTileUrl: ctx.config.mapTileUrl,
          region: e
            ? {
                center: { lat: Number(e.lat), lon: Number(e.lon) },
                bbox: [e.minLon, e.minLat, e.maxLon, e.maxLat].map(Number) as [
                  number,
                  number,
                  number,
                  number,
                ],
              }
            : null,
        };
      },
    );
  };
}
