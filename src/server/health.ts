import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.ts';

// The running version, as package.json says (read once at start).
const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export function healthRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/health',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database engine',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_request, reply) => {
        try {
          await ctx.db.execute(sql`SELECT 1`);
          return { status: 'ok' as const, db: ctx.database.engine, version };
        } catch {
          return reply.status(503).send({ status: 'degraded' as const, db: ctx.database.engine, version });
        }
      },
    );
  };
}
