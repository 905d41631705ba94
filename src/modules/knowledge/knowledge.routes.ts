import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import {
  articleInputSchema,
  articleListQuerySchema,
  articleListSchema,
  articleParamsSchema,
  articleSchema,
  articleUpdateSchema,
  articleVersionListSchema,
  feedbackBodySchema,
  reminderListSchema,
  searchQuerySchema,
  searchResultSchema,
  statsSchema,
} from './knowledge.schemas.ts';
import {
  createArticle,
  knowledgeStats,
  listArticles,
  listVersions,
  myReminders,
  readArticle,
  recordFeedback,
  updateArticle,
} from './knowledge.service.ts';
import { searchKnowledge } from './search.service.ts';

export function knowledgeRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['knowledge'];

    r.get(
      '/api/v1/knowledge/search',
      {
        schema: {
          tags,
          summary: 'Search published articles (Russian full text, typo tolerant), best first',
          querystring: searchQuerySchema,
          response: { 200: searchResultSchema, ...errorResponses },
        },
      },
      async (request) => searchKnowledge(deps, request.query),
    );

    r.post(
      '/api/v1/knowledge/articles',
      {
        schema: {
          tags,
          summary: 'Write an article (staff); its first version',
          body: articleInputSchema,
          response: { 201: articleSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createArticle(deps, requireAuth(request).actor, request.body)),
    );

    r.get(
      '/api/v1/knowledge/articles',
      {
        schema: {
          tags,
          summary: 'Articles: published ones for everyone, drafts and review dates for staff',
          querystring: articleListQuerySchema,
          response: { 200: articleListSchema, ...errorResponses },
        },
      },
      async (request) => listArticles(deps, optionalActor(request), request.query),
    );

    r.get(
      '/api/v1/knowledge/articles/:id',
      {
        schema: {
          tags,
          summary: 'One article with its body rendered as safe HTML',
          params: articleParamsSchema,
          response: { 200: articleSchema, ...errorResponses },
        },
      },
      async (request) => readArticle(ctx.db, optionalActor(request), request.params.id),
    );

    r.put(
      '/api/v1/knowledge/articles/:id',
      {
        schema: {
          tags,
          summary: 'Save a new version of an article (staff); refused if someone saved meanwhile',
          params: articleParamsSchema,
          body: articleUpdateSchema,
          response: { 200: articleSchema, ...errorResponses },
        },
      },
      async (request) =>
        updateArticle(
          deps,
          requireAuth(request).actor,
          request.params.id,
          request.body.expectedVersion,
          request.body.article,
        ),
    );

    r.get(
      '/api/v1/knowledge/articles/:id/versions',
      {
        schema: {
          tags,
          summary: 'Version history of an article (staff), newest first',
          params: articleParamsSchema,
          response: { 200: articleVersionListSchema, ...errorResponses },
        },
      },
      async (request) => listVersions(deps, requireAuth(request).actor, request.params.id),
    );

    r.post(
      '/api/v1/knowledge/articles/:id/feedback',
      {
        config: { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: '"This answered my question" or "no" about an article',
          params: articleParamsSchema,
          body: feedbackBodySchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await recordFeedback(deps, optionalActor(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/knowledge/stats',
      {
        schema: {
          tags,
          summary:
            'Which articles deflect reports, which searches found nothing, what is due for review (staff)',
          response: { 200: statsSchema, ...errorResponses },
        },
      },
      async (request) => knowledgeStats(deps, requireAuth(request).actor),
    );

    r.get(
      '/api/v1/knowledge/reminders',
      {
        schema: {
          tags,
          summary: "The signed-in editor's reminders of articles due for review",
          response: { 200: reminderListSchema, ...errorResponses },
        },
      },
      async (request) => myReminders(deps, requireAuth(request).actor),
    );
  };
}
