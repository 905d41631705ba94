import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
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
import { mountRoutes, route } from './route-table.ts';

const params = idParamsSchema;

/** The opinion map of a discussion: statements, their moderation, votes, the map and its export. */
export function opinionMapRoutes(ctx: AppContext) {
  const deps = discussionsDeps(ctx);
  return async function routes(app: FastifyInstance) {
    const tags = ['opinion map'];
    mountRoutes(app, ctx, tags, [
      route({
        method: 'POST',
        url: '/api/v1/discussions/:id/statements',
        summary: 'Submit a statement (≤ 280 characters; shown to others once a moderator approves it)',
        params,
        body: createStatementSchema,
        response: statementSchema,
        status: 201,
        limit: 'statement',
        signedIn: true,
        handle: (actor, { params, body }) => submitStatement(deps, actor, params.id, body.text),
      }),
      route({
        method: 'GET',
        url: '/api/v1/discussions/:id/statements',
        summary: 'Statements of a discussion (pending and rejected ones: moderators only)',
        params,
        query: statementQuerySchema,
        response: statementListSchema,
        signedIn: false,
        handle: async (actor, { params, query }) => ({
          items: await listStatements(deps, actor, params.id, query.status),
        }),
      }),
      route({
        method: 'GET',
        url: '/api/v1/discussions/:id/statements/next',
        summary: 'The next statement for the caller to vote on (one at a time)',
        params,
        response: nextStatementSchema,
        signedIn: true,
        handle: (actor, { params }) => nextStatement(deps, actor, params.id),
      }),
      route({
        method: 'POST',
        url: '/api/v1/statements/:id/moderation',
        summary: 'Approve or reject a statement (moderator)',
        params,
        body: moderateStatementSchema,
        response: statementSchema,
        signedIn: true,
        handle: (actor, { params, body }) => moderateStatement(deps, actor, params.id, body.decision),
      }),
      route({
        // No shared (database) limit here: a vote must answer fast, and it replaces the voter's own row.
        method: 'PUT',
        url: '/api/v1/statements/:id/vote',
        summary: 'Agree, disagree or pass (one vote per participant and statement; a new one replaces it)',
        params,
        body: voteSchema,
        response: voteResultSchema,
        signedIn: true,
        handle: (actor, { params, body }) => vote(deps, actor, params.id, body.vote),
      }),
      route({
        method: 'GET',
        url: '/api/v1/discussions/:id/opinion-map',
        summary: 'Opinion groups, what each thinks, and the consensus (as last computed)',
        params,
        response: opinionMapSchema,
        signedIn: false,
        handle: (_actor, { params }) => getOpinionMap(deps, params.id),
      }),
    ]);

    const csvParams = idParamsSchema.extend({ what: z.enum(['statements', 'matrix']) });
    app.withTypeProvider<ZodTypeProvider>().get(
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
