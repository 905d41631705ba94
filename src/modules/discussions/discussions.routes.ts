import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import {
  addComment,
  editComment,
  flagComment,
  listFlagged,
  moderateComment,
  supportComment,
} from './comments.service.ts';
import type { DiscussionsDeps } from './discussions.deps.ts';
import {
  commentSchema,
  createCommentSchema,
  createDiscussionSchema,
  discussionListQuerySchema,
  discussionListSchema,
  discussionSchema,
  editCommentSchema,
  flaggedListSchema,
  flagSchema,
  idParamsSchema,
  moderateCommentSchema,
  noticeListSchema,
  publishResultsSchema,
} from './discussions.schemas.ts';
import {
  closeDiscussion,
  createDiscussion,
  getDiscussion,
  listDiscussions,
  listNotices,
  markNoticesRead,
  publishResults,
  setFollowing,
} from './discussions.service.ts';
import { OPINION_MAP_QUEUE, opinionMapKicker } from './opinion-map.rebuild.ts';

export function discussionsDeps(ctx: AppContext): DiscussionsDeps {
  const { queue } = ctx;
  const p = ctx.config.participation;
  return {
    db: ctx.db,
    clock: ctx.clock,
    audience: { verifiedOnly: p.verifiedOnly },
    ...(queue
      ? { afterVote: opinionMapKicker(() => queue.send(OPINION_MAP_QUEUE, {}), p.opinionMapIntervalMs) }
      : {}),
  };
}

/** Public discussions: the document, threaded comments, flags, moderation, official replies, results. */
export function discussionRoutes(ctx: AppContext) {
  const deps = discussionsDeps(ctx);
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['discussions'];
    const writeLimit = { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } };

    r.post(
      '/api/v1/discussions',
      {
        schema: {
          tags,
          summary: 'Open a public discussion (staff)',
          body: createDiscussionSchema,
          response: { 201: discussionSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createDiscussion(deps, requireAuth(request).actor, request.body)),
    );

    r.get(
      '/api/v1/discussions',
      {
        schema: {
          tags,
          summary: 'Discussions of a territory (and of the whole region), newest first',
          querystring: discussionListQuerySchema,
          response: { 200: discussionListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await listDiscussions(deps, request.query.territoryId) }),
    );

    r.get(
      '/api/v1/discussions/:id',
      {
        schema: {
          tags,
          summary: 'A discussion with its threads (hidden comments keep their place and reason)',
          params: idParamsSchema,
          response: { 200: discussionSchema, ...errorResponses },
        },
      },
      async (request) => getDiscussion(deps, optionalActor(request), request.params.id),
    );

    r.post(
      '/api/v1/discussions/:id/close',
      {
        schema: {
          tags,
          summary: 'Close a discussion before its time (staff)',
          params: idParamsSchema,
          response: { 200: discussionSchema, ...errorResponses },
        },
      },
      async (request) => closeDiscussion(deps, requireAuth(request).actor, request.params.id),
    );

    r.post(
      '/api/v1/discussions/:id/results',
      {
        schema: {
          tags,
          summary: 'Publish the results (the final document); followers are told',
          params: idParamsSchema,
          body: publishResultsSchema,
          response: { 200: discussionSchema, ...errorResponses },
        },
      },
      async (request) =>
        publishResults(deps, requireAuth(request).actor, request.params.id, request.body.text),
    );

    const followResponse = { 200: z.object({ following: z.boolean() }), ...errorResponses };
    r.put(
      '/api/v1/discussions/:id/follow',
      { schema: { tags, summary: 'Follow a discussion', params: idParamsSchema, response: followResponse } },
      async (request) => setFollowing(deps, requireAuth(request).actor, request.params.id, true),
    );
    r.delete(
      '/api/v1/discussions/:id/follow',
      {
        schema: {
          tags,
          summary: 'Stop following a discussion',
          params: idParamsSchema,
          response: followResponse,
        },
      },
      async (request) => setFollowing(deps, requireAuth(request).actor, request.params.id, false),
    );

    r.get(
      '/api/v1/discussion-notices',
      {
        schema: {
          tags,
          summary: 'What the caller was told about discussions they follow',
          response: { 200: noticeListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await listNotices(deps, requireAuth(request).actor) }),
    );
    r.post(
      '/api/v1/discussion-notices/read',
      {
        schema: {
          tags,
          summary: 'Mark the caller’s discussion notices read',
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await markNoticesRead(deps, requireAuth(request).actor);
        return reply.code(204).send(null);
      },
    );

    r.post(
      '/api/v1/discussions/:id/comments',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Comment, reply (two levels deep), or reply officially',
          params: idParamsSchema,
          body: createCommentSchema,
          response: { 201: commentSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await addComment(deps, requireAuth(request).actor, request.params.id, request.body)),
    );

    r.patch(
      '/api/v1/comments/:id',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Edit one’s comment within 15 minutes of posting',
          params: idParamsSchema,
          body: editCommentSchema,
          response: { 200: commentSchema, ...errorResponses },
        },
      },
      async (request) => editComment(deps, requireAuth(request).actor, request.params.id, request.body.text),
    );

    r.put(
      '/api/v1/comments/:id/support',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Support a comment',
          params: idParamsSchema,
          response: { 200: commentSchema, ...errorResponses },
        },
      },
      async (request) => supportComment(deps, requireAuth(request).actor, request.params.id),
    );

    r.post(
      '/api/v1/comments/:id/flags',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Flag a comment with a reason; three flags hide it until a moderator decides',
          params: idParamsSchema,
          body: flagSchema,
          response: { 201: commentSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await flagComment(deps, requireAuth(request).actor, request.params.id, request.body.reason)),
    );

    r.post(
      '/api/v1/comments/:id/moderation',
      {
        schema: {
          tags,
          summary:
            'Hide, restore, or remove personal data from a comment (moderator; audited, shown publicly)',
          params: idParamsSchema,
          body: moderateCommentSchema,
          response: { 200: commentSchema, ...errorResponses },
        },
      },
      async (request) => moderateComment(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.get(
      '/api/v1/moderation/comments',
      {
        schema: {
          tags,
          summary: 'Flagged comments waiting for a moderator',
          response: { 200: flaggedListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await listFlagged(deps, requireAuth(request).actor) }),
    );
  };
}
