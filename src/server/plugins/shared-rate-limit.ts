import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { hit } from '../../modules/platform/index.ts';

/**
 * A limit counted in PostgreSQL, for the endpoints where a per-node count would multiply the
 * allowance by the number of nodes (log-in, registration). General traffic keeps the in-memory
 * limiter (decision 0003). Refusals are 429 `rate_limited` with Retry-After.
 */
export function sharedRateLimit(
  deps: { db: Db; clock: Clock },
  name: string,
  max: number,
  windowMs = 60_000,
) {
  return async function limit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const now = deps.clock.now();
    const { count, windowStart } = await hit(deps.db, `${name}:${request.ip}`, windowMs, now);
    if (count > max) {
      const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
      reply.header('retry-after', String(retryAfter));
      throw new AppError('rate_limited');
    }
  };
}
