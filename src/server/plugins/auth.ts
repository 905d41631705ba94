import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import { safeEqual } from '../../lib/tokens.ts';
import type { Me } from '../../modules/identity/identity.schemas.ts';
import { type Actor, type IdentityDeps, resolveSession } from '../../modules/identity/index.ts';

export const SESSION_COOKIE = 'vmeste_session';

export type RequestAuth = {
  actor: Actor;
  user: Me;
  sessionId: string;
  csrfToken: string;
  via: 'cookie' | 'bearer';
};

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
    /** Set when a credential was presented but its session has expired. */
    sessionExpired: boolean;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h?.startsWith('Bearer ')) return undefined;
  return h.slice('Bearer '.length).trim() || undefined;
}

/**
 * Resolves the session (cookie or bearer token) on every request and enforces CSRF for
 * cookie-authenticated state-changing requests: the token issued at log-in must come back in
 * `X-CSRF-Token`. Bearer clients are not exposed to CSRF (browsers never attach the header).
 */
export function registerAuth(app: FastifyInstance, deps: IdentityDeps): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const bearer = bearerToken(request);
    const cookie = request.cookies[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return;
    const found = await resolveSession(deps, token);
    if (found.kind !== 'ok') {
      request.sessionExpired = found.kind === 'expired';
      if (!bearer) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    const via = bearer ? 'bearer' : 'cookie';
    request.auth = {
      actor: found.actor,
      user: found.user,
      sessionId: found.sessionId,
      csrfToken: found.csrfToken,
      via,
    };
    if (via === 'cookie' && unsafeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, found.csrfToken)) throw new AppError('csrf_failed');
    }
  });
}

/** The signed-in actor, or a 401 that says whether the session expired or never existed. */
export function requireAuth(request: FastifyRequest): RequestAuth {
  if (request.auth) return request.auth;
  throw new AppError(request.sessionExpired ? 'session_expired' : 'unauthenticated');
}

export function optionalActor(request: FastifyRequest): Actor | null {
  return request.auth?.actor ?? null;
}
