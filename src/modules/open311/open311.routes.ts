import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, localeFromHeader, localisedMessage } from '../../lib/errors.ts';
import { detailText } from '../../lib/messages/index.ts';
import { describeIssues } from '../../lib/validation.ts';
import type { AppContext } from '../../server/context.ts';
import { publicOrigin } from '../../server/public-url.ts';
import { apiKeysDeps } from '../api-keys/index.ts';
import type { ReportsDeps } from '../reports/index.ts';
import {
  type FormFields,
  MAX_FORM_FIELDS,
  normaliseFields,
  parseForm,
  TooManyFieldsError,
} from './open311.form.ts';
import {
  contentTypes,
  type Open311Error,
  type Open311Format,
  renderErrors,
  renderList,
  renderObject,
  splitFormat,
} from './open311.format.ts';
import * as service from './open311.service.ts';
import { listUpdates, postUpdate } from './open311.updates.ts';

const formats: Open311Format[] = ['json', 'xml'];

/** Open311 is described by its own specification (docs/open311.md), not in the REST API's OpenAPI document. */
const hidden = { schema: { hide: true } };

/** What a handler returns: a list (root and item element names for XML) or a single object. */
type Rendered = { list: unknown[]; root: string; item: string } | { object: unknown; root: string };

/**
 * GeoReport v2 under /open311/v2 (register with that prefix): every endpoint in .json and .xml,
 * form-encoded POST bodies, and errors in the specification's format (`[{ code, description }]`,
 * `<errors><error>…`) with its statuses 400, 403 and 404 (and 429 for a key over its limit).
 */
export function open311Routes(ctx: AppContext, reportsDeps: ReportsDeps) {
  const deps: service.Open311Deps = {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    apiKeys: apiKeysDeps(ctx),
  };
  return async function routes(app: FastifyInstance) {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        try {
          done(null, parseForm(body as string));
        } catch (err) {
          if (!(err instanceof TooManyFieldsError)) throw err;
          done(
            new AppError('validation_failed', [
              { path: 'body', message: `vmeste:too_many_fields:${MAX_FORM_FIELDS}` },
            ]),
            undefined,
          );
        }
      },
    );
    app.setErrorHandler((error, request, reply) => sendError(reply, request, error));
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, request, new AppError('not_found', [{ path: 'url', message: 'not_found' }])),
    );

    const callOf = (request: FastifyRequest, reply: FastifyReply): service.Open311Call => ({
      fields: { ...normaliseFields(request.query), ...bodyFields(request.body) },
      locale: localeFromHeader(request.headers['accept-language']),
      baseUrl: publicOrigin(ctx.config, request),
      onLimited: (seconds) => reply.header('retry-after', String(seconds)),
    });
    const send = (reply: FastifyReply, format: Open311Format, r: Rendered) =>
      reply
        .status(200)
        .type(contentTypes[format])
        .send(
          'list' in r ? renderList(format, r.root, r.item, r.list) : renderObject(format, r.root, r.object),
        );

    for (const format of formats) {
      app.get(`/discovery.${format}`, hidden, async (request, reply) =>
        send(reply, format, { object: service.discovery(callOf(request, reply)), root: 'discovery' }),
      );
      app.get(`/services.${format}`, hidden, async (request, reply) =>
        send(reply, format, {
          list: await service.listServices(deps, callOf(request, reply)),
          root: 'services',
          item: 'service',
        }),
      );
      app.get(`/requests.${format}`, hidden, async (request, reply) =>
        send(reply, format, {
          list: await service.listRequests(deps, callOf(request, reply)),
          root: 'service_requests',
          item: 'request',
        }),
      );
      // 200, as the specification's POST answers (a tracking id, not a created resource's address).
      app.post(`/requests.${format}`, hidden, async (request, reply) =>
        send(reply, format, {
          list: await service.createRequest(deps, reportsDeps, callOf(request, reply)),
          root: 'service_requests',
          item: 'request',
        }),
      );
      app.get(`/servicerequestupdates.${format}`, hidden, async (request, reply) =>
        send(reply, format, {
          list: await listUpdates(deps, callOf(request, reply)),
          root: 'service_request_updates',
          item: 'request_update',
        }),
      );
      app.post(`/servicerequestupdates.${format}`, hidden, async (request, reply) =>
        send(reply, format, {
          list: await postUpdate(deps, reportsDeps, callOf(request, reply)),
          root: 'service_request_updates',
          item: 'request_update',
        }),
      );
    }
    // `{code}.json`: the format is the file name's suffix, so these routes take the whole segment.
    const withFormat =
      (run: (call: service.Open311Call, name: string) => Promise<Rendered>) =>
      async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
        const split = splitFormat(request.params.file);
        if (!split) throw new AppError('not_found', [{ path: 'url', message: 'not_found' }]);
        return send(reply, split.format, await run(callOf(request, reply), split.name));
      };
    app.get(
      '/services/:file',
      hidden,
      withFormat(async (call, code) => ({
        object: await service.serviceDefinition(deps, call, code),
        root: 'service_definition',
      })),
    );
    app.get(
      '/requests/:file',
      hidden,
      withFormat(async (call, id) => ({
        list: await service.getRequest(deps, call, id),
        root: 'service_requests',
        item: 'request',
      })),
    );
    app.get(
      '/tokens/:file',
      hidden,
      withFormat(async (call, token) => ({
        list: await service.lookUpToken(deps, call, token),
        root: 'service_requests',
        item: 'request',
      })),
    );
  };
}

function bodyFields(body: unknown): FormFields {
  return body && typeof body === 'object' ? normaliseFields(body) : {};
}

/** The answer format follows the URL's suffix; anything else gets JSON. */
function formatOf(request: FastifyRequest): Open311Format {
  const path = (request.raw.url ?? '').split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

/** Open311 has 400, 403 and 404: credentials become 403, conflicts and unprocessable input 400. */
function open311Status(status: number): number {
  if (status === 401 || status === 403) return 403;
  if (status === 404 || status === 429) return status;
  if (status >= 500) return 500;
  return 400;
}

function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown) {
  const locale = localeFromHeader(request.headers['accept-language']);
  const format = formatOf(request);
  let status: number;
  let errors: Open311Error[];
  if (error instanceof AppError) {
    status = open311Status(error.status);
    const message = localisedMessage(error.code, locale);
    errors =
      error.details.length > 0
        ? error.details.map((d) => ({
            code: status,
            description: `${d.path}: ${detailText(d.message, locale)}`,
          }))
        : [{ code: status, description: message }];
  } else if (error instanceof ZodError) {
    status = 400;
    errors = describeIssues(error.issues, locale).map((d) => ({
      code: 400,
      description: `${d.path}: ${d.message}`,
    }));
  } else {
    const fe = error as FastifyError;
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      status = open311Status(fe.statusCode);
      errors = [{ code: status, description: fe.message }];
    } else {
      request.log.error({ err: error }, 'unhandled error in Open311');
      status = 500;
      errors = [{ code: 500, description: localisedMessage('internal', locale) }];
    }
  }
  return reply.status(status).type(contentTypes[format]).send(renderErrors(format, errors));
}
