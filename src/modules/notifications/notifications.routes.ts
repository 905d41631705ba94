import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localeFromHeader } from '../../lib/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor, requireAuth } from '../../server/plugins/auth.ts';
import { reportParamsSchema } from '../reports/reports.schemas.ts';
import { ensureCursor } from './dispatch.repo.ts';
import { followReport } from './live-report.ts';
import {
  listNotificationsQuerySchema,
  markReadBodySchema,
  markReadResultSchema,
  notificationListSchema,
  preferencesSchema,
  unreadCountSchema,
  updatePreferencesBodySchema,
} from './notifications.schemas.ts';
import * as service from './notifications.service.ts';
import { notificationsRuntime } from './runtime.ts';
import { openEventStream } from './sse.ts';

export function notificationRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const runtime = notificationsRuntime(ctx);
    const deps: service.NotificationsDeps = {
      db: ctx.db,
      clock: ctx.clock,
      emailAvailable: runtime.mailer !== null,
      onUnreadChanged: (userId) => runtime.hub.userChanged(userId),
    };
    // Notifications start with this installation's first boot, not with its whole history.
    await ensureCursor(ctx.db, ctx.clock.now());
    app.addHook('preClose', async () => {
      await runtime.hub.stop();
      runtime.mailer?.close();
    });
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['notifications'];

    r.get(
      '/api/v1/notifications',
      {
        schema: {
          tags,
          summary: 'My notifications, newest first (paged), with the unread count',
          querystring: listNotificationsQuerySchema,
          response: { 200: notificationListSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.listMine(
          deps,
          requireAuth(request).actor,
          request.query,
          localeFromHeader(request.headers['accept-language']),
        ),
    );

    r.get(
      '/api/v1/notifications/unread-count',
      {
        schema: {
          tags,
          summary: 'How many of my notifications are unread',
          response: { 200: unreadCountSchema, ...errorResponses },
        },
      },
      async (request) => ({ unread: await service.unreadCount(deps, requireAuth(request).actor) }),
    );

    r.post(
      '/api/v1/notifications/read',
      {
        schema: {
          tags,
          summary: 'Mark some of my notifications read',
          body: markReadBodySchema,
          response: { 200: markReadResultSchema, ...errorResponses },
        },
      },
      async (request) => service.markRead(deps, requireAuth(request).actor, request.body.ids),
    );

    r.post(
      '/api/v1/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Mark all my notifications read',
          body: z.object({}).strict().optional(),
          response: { 200: markReadResultSchema, ...errorResponses },
        },
      },
      async (request) => service.markAllRead(deps, requireAuth(request).actor),
    );

    r.get(
      '/api/v1/me/notification-preferences',
      {
        schema: {
          tags,
          summary: 'My notification settings',
          response: { 200: preferencesSchema, ...errorResponses },
        },
      },
      async (request) => service.getPreferences(deps, requireAuth(request).actor),
    );

    r.patch(
      '/api/v1/me/notification-preferences',
      {
        schema: {
          tags,
          summary: 'Change my notification settings (e-mail on/off, e-mail language)',
          body: updatePreferencesBodySchema,
          response: { 200: preferencesSchema, ...errorResponses },
        },
      },
      async (request) => service.updatePreferences(deps, requireAuth(request).actor, request.body),
    );

    r.get(
      '/api/v1/notifications/live',
      {
        schema: {
          tags,
          summary: 'Server-sent events: `unread` with my unread count, at once and on every change',
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const { actor } = requireAuth(request);
        const stream = openEventStream(request, reply, runtime.hub, ctx.config.sseHeartbeatMs);
        const push = () => {
          service.unreadCount(deps, actor).then(
            (unread) => stream.send('unread', { unread }),
            () => stream.close(),
          );
        };
        stream.onClose(await runtime.hub.subscribeUser(actor.id, push));
        push();
      },
    );

    r.get(
      '/api/v1/reports/:id/live',
      {
        schema: {
          tags,
          summary: 'Server-sent events: `status` whenever the report changes (for those who may see it)',
          params: reportParamsSchema,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const actor = optionalActor(request);
        await followReport(
          { db: ctx.db, hub: runtime.hub, heartbeatMs: ctx.config.sseHeartbeatMs },
          actor,
          request,
          reply,
          request.params.id,
        );
      },
    );
  };
}
