import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import {
  AppError,
  type ErrorCode,
  type ErrorDetail,
  localeFromHeader,
  localisedMessage,
} from '../../lib/errors.ts';
import { detailText } from '../../lib/messages/index.ts';
import { describeIssues } from '../../lib/validation.ts';
import { RequestValidationError } from './validation.ts';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  status: number,
  details: ErrorDetail[],
) {
  const locale = localeFromHeader(request.headers['accept-language']);
  // Details thrown by services may carry a catalogue code or a `vmeste:` reference: localise them.
  const localisedDetails = details.map((d) => ({ ...d, message: detailText(d.message, locale) }));
  return reply
    .status(status)
    .send({ error: { code, message: localisedMessage(code, locale), details: localisedDetails } });
}

function isMultipart(request: FastifyRequest): boolean {
  return String(request.headers['content-type'] ?? '').startsWith('multipart/');
}

/**
 * One error handler: every error leaves as `{ error: { code, message, details } }` in the caller's
 * language with every validation problem listed; unexpected errors are logged, never leaked.
 */
export function registerErrorHandling(app: FastifyInstance, options: { spaIndex?: boolean } = {}): void {
  app.setErrorHandler(
    (error: FastifyError | AppError | ZodError | RequestValidationError, request, reply) => {
      const locale = localeFromHeader(request.headers['accept-language']);
      if (error instanceof AppError) return send(reply, request, error.code, error.status, error.details);
      if (error instanceof RequestValidationError) {
        // Body fields are named as they are (`text`); other parts keep their prefix (`querystring.bbox`).
        const prefix = error.validationContext === 'body' ? undefined : error.validationContext;
        return send(reply, request, 'validation_failed', 400, describeIssues(error.issues, locale, prefix));
      }
      if (error instanceof ZodError)
        return send(reply, request, 'validation_failed', 400, describeIssues(error.issues, locale));
      const fe = error as FastifyError;
      if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && /JSON/i.test(fe.message)))
        return send(reply, request, 'malformed_json', 400, [{ path: 'body', message: fe.message }]);
      if (fe.code === 'FST_FILES_LIMIT' || fe.code === 'FST_FIELDS_LIMIT' || fe.code === 'FST_PARTS_LIMIT')
        return send(reply, request, 'payload_too_large', 413, [{ path: 'body', message: fe.message }]);
      if (
        fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
        fe.code === 'FST_REQ_FILE_TOO_LARGE' ||
        fe.statusCode === 413
      )
        return send(reply, request, 'file_too_large', 413, []);
      if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415)
        return send(reply, request, 'unsupported_media_type', 415, [
          { path: 'content-type', message: fe.message },
        ]);
      if (fe.statusCode === 429) return send(reply, request, 'rate_limited', 429, []);
      // Busboy's own errors (no boundary, no closing boundary, a broken part header) carry no status:
      // they are the client's malformed body, not our failure.
      if (!fe.statusCode && isMultipart(request))
        return send(reply, request, 'validation_failed', 400, [
          { path: 'body', message: 'vmeste:multipart_malformed' },
        ]);
      if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
        return send(reply, request, 'validation_failed', fe.statusCode, [{ path: '', message: fe.message }]);
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, request, 'internal', 500, []);
    },
  );

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app (GET, outside /api, no file extension) get its index.html.
    const url = (request.raw.url ?? '/').split('?')[0] ?? '/';
    if (
      options.spaIndex &&
      request.method === 'GET' &&
      !url.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(url)
    )
      return reply.type('text/html').sendFile('index.html');
    return send(reply, request, 'not_found', 404, []);
  });
}
