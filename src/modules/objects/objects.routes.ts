import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { localeFromHeader } from '../../lib/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { topicNotifier } from '../notifications/index.ts';
import {
  followedObjectsSchema,
  objectBodySchema,
  objectCollectionSchema,
  objectDetailSchema,
  objectParamsSchema,
  objectSearchQuerySchema,
  objectSearchResultSchema,
  objectsImportBodySchema,
  objectsImportResultSchema,
  objectsQuerySchema,
  rateWorkBodySchema,
  workBodySchema,
  workParamsSchema,
  workPhotoBodySchema,
} from './objects.schemas.ts';
import {
  addWork,
  addWorkPhoto,
  changeWork,
  follow,
  followedObjects,
  getObject,
  listObjects,
  rateWork,
  saveObject,
  searchObjects,
} from './objects.service.ts';
import { importObjects } from './objects-import.service.ts';

/** A registry file may be large: up to 10 MB in one request (the CLI has no limit). */
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

/** City objects, their works (public control), ratings and follows; the registry import. */
export function objectRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock, notifier: topicNotifier(ctx) };
  const tags = ['objects'];
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const writeLimit = { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } };

    r.get(
      '/api/v1/objects',
      {
        schema: {
          tags,
          summary: 'City objects within a map box, as a GeoJSON FeatureCollection',
          querystring: objectsQuerySchema,
          response: { 200: objectCollectionSchema, ...errorResponses },
        },
      },
      async (request) => listObjects(deps, request.query),
    );

    r.post(
      '/api/v1/objects',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: writeLimit,
        schema: {
          tags,
          summary: 'Create or update (by external id) a city object (staff)',
          body: objectBodySchema,
          response: { 200: objectDetailSchema, ...errorResponses },
        },
      },
      async (request) => saveObject(deps, requireAuth(request).actor, request.body),
    );

    r.post(
      '/api/v1/objects/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        config: writeLimit,
        schema: {
          tags,
          summary:
            'Import a registry of objects, or of works on them (GeoJSON or CSV with a mapping; admin). Idempotent by source id',
          body: objectsImportBodySchema,
          response: { 200: objectsImportResultSchema, ...errorResponses },
        },
      },
      async (request) =>
        importObjects(
          deps,
          requireAuth(request).actor,
          request.body,
          localeFromHeader(request.headers['accept-language']),
        ),
    );

    r.get(
      '/api/v1/objects/search',
      {
        schema: {
          tags,
          summary: 'The catalogue of city objects: by words of the name or address, kind, works and follows',
          querystring: objectSearchQuerySchema,
          response: { 200: objectSearchResultSchema, ...errorResponses },
        },
      },
      async (request) => searchObjects(deps, optionalActor(request), request.query),
    );

    r.get(
      '/api/v1/objects/:id',
      {
        schema: {
          tags,
          summary: 'A city object with its works, nearby reports and follows',
          params: objectParamsSchema,
          response: { 200: objectDetailSchema, ...errorResponses },
        },
      },
      async (request) => getObject(deps, optionalActor(request), request.params.id),
    );

    r.post(
      '/api/v1/objects/:id/works',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Add works to an object (staff)',
          params: objectParamsSchema,
          body: workBodySchema,
          response: { 201: objectDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addWork(deps, requireAuth(request).actor, request.params.id, request.body)),
    );

    r.put(
      '/api/v1/objects/:id/works/:workId',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Change works (dates, status, budget…; staff)',
          params: workParamsSchema,
          body: workBodySchema,
          response: { 200: objectDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        changeWork(deps, requireAuth(request).actor, request.params.id, request.params.workId, request.body),
    );

    r.post(
      '/api/v1/objects/:id/works/:workId/photos',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Attach an uploaded photo to works, before or after (staff)',
          params: workParamsSchema,
          body: workPhotoBodySchema,
          response: { 200: objectDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        addWorkPhoto(
          deps,
          requireAuth(request).actor,
          request.params.id,
          request.params.workId,
          request.body,
        ),
    );

    r.post(
      '/api/v1/objects/:id/works/:workId/rating',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Rate completed works 1–5 (once per resident and work)',
          params: workParamsSchema,
          body: rateWorkBodySchema,
          response: { 200: objectDetailSchema, ...errorResponses },
        },
      },
      async (request) =>
        rateWork(
          deps,
          requireAuth(request).actor,
          request.params.id,
          request.params.workId,
          request.body.score,
        ),
    );

    r.put(
      '/api/v1/objects/:id/follow',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Follow an object',
          params: objectParamsSchema,
          response: { 200: objectDetailSchema, ...errorResponses },
        },
      },
      async (request) => follow(deps, requireAuth(request).actor, request.params.id, true),
    );

    r.delete(
      '/api/v1/objects/:id/follow',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Stop following an object',
          params: objectParamsSchema,
          response: { 200: objectDetailSchema, ...errorResponses },
        },
      },
      async (request) => follow(deps, requireAuth(request).actor, request.params.id, false),
    );

    r.get(
      '/api/v1/me/followed-objects',
      {
        schema: {
          tags,
          summary: 'Objects I follow',
          response: { 200: followedObjectsSchema, ...errorResponses },
        },
      },
      async (request) => followedObjects(deps, requireAuth(request).actor),
    );
  };
}
