import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export type SecurityHeaderOptions = {
  /** The image origins a page may load (the map's tile server in force), for that request. */
  imageOrigins: (request: IncomingMessage) => string;
  /** Served over HTTPS: ask browsers to upgrade the page's plain-HTTP requests. */
  https: boolean;
};

/**
 * Helmet's headers (the Content-Security-Policy, nosniff, frame and referrer rules …) on every
 * answer. The middleware is built once here: @fastify/helmet builds it anew for every request —
 * parsing the policy's directives each time, 4 % of the server's CPU on the intake — while only the
 * image origins differ between requests, and helmet asks for those per request anyway.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', (request) => options.imageOrigins(request)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        // Only where the platform is served over HTTPS; on plain HTTP it would break every request.
        upgradeInsecureRequests: options.https ? [] : null,
      },
    },
    // HSTS only on answers that came over TLS (see registerHsts): over plain HTTP it means nothing,
    // and a development server on localhost must not pin every localhost port to HTTPS.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
