import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { writeLimits } from '../../server/plugins/shared-rate-limit.ts';
import type { Actor } from '../identity/index.ts';

type Schema = z.ZodType;
type Input<P extends Schema, Q extends Schema, B extends Schema> = {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
};

type Common<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The success answer's schema, sent with `status` (200 unless said). */
  response: R;
  status?: 200 | 201;
  /**
   * A write residents make (comments, flags, statements, supports): limited per client address and
   * per account by counters in PostgreSQL, so every app node shares the allowance (429 with Retry-After).
   */
  limit?: string;
};

/** A route whose handler gets the signed-in actor (401 without one) or the optional one. */
export type RouteDef = Common<Schema, Schema, Schema, Schema> & {
  signedIn: boolean;
  handle(actor: Actor | null, input: Input<Schema, Schema, Schema>): Promise<unknown>;
};

/**
 * One route of the participation modules as data: its schemas (validation, serialisation, OpenAPI),
 * who may call it and its use case; the request plumbing (auth, error responses, limits, status) is
 * the same for all and lives in `mountRoutes`.
 */
export function route<P extends Schema, Q extends Schema, B extends Schema, R extends Schema>(
  spec: Common<P, Q, B, R> &
    (
      | { signedIn: true; handle(actor: Actor, input: Input<P, Q, B>): Promise<z.input<R>> }
      | { signedIn: false; handle(actor: Actor | null, input: Input<P, Q, B>): Promise<z.input<R>> }
    ),
): RouteDef {
  return spec as unknown as RouteDef;
}

export function mountRoutes(app: FastifyInstance, ctx: AppContext, tags: string[], routes: RouteDef[]): void {
  for (const def of routes) {
    const status = def.status ?? 200;
    // The type provider validates and serialises with the schemas; the handler's types come from `route`.
    app.withTypeProvider<ZodTypeProvider>().route({
      method: def.method,
      url: def.url,
      ...(def.limit ? { preHandler: writeLimits(ctx, def.limit) } : {}),
      schema: {
        tags,
        summary: def.summary,
        ...(def.params ? { params: def.params } : {}),
        ...(def.query ? { querystring: def.query } : {}),
        ...(def.body ? { body: def.body } : {}),
        response: { [status]: def.response, ...errorResponses },
      },
      handler: async (request, reply) => {
        const actor = def.signedIn ? requireAuth(request).actor : optionalActor(request);
        const input = { params: request.params, query: request.query, body: request.body };
        const result = await def.handle(actor as Actor, input);
        return (reply as FastifyReply).code(status).send(result);
      },
    });
  }
}
