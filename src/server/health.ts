import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromRepo } from '../lib/repo-root.ts';
import type { AppContext } from './context.ts';

// The running version, as package.json says (read once at start).
const version = (JSON.parse(readFileSync(fromRepo('package.json'), 'utf8')) as { version: string }).version;

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

// The process id says which node (or cluster worker) answered: operators and the multi-node test use it.
const liveSchema = z.object({ status: z.literal('ok'), version: z.string(), pid: z.number().int() });
const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  db: z.enum(['up', 'down']),
  draining: z.boolean(),
});

/**
 * Three probes. Liveness (`/api/live`) asks only whether the process answers: a supervisor restarts
 * a node that fails it, and restarting every node because the database is down would not help.
 * Readiness (`/api/ready`) asks whether this node should get traffic: the database answers and the
 * node is not shutting down (a proxy stops sending to a draining node before its port closes).
 * `/api/health` stays the combined status it always was.
 */
export function healthRoutes(ctx: AppContext, draining: () => boolean) {
  return async function routes(app: FastifyInstance) {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const dbAnswers = async () => {
      try {
        await ctx.db.execute(sql`SELECT 1`);
        return true;
      } catch {
        return false;
      }
    };
    typed.get(
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
        if (await dbAnswers()) return { status: 'ok' as const, db: ctx.database.engine, version };
        return reply.status(503).send({ status: 'degraded' as const, db: ctx.database.engine, version });
      },
    );
    typed.get(
      '/api/live',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['platform'],
          summary: 'Liveness: the process answers (the database is not consulted)',
          response: { 200: liveSchema },
        },
      },
      async () => ({ status: 'ok' as const, version, pid: process.pid }),
    );
    typed.get(
      '/api/ready',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['platform'],
          summary: 'Readiness: the database answers and the node is not shutting down',
          response: { 200: readySchema, 503: readySchema },
        },
      },
      async (_request, reply) => {
        const db = (await dbAnswers()) ? ('up' as const) : ('down' as const);
        const ready = db === 'up' && !draining();
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? ('ready' as const) : ('not_ready' as const), db, draining: draining() });
      },
    );
  };
}

/**
 * Draining on close: from the moment the app starts closing, every answer says `Connection: close`,
 * so that a client's kept-alive connection ends with the request in flight instead of holding the
 * server open (measured: with 32 busy keep-alive clients, the stop waited out its 15 s bound). On
 * the root instance, so it covers every route. Returns whether the app is draining.
 */
export function registerDraining(app: FastifyInstance): () => boolean {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  return () => draining;
}
