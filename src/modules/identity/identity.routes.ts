import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth, SESSION_COOKIE } from '../../server/plugins/auth.ts';
import { sharedRateLimit } from '../../server/plugins/shared-rate-limit.ts';
import {
  loginBodySchema,
  loginQuerySchema,
  meResponseSchema,
  meSchema,
  registerBodySchema,
  sessionResponseSchema,
} from './identity.schemas.ts';
import * as identity from './identity.service.ts';

export function identityRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock, sessionTtlDays: ctx.config.sessionTtlDays };
  const secureCookie = ctx.config.cookieSecure;

  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const authLimit = { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' };

    r.post(
      '/api/v1/users',
      {
        config: { rateLimit: authLimit },
        preHandler: sharedRateLimit(ctx, 'register', ctx.config.rateLimitWritesPerMinute),
        schema: {
          tags: ['identity'],
          summary: 'Register a resident account',
          body: registerBodySchema,
          response: { 201: z.object({ user: meSchema }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = await identity.register(deps, request.body);
        return reply.status(201).send({ user });
      },
    );

    r.post(
      '/api/v1/session',
      {
        config: { rateLimit: authLimit },
        preHandler: sharedRateLimit(ctx, 'login', ctx.config.rateLimitWritesPerMinute),
        schema: {
          tags: ['identity'],
          summary: 'Log in (cookie session with CSRF token, or ?mode=token for a bearer token)',
          body: loginBodySchema,
          querystring: loginQuerySchema,
          response: { 200: sessionResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const s = await identity.login(deps, request.body);
        if (request.query.mode === 'token') return { user: s.user, csrfToken: s.csrfToken, token: s.token };
        reply.setCookie(SESSION_COOKIE, s.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: secureCookie === 'auto' ? request.protocol === 'https' : secureCookie,
          expires: s.expiresAt,
        });
        return { user: s.user, csrfToken: s.csrfToken };
      },
    );

    r.delete(
      '/api/v1/session',
      { schema: { tags: ['identity'], summary: 'Log out', response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        const auth = requireAuth(request);
        await identity.logout(deps, auth.sessionId, auth.actor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/me',
      {
        schema: {
          tags: ['identity'],
          summary: 'The signed-in user',
          response: { 200: meResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        return { user: auth.user, csrfToken: auth.via === 'cookie' ? auth.csrfToken : null };
      },
    );
  };
}
