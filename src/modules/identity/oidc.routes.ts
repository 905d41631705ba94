import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, localeFromHeader } from '../../lib/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth, SESSION_COOKIE } from '../../server/plugins/auth.ts';
import { publicOrigin } from '../../server/public-url.ts';
import { OidcClient } from './oidc.client.ts';
import {
  linkStartedSchema,
  oidcCallbackQuerySchema,
  oidcStartQuerySchema,
  oidcStatusSchema,
  ownIdentitiesResponseSchema,
} from './oidc.schemas.ts';
import * as oidc from './oidc.service.ts';

/** Binds a sign-in in progress to the browser that started it; sent back only to the callback. */
export const FLOW_COOKIE = 'vmeste_oidc_flow';
const FLOW_COOKIE_PATH = '/api/v1/auth/oidc';
const redirectResponse = z.null().describe('A redirect (Location header)');

/** Where the web app shows why a sign-in failed (the code is looked up in its locales). */
export function loginErrorLocation(code: string): string {
  return `/login?oidcError=${encodeURIComponent(code)}`;
}

/**
 * OpenID Connect sign-in: the web app links to /start, the provider sends the browser back to
 * /callback, which opens the same session (cookie + CSRF token via /me) as a password log-in.
 * Both are browser navigations: failures after the provider is involved redirect to the log-in
 * page with a specific error code. With OIDC not configured every endpoint answers oidc_disabled (404).
 */
export function oidcRoutes(ctx: AppContext, invitations?: oidc.InvitationAcceptance) {
  const client = ctx.config.oidc ? new OidcClient(ctx.config.oidc) : null;
  const deps: oidc.OidcDeps = {
    db: ctx.db,
    clock: ctx.clock,
    sessionTtlDays: ctx.config.sessionTtlDays,
    client,
    invitations,
  };
  const cookieSecure = ctx.config.cookieSecure;
  const secure = (request: FastifyRequest) =>
    cookieSecure === 'auto' ? request.protocol === 'https' : cookieSecure;
  const origin = (request: FastifyRequest) => publicOrigin(ctx.config, request);
  const authLimit = { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' };

  /**
   * A failed sign-in or link goes back where the person is: the log-in page, or, for someone signed
   * in (a link from the profile), the profile.
   */
  function failToLogin(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof AppError) || error.code === 'oidc_disabled') throw error;
    // The code only: provider messages and token contents never reach logs or URLs.
    request.log.info({ code: error.code }, 'oidc sign-in failed');
    reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
    const location = request.auth
      ? `/profile?oidcError=${encodeURIComponent(error.code)}`
      : loginErrorLocation(error.code);
    return reply.redirect(location, 303);
  }

  function setFlowCookie(request: FastifyRequest, reply: FastifyReply, started: oidc.StartedSignIn) {
    reply.setCookie(FLOW_COOKIE, started.browserToken, {
      path: FLOW_COOKIE_PATH,
      httpOnly: true,
      // Lax: the cookie must come back on the provider's top-level redirect to the callback.
      sameSite: 'lax',
      secure: secure(request),
      expires: started.expiresAt,
    });
  }

  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/auth/oidc',
      {
        schema: {
          tags: ['identity'],
          summary: 'Whether sign-in with an external OpenID Connect provider is available',
          response: { 200: oidcStatusSchema },
        },
      },
      async (request) => {
        const locale = localeFromHeader(request.headers['accept-language']);
        return { enabled: client !== null, providerName: ctx.config.oidc?.providerName[locale] ?? null };
      },
    );

    r.get(
      '/api/v1/auth/oidc/start',
      {
        config: { rateLimit: authLimit },
        schema: {
          tags: ['identity'],
          summary: 'Start signing in with the OpenID Connect provider (redirects there)',
          querystring: oidcStartQuerySchema,
          response: { 303: redirectResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        try {
          const started = await oidc.startSignIn(deps, {
            redirectUri: oidc.redirectUriFor(deps, origin(request)),
            returnTo: request.query.returnTo,
            invitation: request.query.invitation,
          });
          setFlowCookie(request, reply, started);
          return reply.redirect(started.authorizationUrl, 303);
        } catch (error) {
          return failToLogin(request, reply, error);
        }
      },
    );

    r.get(
      '/api/v1/auth/oidc/callback',
      {
        config: { rateLimit: authLimit },
        schema: {
          tags: ['identity'],
          summary: 'The provider’s redirect back: verifies it, signs in, redirects into the app',
          querystring: oidcCallbackQuerySchema,
          response: { 303: redirectResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        try {
          const rawUrl = request.raw.url ?? '';
          const completed = await oidc.completeSignIn(deps, {
            query: request.query,
            rawQuery: rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '',
            browserToken: request.cookies[FLOW_COOKIE],
            redirectUri: oidc.redirectUriFor(deps, origin(request)),
            signedInUserId: request.auth?.actor.id,
          });
          reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
          if (completed.kind === 'linked') return reply.redirect(completed.returnTo, 303);
          reply.setCookie(SESSION_COOKIE, completed.session.token, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure: secure(request),
            expires: completed.session.expiresAt,
          });
          return reply.redirect(completed.returnTo, 303);
        } catch (error) {
          return failToLogin(request, reply, error);
        }
      },
    );

    r.post(
      '/api/v1/me/identities/oidc',
      {
        config: { rateLimit: authLimit },
        schema: {
          tags: ['identity'],
          summary:
            'Start linking my account to the OpenID Connect provider, which verifies my name and address (the web app then opens `authorizationUrl`; the provider returns to the callback, which links and returns to the profile)',
          response: { 200: linkStartedSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        const started = await oidc.startLink(deps, auth.actor, {
          redirectUri: oidc.redirectUriFor(deps, origin(request)),
        });
        setFlowCookie(request, reply, started);
        return { authorizationUrl: started.authorizationUrl };
      },
    );

    r.get(
      '/api/v1/me/identities',
      {
        schema: {
          tags: ['identity'],
          summary: 'The signed-in user’s external identities and what their provider verified',
          response: { 200: ownIdentitiesResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const auth = requireAuth(request);
        return { items: await oidc.listOwnIdentities(deps, auth.actor.id) };
      },
    );
  };
}
