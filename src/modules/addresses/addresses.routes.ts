import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import {
  addressSearchQuerySchema,
  addressSearchResultSchema,
  reverseQuerySchema,
  reverseResultSchema,
} from './addresses.schemas.ts';
import * as service from './addresses.service.ts';

/** The address registry's public look-ups (no sign-in: the report form uses them before it). */
export function addressRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/v1/addresses/search',
      {
        schema: {
          tags: ['addresses'],
          summary: 'Addresses matching what was typed ("Невский пр 1"), best first',
          querystring: addressSearchQuerySchema,
          response: { 200: addressSearchResultSchema, ...errorResponses },
        },
      },
      async (request) => service.searchAddresses(ctx.db, request.query),
    );
    r.get(
      '/api/v1/addresses/reverse',
      {
        schema: {
          tags: ['addresses'],
          summary: 'The nearest address to a point within the radius (404 when none)',
          querystring: reverseQuerySchema,
          response: { 200: reverseResultSchema, ...errorResponses },
        },
      },
      async (request) => service.reverseGeocode(ctx.db, request.query),
    );
  };
}
