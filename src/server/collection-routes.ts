import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorResponses } from './openapi.ts';
import { type RequestAuth, requireAuth } from './plugins/auth.ts';

type Actor = RequestAuth['actor'];
type Schema = z.ZodType;

/** One operation of a collection: its OpenAPI summary, what it answers, and the service call. */
type Op<Response extends Schema, Run> = { summary: string; response: Response; run: Run };
/** What the answer's schema accepts (the type provider's check, made here on the spec). */
type Promised<S extends Schema> = Promise<z.output<S>>;
/** A body, and its size limit where larger than the server's (a territory's boundary). */
type WithBody<Body extends Schema> = { body: Body; bodyLimit?: number };

/**
 * A collection an administrator or staff member manages (`base`, `base/:id`): the list, creation
 * (201), one item, a change (PATCH) and deletion (204), each a thin route to its service, which
 * checks who may do it. Modules with such a collection (webhooks, routing rules, saved views, the
 * reference data's categories, territories and organisations, answer templates) declare it here
 * instead of writing the same five routes again; their other routes stay their own.
 */
export function collectionRoutes<
  Params extends z.ZodType<{ id: string }>,
  Query extends Schema,
  List extends Schema,
  CreateBody extends Schema,
  Created extends Schema,
  Item extends Schema,
  UpdateBody extends Schema,
  Updated extends Schema,
>(
  app: FastifyInstance,
  spec: {
    base: string;
    tags: string[];
    params: Params;
    list: Op<List, (actor: Actor, query: z.output<Query>) => Promised<List>> & { query?: Query };
    create: Op<Created, (actor: Actor, body: z.output<CreateBody>) => Promised<Created>> &
      WithBody<CreateBody>;
    /** One item by id, where the collection offers it. */
    get?: Op<Item, (actor: Actor, id: string) => Promised<Item>>;
    update: Op<Updated, (actor: Actor, id: string, body: z.output<UpdateBody>) => Promised<Updated>> &
      WithBody<UpdateBody>;
    remove: { summary: string; run: (actor: Actor, id: string) => Promise<unknown> };
  },
): void {
  // Registered on the untyped instance: the spec above carries the types (the zod provider cannot
  // resolve them through generic schemas); validation and serialisation are the app's zod compilers
  // all the same.
  const { base, tags, params } = spec;
  const item = `${base}/:id`;
  const actor = (request: Parameters<typeof requireAuth>[0]) => requireAuth(request).actor;
  const id = (request: { params: unknown }) => (request.params as z.output<Params>).id;

  app.get(
    base,
    {
      schema: {
        tags,
        summary: spec.list.summary,
        ...(spec.list.query ? { querystring: spec.list.query } : {}),
        response: { 200: spec.list.response, ...errorResponses },
      },
    },
    async (request) => spec.list.run(actor(request), request.query as z.output<Query>),
  );
  app.post(
    base,
    {
      ...(spec.create.bodyLimit ? { bodyLimit: spec.create.bodyLimit } : {}),
      schema: {
        tags,
        summary: spec.create.summary,
        body: spec.create.body,
        response: { 201: spec.create.response, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await spec.create.run(actor(request), request.body as z.output<CreateBody>)),
  );
  const { get } = spec;
  if (get)
    app.get(
      item,
      { schema: { tags, summary: get.summary, params, response: { 200: get.response, ...errorResponses } } },
      async (request) => get.run(actor(request), id(request)),
    );
  app.patch(
    item,
    {
      ...(spec.update.bodyLimit ? { bodyLimit: spec.update.bodyLimit } : {}),
      schema: {
        tags,
        summary: spec.update.summary,
        params,
        body: spec.update.body,
        response: { 200: spec.update.response, ...errorResponses },
      },
    },
    async (request) => spec.update.run(actor(request), id(request), request.body as z.output<UpdateBody>),
  );
  app.delete(
    item,
    {
      schema: { tags, summary: spec.remove.summary, params, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await spec.remove.run(actor(request), id(request));
      return reply.status(204).send(null);
    },
  );
}
