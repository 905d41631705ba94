import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TtlCache } from '../../lib/ttl-cache.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { idParamsSchema, listQuerySchema } from './participation.schemas.ts';
import { submitVoteBallot, voteResults } from './vote-ballot.service.ts';
import { moderateItem, publishWinners, type WinnersAnnouncer } from './vote-moderation.service.ts';
import type { VoteRow } from './votes.repo.ts';
import {
  itemBodySchema,
  itemParamsSchema,
  moderationBodySchema,
  voteBallotBodySchema,
  voteBodySchema,
  voteItemSchema,
  voteListSchema,
  voteResultsSchema,
  voteSchema,
  winnersBodySchema,
} from './votes.schemas.ts';
import * as votes from './votes.service.ts';

const ballotReceiptSchema = z.object({ created: z.boolean(), itemIds: z.array(z.uuid()) });

/** Rating votes: two stages (proposals, then the vote), moderation, ballots, results, winners. */
export function voteRoutes(ctx: AppContext, winners: WinnersAnnouncer) {
  const deps = { db: ctx.db, clock: ctx.clock };
  const ballotVotes = new TtlCache<VoteRow>(60_000, 1000);
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['participation'];

    r.post(
      '/api/v1/votes',
      {
        schema: {
          tags,
          summary:
            'Create a rating vote with a proposal stage and a voting stage (admins; curators in scope)',
          body: voteBodySchema,
          response: { 201: voteSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await votes.createVote(deps, requireAuth(request).actor, request.body)),
    );

    r.get(
      '/api/v1/votes',
      {
        schema: {
          tags,
          summary: 'Rating votes (optionally of one territory, in one state)',
          querystring: listQuerySchema,
          response: { 200: voteListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await votes.listVotes(deps, optionalActor(request), request.query) }),
    );

    r.get(
      '/api/v1/votes/:id',
      {
        schema: {
          tags,
          summary: 'A vote with its items and the caller’s choice',
          params: idParamsSchema,
          response: { 200: voteSchema, ...errorResponses },
        },
      },
      async (request) => votes.getVote(deps, optionalActor(request), request.params.id),
    );

    r.post(
      '/api/v1/votes/:id/items',
      {
        schema: {
          tags,
          summary:
            'Propose an item (residents, during the proposal stage) or add one (staff, approved at once)',
          params: idParamsSchema,
          body: itemBodySchema,
          response: { 201: voteItemSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await votes.addItem(deps, requireAuth(request).actor, request.params.id, request.body)),
    );

    r.post(
      '/api/v1/votes/:id/items/:itemId/actions/moderate',
      {
        schema: {
          tags,
          summary: 'Approve a proposal, reject it with a reason, or merge it into another item',
          params: itemParamsSchema,
          body: moderationBodySchema,
          response: { 200: voteItemSchema, ...errorResponses },
        },
      },
      async (request) =>
        moderateItem(
          deps,
          requireAuth(request).actor,
          request.params.id,
          request.params.itemId,
          request.body,
        ),
    );

    r.put(
      '/api/v1/votes/:id/ballot',
      {
        schema: {
          tags,
          summary:
            'Choose up to N approved items (replaces the caller’s earlier choice until the vote closes)',
          params: idParamsSchema,
          body: voteBallotBodySchema,
          response: { 200: ballotReceiptSchema, ...errorResponses },
        },
      },
      async (request) =>
        submitVoteBallot(
          { ...deps, votes: ballotVotes },
          requireAuth(request).actor,
          request.params.id,
          request.body,
        ),
    );

    r.get(
      '/api/v1/votes/:id/results',
      {
        schema: {
          tags,
          summary: 'Approved items ranked by the number of ballots choosing them',
          params: idParamsSchema,
          response: { 200: voteResultsSchema, ...errorResponses },
        },
      },
      async (request) => voteResults(deps, optionalActor(request), request.params.id),
    );

    r.post(
      '/api/v1/votes/:id/actions/publish-winners',
      {
        schema: {
          tags,
          summary: 'Publish the winners with the decision text; the residents who voted are notified',
          params: idParamsSchema,
          body: winnersBodySchema,
          response: { 200: voteSchema, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireAuth(request).actor;
        await publishWinners({ ...deps, winners }, actor, request.params.id, request.body);
        return votes.getVote(deps, actor, request.params.id);
      },
    );
  };
}
