import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ExportFormat, exportContentType } from '../../lib/tabular-export.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import {
  idParamsSchema,
  listQuerySchema,
  pollBallotBodySchema,
  pollBodySchema,
  pollListSchema,
  pollResultsSchema,
  pollSchema,
} from './participation.schemas.ts';
import { submitPollBallot } from './poll-ballot.service.ts';
import { exportPollBallots, exportPollResults, pollResults } from './poll-results.service.ts';
import * as polls from './polls.service.ts';

function sendFile(reply: FastifyReply, name: string, format: ExportFormat, body: NodeJS.ReadableStream) {
  return reply
    .header('content-type', exportContentType[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

const ballotReceiptSchema = z.object({ created: z.boolean(), updatedAt: z.string() });
const fileResponse = { 200: z.any().describe('The file (CSV or XLSX)'), ...errorResponses };

/** Polls and surveys: the builder (staff), answering (residents), results and exports. */
export function pollRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['participation'];

    r.post(
      '/api/v1/polls',
      {
        schema: {
          tags,
          summary: 'Create a draft poll (admins; curators for their territory)',
          body: pollBodySchema,
          response: { 201: pollSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await polls.createPoll(deps, requireAuth(request).actor, request.body)),
    );

    r.get(
      '/api/v1/polls',
      {
        schema: {
          tags,
          summary: 'Polls the caller may see (drafts only for their organisers)',
          querystring: listQuerySchema,
          response: { 200: pollListSchema, ...errorResponses },
        },
      },
      async (request) => ({ items: await polls.listPolls(deps, optionalActor(request), request.query) }),
    );

    r.get(
      '/api/v1/polls/:id',
      {
        schema: {
          tags,
          summary: 'A poll with its questions and the caller’s ballot',
          params: idParamsSchema,
          response: { 200: pollSchema, ...errorResponses },
        },
      },
      async (request) => polls.getPoll(deps, optionalActor(request), request.params.id),
    );

    r.put(
      '/api/v1/polls/:id',
      {
        schema: {
          tags,
          summary:
            'Replace a poll’s settings and questions (refused with questions_locked once a ballot exists)',
          params: idParamsSchema,
          body: pollBodySchema,
          response: { 200: pollSchema, ...errorResponses },
        },
      },
      async (request) => polls.updatePoll(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.post(
      '/api/v1/polls/:id/actions/publish',
      {
        schema: {
          tags,
          summary: 'Publish a draft poll',
          params: idParamsSchema,
          response: { 200: pollSchema, ...errorResponses },
        },
      },
      async (request) => polls.publishPoll(deps, requireAuth(request).actor, request.params.id),
    );

    r.put(
      '/api/v1/polls/:id/ballot',
      {
        // Above the global limit, so that an oversized text answer is refused by its field's rule
        // (with its path) rather than as an unreadable body.
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Store or replace the caller’s ballot (one per resident, enforced by the database)',
          params: idParamsSchema,
          body: pollBallotBodySchema,
          response: { 200: ballotReceiptSchema, ...errorResponses },
        },
      },
      async (request) => submitPollBallot(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.get(
      '/api/v1/polls/:id/results',
      {
        schema: {
          tags,
          summary: 'Results: counts and shares, scale means and distributions, Borda points; texts for staff',
          params: idParamsSchema,
          response: { 200: pollResultsSchema, ...errorResponses },
        },
      },
      async (request) => pollResults(deps, optionalActor(request), request.params.id),
    );

    for (const format of ['csv', 'xlsx'] as const) {
      r.get(
        `/api/v1/polls/:id/results.${format}`,
        {
          schema: {
            tags,
            summary: `Results as ${format.toUpperCase()} (XLSX for organisers adds the anonymised ballots)`,
            params: idParamsSchema,
            response: fileResponse,
          },
        },
        async (request, reply) =>
          sendFile(
            reply,
            'poll-results',
            format,
            await exportPollResults(deps, optionalActor(request), request.params.id, format),
          ),
      );
      r.get(
        `/api/v1/polls/:id/ballots.${format}`,
        {
          schema: {
            tags,
            summary: `Anonymised ballots as ${format.toUpperCase()} (organisers)`,
            params: idParamsSchema,
            response: fileResponse,
          },
        },
        async (request, reply) =>
          sendFile(
            reply,
            'poll-ballots',
            format,
            await exportPollBallots(deps, requireAuth(request).actor, request.params.id, format),
          ),
      );
    }
  };
}
