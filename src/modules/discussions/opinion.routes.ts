import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { discussionsDeps } from './discussions.routes.ts';
import {
  createStatementSchema,
  idParamsSchema,
  moderateStatementSchema,
  nextStatementSchema,
  opinionMapSchema,
  statementListSchema,
  statementQuerySchema,
  statementSchema,
  voteResultSchema,
  voteSchema,
} from './discussions.schemas.ts';
import {
  exportCsv,
  getOpinionMap,
  listStatements,
  moderateStatement,
  nextStatement,
  submitStatement,
  vote,
} from './opinion.service.ts';

/** The opinion map of a discussion: statements, their moderation, votes, the map and its export. */
export function opinionMapRoutes(ctx: AppContext) {
  const deps = discussionsDeps(ctx);
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['opinion map'];
    const writeLimit = { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } };

    r.post(
      '/api/v1/discussions/:id/statements',
      {
        config: writeLimit,
        schema: {
          tags,
          summary: 'Submit a statement (≤ 280 characters; shown to others once a moderator approves it)',
          params: idParamsSchema,
          body: createStatementSchema,
          response: { 201: statementSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await submitStatement(deps, requireAuth(request).actor, request.params.id, request.body.text),
          ),
    );

    r.get(
      '/api/v1/discussions/:id/statements',
      {
        schema: {
          tags,
          summary: 'Statements of a discussion (pending and rejected ones: moderators only)',
          params: idParamsSchema,
          querystring: statementQuerySchema,
          response: { 200: statementListSchema, ...errorResponses },
        },
      },
      async (request) => ({
        items: await listStatements(deps, optionalActor(request), request.params.id, request.query.status),
      }),
    );

    r.get(
      '/api/v1/discussions/:id/statements/next',
      {
        schema: {
          tags,
          summary: 'The next statement for the caller to vote on (one at a time)',
          params: idParamsSchema,
          response: { 200: nextStatementSchema, ...errorResponses },
        },
      },
      async (request) => nextStatement(deps, requireAuth(request).actor, request.params.id),
    );

    r.post(
      '/api/v1/statements/:id/moderation',
      {
        schema: {
          tags,
          summary: 'Approve or reject a statement (moderator)',
          params: idParamsSchema,
          body: moderateStatementSchema,
          response: { 200: statementSchema, ...errorResponses },
        },
      },
      async (request) =>
        moderateStatement(deps, requireAuth(request).actor, request.params.id, request.body.decision),
    );

    r.put(
      '/api/v1/statements/:id/vote',
      {
        schema: {
          tags,
          summary: 'Agree, disagree or pass (one vote per participant and statement; a new one replaces it)',
          params: idParamsSchema,
          body: voteSchema,
          response: { 200: voteResultSchema, ...errorResponses },
        },
      },
      async (request) => vote(deps, requireAuth(request).actor, request.params.id, request.body.vote),
    );

    r.get(
      '/api/v1/discussions/:id/opinion-map',
      {
        schema: {
          tags,
          summary: 'Opinion groups, what each thinks, and the consensus (as last computed)',
          params: idParamsSchema,
          response: { 200: opinionMapSchema, ...errorResponses },
        },
      },
      async (request) => getOpinionMap(deps, request.params.id),
    );

    const csvParams = idParamsSchema.extend({ what: z.enum(['statements', 'matrix']) });
    r.get(
      '/api/v1/discussions/:id/opinion-map/:what.csv',
      {
        schema: {
          tags,
          summary: 'Export the statements with their tallies, or the participant × statement matrix (staff)',
          params: csvParams,
          response: { 200: z.string(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const csv = await exportCsv(deps, requireAuth(request).actor, request.params.id, request.params.what);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="opinion-${request.params.what}.csv"`)
          .send(csv);
      },
    );
  };
}
