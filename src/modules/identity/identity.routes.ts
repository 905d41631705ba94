import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth, SESSION_COOKIE } from '../../server/plugins/auth.ts';
import { byIp, type LimitKey, limits, sharedRateLimit } from '../../server/plugins/shared-rate-limit.ts';
import * as account from './account.service.ts';
import { accountDepsOf, lettersOf, withRetryAfter } from './account-http.ts';
import {
  acceptedResponseSchema,
  confirmEmailBodySchema,
  loginBodySchema,
  loginQuerySchema,
  meResponseSchema,
  passwordResetCompleteSchema,
  passwordResetRequestSchema,
  registerBodySchema,
  registrationResponseSchema,
  sessionResponseSchema,
} from './identity.schemas.ts';
import * as identity from './identity.service.ts';

/** The address a request's body names (log-in, registration, reset): limits per account, known or not. */
const byEmail: LimitKey = (request) => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${account.emailKey(email)}` : null;
};

const HOUR = 60 * 60 * 1000;

export function identityRoutes(ctx: AppContext) {
  const { config } = ctx;
  const deps = { db: ctx.db, clock: ctx.clock, sessionTtlDays: config.sessionTtlDays };
  const accountDeps = accountDepsOf(ctx);
  const secureCookie = config.cookieSecure;
  const perMinute = config.rateLimitWritesPerMinute;
  // Per address of the client and per account: a botnet spreading guesses over one account meets the
  // second, one client trying many accounts the first. Shared by all nodes through PostgreSQL.
  const limited = (name: string, maxPerAccount: number, accountWindowMs: number) =>
    limits(
      sharedRateLimit(ctx, name, perMinute, 60_000, byIp),
      sharedRateLimit(ctx, name, maxPerAccount, accountWindowMs, byEmail),
    );
  const letters = (request: FastifyRequest) => lettersOf(ctx, request);

  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const authLimit = { max: perMinute, timeWindow: '1 minute' };

    r.post(
      '/api/v1/users',
      {
        config: { rateLimit: authLimit },
        preHandler: limited('register', 5, HOUR),
        schema: {
          tags: ['identity'],
          summary: 'Register a resident account (202 either way; a taken address is told so by e-mail)',
          body: registerBodySchema,
          response: { 202: registrationResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const answer = await account.register(accountDeps, request.body, letters(request));
        return reply.status(202).send(answer);
      },
    );

    r.post(
      '/api/v1/users/confirmations',
      {
        config: { rateLimit: authLimit },
        preHandler: sharedRateLimit(ctx, 'confirm', perMinute),
        schema: {
          tags: ['identity'],
          summary: "Confirm a new account's e-mail address with the token from the link e-mailed",
          body: confirmEmailBodySchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await account.confirmEmail(accountDeps, request.body.token);
        return reply.status(204).send(null);
      },
    );

    r.post(
      '/api/v1/password-resets',
      {
        config: { rateLimit: authLimit },
        preHandler: limited('reset', 3, HOUR),
        schema: {
          tags: ['identity'],
          summary: 'Ask for a password-reset link by e-mail (202 whether or not the address has an account)',
          body: passwordResetRequestSchema,
          response: { 202: acceptedResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await account.requestPasswordReset(accountDeps, request.body.email, letters(request));
        return reply.status(202).send({ status: 'accepted' as const });
      },
    );

    r.post(
      '/api/v1/password-resets/complete',
      {
        config: { rateLimit: authLimit },
        preHandler: sharedRateLimit(ctx, 'reset-complete', perMinute),
        schema: {
          tags: ['identity'],
          summary: 'Set a new password with the single-use token from the reset link; every session ends',
          body: passwordResetCompleteSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await account.completePasswordReset(accountDeps, request.body.token, request.body.password);
        return reply.status(204).send(null);
      },
    );

    r.post(
      '/api/v1/session',
      {
        config: { rateLimit: authLimit },
        preHandler: limited('login', perMinute, 60_000),
        schema: {
          tags: ['identity'],
          summary: 'Log in (cookie session with CSRF token, or ?mode=token for a bearer token)',
          body: loginBodySchema,
          querystring: loginQuerySchema,
          response: { 200: sessionResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const s = await withRetryAfter(reply, () =>
          account.login(accountDeps, request.body, lettersOf(ctx, request).origin),
        );
        // A new session is a new cookie: whatever token the browser carried before (one planted by
        // someone else, too) is replaced, never promoted (no session fixation).
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
