import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { mediaParamsSchema, mediaUploadResponseSchema } from './media.schemas.ts';
import { openMedia, uploadFile } from './media.service.ts';

export function mediaRoutes(ctx: AppContext) {
  const deps = { db: ctx.db, clock: ctx.clock, storage: ctx.storage, maxPdfBytes: ctx.config.maxPdfBytes };
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/v1/media',
      {
        config: { rateLimit: { max: ctx.config.rateLimitWritesPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['media'],
          summary:
            'Upload a photo (metadata stripped, a thumbnail made) or, staff only, a PDF document (multipart field `file`)',
          consumes: ['multipart/form-data'],
          response: { 201: mediaUploadResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        if (!request.isMultipart())
          throw new AppError('unsupported_media_type', [
            { path: 'content-type', message: 'multipart/form-data' },
          ]);
        const file = await request.file();
        if (!file) throw new AppError('validation_failed', [{ path: 'file', message: 'file' }]);
        // toBuffer() enforces the size limit while streaming and throws 413 past it.
        const bytes = await file.toBuffer();
        const uploaded = await uploadFile(deps, auth.actor, {
          bytes,
          fileName: file.filename ?? '',
          declaredType: file.mimetype ?? '',
        });
        return reply.status(201).send(uploaded);
      },
    );
    for (const variant of ['full', 'thumb'] as const) {
      r.get(
        variant === 'full' ? '/api/v1/media/:id' : '/api/v1/media/:id/thumb',
        {
          schema: {
            tags: ['media'],
            summary: variant === 'full' ? 'A photo or a document (PDF, as a download)' : 'A photo thumbnail',
            params: mediaParamsSchema,
          },
        },
        async (request, reply) => {
          const { stream, contentType, disposition } = await openMedia(
            deps,
            optionalActor(request),
            request.params.id,
            variant,
          );
          if (disposition) reply.header('content-disposition', disposition);
          return reply
            .header('content-type', contentType)
            .header('cache-control', 'private, max-age=86400')
            .header('x-content-type-options', 'nosniff')
            .send(stream);
        },
      );
    }
  };
}
