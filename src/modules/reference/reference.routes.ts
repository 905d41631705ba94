import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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
import { publicConfigSchema } from './region-settings.schemas.ts';
import { regionSettings } from './region-settings.service.ts';

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
          summary: 'Client configuration: region name, map tiles and view, languages, region extent',
          response: { 200: publicConfigSchema },
        },
      },
      async () => {
        const [e, settings] = await Promise.all([regionExtent(ctx.db), regionSettings(ctx.db, ctx.config)]);
        return {
          regionName: settings.name,
          mapTileUrl: settings.tileUrl,
          mapView: settings.mapCenter ? { ...settings.mapCenter, zoom: settings.mapZoom } : null,
          languages: settings.languages,
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
