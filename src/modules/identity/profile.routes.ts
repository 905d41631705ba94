import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import { sharedRateLimit } from '../../server/plugins/shared-rate-limit.ts';
import { accountDepsOf, lettersOf, withRetryAfter } from './account-http.ts';
import * as emailChange from './email-change.service.ts';
import {
  acceptedResponseSchema,
  changeEmailBodySchema,
  changePasswordBodySchema,
  emailChangeCompleteSchema,
  meResponseSchema,
  pendingEmailChangeSchema,
  updateMeBodySchema,
} from './identity.schemas.ts';
import * as profile from './profile.service.ts';

/** A signed-in person's own account: their name, password and e-mail address (docs/security.md). */
export function profileRoutes(ctx: AppContext) {
  const accountDeps = accountDepsOf(ctx);
  const perMinute = ctx.config.rateLimitWritesPerMinute;
  const authLimit = { max: perMinute, timeWindow: '1 minute' };

  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.patch(
      '/api/v1/me',
      {
        schema: {
          tags: ['identity'],
          summary: 'Change my name (as the staff who handle my reports see it; never shown to the public)',
          body: updateMeBodySchema,
          response: { 200: meResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        const user = await profile.rename(accountDeps, auth, request.body.name);
        return { user, csrfToken: auth.via === 'cookie' ? auth.csrfToken : null };
      },
    );

    r.post(
      '/api/v1/me/password',
      {
        config: { rateLimit: authLimit },
        preHandler: sharedRateLimit(ctx, 'password-change', perMinute),
        schema: {
          tags: ['identity'],
          summary:
            'Change my password, giving the current one; every other session ends and the address is told by e-mail',
          body: changePasswordBodySchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        await withRetryAfter(reply, () =>
          profile.changePassword(accountDeps, auth, request.body, lettersOf(ctx, request)),
        );
        return reply.status(204).send(null);
      },
    );

    r.post(
      '/api/v1/me/email',
      {
        config: { rateLimit: authLimit },
        preHandler: sharedRateLimit(ctx, 'email-change', perMinute),
        schema: {
          tags: ['identity'],
          summary:
            'Change my e-mail address, giving my password: a link goes to the new address (202 whether or not another account has it)',
          body: changeEmailBodySchema,
          response: { 202: acceptedResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        await withRetryAfter(reply, () =>
          emailChange.requestEmailChange(accountDeps, auth, request.body, lettersOf(ctx, request)),
        );
        return reply.status(202).send({ status: 'accepted' as const });
      },
    );

    r.get(
      '/api/v1/me/email',
      {
        schema: {
          tags: ['identity'],
          summary:
            'The new address my link was sent to, until the link expires (null when none waits); the same whether or not another account has it',
          response: { 200: pendingEmailChangeSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        reply.header('cache-control', 'no-store');
        return emailChange.pendingEmailChange(accountDeps, auth);
      },
    );

    r.delete(
      '/api/v1/me/email',
      {
        schema: {
          tags: ['identity'],
          summary: 'Withdraw my pending address change: the link sent to the new address stops working',
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        await emailChange.cancelEmailChange(accountDeps, auth);
        return reply.status(204).send(null);
      },
    );

    r.post(
      '/api/v1/email-changes/complete',
      {
        config: { rateLimit: authLimit },
        preHandler: sharedRateLimit(ctx, 'email-change-complete', perMinute),
        schema: {
          tags: ['identity'],
          summary: 'Make the new address the account’s, with the single-use token from the link sent to it',
          body: emailChangeCompleteSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await emailChange.completeEmailChange(accountDeps, request.body.token);
        return reply.status(204).send(null);
      },
    );
  };
}
