import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { topicNotifier } from '../notifications/index.ts';
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
  publishResultsSchema,
  updateDiscussionSchema,
} from './discussions.schemas.ts';
import {
  closeDiscussion,
  createDiscussion,
  getDiscussion,
  listDiscussions,
  publishResults,
  setFollowing,
  updateDiscussion,
} from './discussions.service.ts';
import { OPINION_MAP_QUEUE, opinionMapKicker } from './opinion-map.rebuild.ts';
import { mountRoutes, route } from './route-table.ts';

export function discussionsDeps(ctx: AppContext): DiscussionsDeps {
  const { queue } = ctx;
  const p = ctx.config.participation;
  return {
    db: ctx.db,
    clock: ctx.clock,
    audience: { verifiedOnly: p.verifiedOnly },
    notifier: topicNotifier(ctx),
    ...(queue
      ? { afterVote: opinionMapKicker(() => queue.send(OPINION_MAP_QUEUE, {}), p.opinionMapIntervalMs) }
      : {}),
  };
}

const params = idParamsSchema;
const following = z.object({ following: z.boolean() });

/** Public discussions: the document and its files, threaded comments, flags, moderation, official replies, results. */
export function discussionRoutes(ctx: AppContext) {
  const deps = discussionsDeps(ctx);
  return async function routes(app: FastifyInstance) {
    mountRoutes(
      app,
      ctx,
      ['discussions'],
      [
        route({
          method: 'POST',
          url: '/api/v1/discussions',
          summary: 'Open a public discussion with its files (staff)',
          body: createDiscussionSchema,
          response: discussionSchema,
          status: 201,
          signedIn: true,
          handle: (actor, { body }) => createDiscussion(deps, actor, body),
        }),
        route({
          method: 'GET',
          url: '/api/v1/discussions',
          summary: 'Discussions of a territory (and of the whole region), newest first',
          query: discussionListQuerySchema,
          response: discussionListSchema,
          signedIn: false,
          handle: async (_actor, { query }) => ({ items: await listDiscussions(deps, query.territoryId) }),
        }),
        route({
          method: 'GET',
          url: '/api/v1/discussions/:id',
          summary: 'A discussion with its files and threads (hidden comments keep their place and reason)',
          params,
          response: discussionSchema,
          signedIn: false,
          handle: (actor, { params }) => getDiscussion(deps, actor, params.id),
        }),
        route({
          method: 'PATCH',
          url: '/api/v1/discussions/:id',
          summary: 'Correct a discussion: title, text, closing time, files (staff)',
          params,
          body: updateDiscussionSchema,
          response: discussionSchema,
          signedIn: true,
          handle: (actor, { params, body }) => updateDiscussion(deps, actor, params.id, body),
        }),
        route({
          method: 'POST',
          url: '/api/v1/discussions/:id/close',
          summary: 'Close a discussion before its time (staff)',
          params,
          response: discussionSchema,
          signedIn: true,
          handle: (actor, { params }) => closeDiscussion(deps, actor, params.id),
        }),
        route({
          method: 'POST',
          url: '/api/v1/discussions/:id/results',
          summary: 'Publish the results (the final document); followers are notified',
          params,
          body: publishResultsSchema,
          response: discussionSchema,
          signedIn: true,
          handle: (actor, { params, body }) => publishResults(deps, actor, params.id, body.text),
        }),
        route({
          method: 'PUT',
          url: '/api/v1/discussions/:id/follow',
          summary: 'Follow a discussion (notified of official replies and results)',
          params,
          response: following,
          signedIn: true,
          handle: (actor, { params }) => setFollowing(deps, actor, params.id, true),
        }),
        route({
          method: 'DELETE',
          url: '/api/v1/discussions/:id/follow',
          summary: 'Stop following a discussion',
          params,
          response: following,
          signedIn: true,
          handle: (actor, { params }) => setFollowing(deps, actor, params.id, false),
        }),
        route({
          method: 'POST',
          url: '/api/v1/discussions/:id/comments',
          summary: 'Comment, reply (two levels deep), or reply officially',
          params,
          body: createCommentSchema,
          response: commentSchema,
          status: 201,
          limit: 'comment',
          signedIn: true,
          handle: (actor, { params, body }) => addComment(deps, actor, params.id, body),
        }),
        route({
          method: 'PATCH',
          url: '/api/v1/comments/:id',
          summary: 'Edit one’s comment within 15 minutes of posting',
          params,
          body: editCommentSchema,
          response: commentSchema,
          limit: 'comment',
          signedIn: true,
          handle: (actor, { params, body }) => editComment(deps, actor, params.id, body.text),
        }),
        route({
          method: 'PUT',
          url: '/api/v1/comments/:id/support',
          summary: 'Support a comment',
          params,
          response: commentSchema,
          limit: 'comment-support',
          signedIn: true,
          handle: (actor, { params }) => supportComment(deps, actor, params.id),
        }),
        route({
          method: 'POST',
          url: '/api/v1/comments/:id/flags',
          summary: 'Flag a comment with a reason; three flags hide it until a moderator decides',
          params,
          body: flagSchema,
          response: commentSchema,
          status: 201,
          limit: 'flag',
          signedIn: true,
          handle: (actor, { params, body }) => flagComment(deps, actor, params.id, body.reason),
        }),
        route({
          method: 'POST',
          url: '/api/v1/comments/:id/moderation',
          summary:
            'Hide, restore, or remove personal data from a comment (moderator; audited, shown publicly)',
          params,
          body: moderateCommentSchema,
          response: commentSchema,
          signedIn: true,
          handle: (actor, { params, body }) => moderateComment(deps, actor, params.id, body),
        }),
        route({
          method: 'GET',
          url: '/api/v1/moderation/comments',
          summary: 'Flagged comments waiting for a moderator',
          response: flaggedListSchema,
          signedIn: true,
          handle: async (actor) => ({ items: await listFlagged(deps, actor) }),
        }),
      ],
    );
  };
}
