import type { FastifyInstance } from 'fastify';

/** One year, subdomains included: what browsers' preload lists ask for. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Strict-Transport-Security on answers served over TLS: directly, or behind a trusted proxy that
 * says so in X-Forwarded-Proto (request.protocol believes the header only from TRUST_PROXY).
 */
export function registerHsts(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
