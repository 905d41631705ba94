import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth, SESSION_COOKIE } from '../../server/plugins/auth.ts';
import { adminErasureBodySchema, erasureResponseSchema, selfErasureBodySchema } from './erasure.schemas.ts';
import { eraseAccountOnRequest, eraseOwnAccount } from './erasure.service.ts';

/** The right to be forgotten: a resident erases their account; an admin does it on their request. */
export function erasureRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/me/erasure',
      {
        schema: {
          tags: ['identity'],
          summary: 'Erase my account: personal data deleted, reports kept anonymised (cannot be undone)',
          body: selfErasureBodySchema,
          response: { 200: erasureResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        const result = await eraseOwnAccount(deps, auth.actor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return result;
      },
    );
    r.post(
      '/api/v1/admin/users/:id/erasure',
      {
        schema: {
          tags: ['identity'],
          summary: "Erase a resident's account on their request (admin)",
          params: z.object({ id: z.uuid() }),
          body: adminErasureBodySchema,
          response: { 200: erasureResponseSchema, ...errorResponses },
        },
      },
      async (request) =>
        eraseAccountOnRequest(deps, requireAuth(request).actor, request.params.id, request.body.reference),
    );
  };
}
