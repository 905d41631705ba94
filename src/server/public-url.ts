import type { FastifyRequest } from 'fastify';
import type { AppConfig } from './config.ts';

/**
 * The origin links are built on: PUBLIC_URL when configured; otherwise the request's own scheme and
 * Host. X-Forwarded-Host/-Proto count only from a proxy named in TRUST_PROXY (Fastify's trustProxy),
 * so a client cannot make the platform hand out links to a host of its choosing.
 */
export function publicOrigin(config: Pick<AppConfig, 'publicUrl'>, request: FastifyRequest): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}
