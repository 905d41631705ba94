import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { hit } from '../../modules/platform/index.ts';

/** Whom a limit counts: the client's address (the default), the account, the address named in the body… */
export type LimitKey = (request: FastifyRequest) => string | null;

export const byIp: LimitKey = (request) => `ip:${request.ip}`;
/** The signed-in account (requests without one are left to the per-IP limit). */
export const byAccount: LimitKey = (request) => (request.auth ? `user:${request.auth.actor.id}` : null);

/**
 * A limit counted in PostgreSQL, for the endpoints where a per-node count would multiply the
 * allowance by the number of nodes (log-in, registration, password reset, reports, votes, comments).
 * General traffic keeps the in-memory limiter (decision 0003). Refusals are 429 `rate_limited` with
 * Retry-After. Run it in preHandler: the body is parsed and the session resolved by then.
 */
export function sharedRateLimit(
  deps: { db: Db; clock: Clock },
  name: string,
  max: number,
  windowMs = 60_000,
  keyOf: LimitKey = byIp,
) {
  return async function limit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // A limit no client can reach (benchmarks set one) costs no round trip to the database.
    if (max >= UNLIMITED) return;
    const key = keyOf(request);
    if (key === null) return;
    const now = deps.clock.now();
    const { count, windowStart } = await hit(deps.db, `${name}:${key}`, windowMs, now);
    if (count > max) {
      const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
      reply.header('retry-after', String(retryAfter));
      throw new AppError('rate_limited');
    }
  };
}

export const UNLIMITED = 1_000_000;

/**
 * The write limit of an endpoint residents use (reports, votes, comments): per client address and
 * per account, both shared by the nodes.
 */
export function writeLimits(
  deps: { db: Db; clock: Clock; config: { rateLimitWritesPerMinute: number } },
  name: string,
) {
  const max = deps.config.rateLimitWritesPerMinute;
  return limits(
    sharedRateLimit(deps, name, max, 60_000, byIp),
    sharedRateLimit(deps, name, max, 60_000, byAccount),
  );
}

/** Several limits in turn (per address and per account); the first one over its allowance refuses. */
export function limits(...checks: ReturnType<typeof sharedRateLimit>[]) {
  return async function all(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    for (const check of checks) await check(request, reply);
  };
}
