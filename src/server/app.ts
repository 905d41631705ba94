import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
} from 'fastify-type-provider-zod';
import { citusPresent } from '../db/citus.ts';
import type { Database } from '../db/connection.ts';
import { describeError } from '../db/error-log.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { type Clock, systemClock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { fromRepo } from '../lib/repo-root.ts';
import { loadSecretsKey, SecretBox } from '../lib/secret-box.ts';
import { addressRoutes } from '../modules/addresses/index.ts';
import { analyticsRoutes } from '../modules/analytics/index.ts';
import { answerRoutes } from '../modules/answers/index.ts';
import { apiKeysRoutes } from '../modules/api-keys/index.ts';
import { CalendarStore, calendarRoutes } from '../modules/calendar/index.ts';
import { classifierRoutes, ModelStore } from '../modules/classifier/index.ts';
import {
  directoryRoutes,
  kindAndHours,
  saveKindAndHours,
  workingHoursProblems,
} from '../modules/directory/index.ts';
import { discussionRoutes, opinionMapRoutes } from '../modules/discussions/index.ts';
import { duplicatesRoutes } from '../modules/duplicates/index.ts';
import { erasureRoutes, identityRoutes, oidcRoutes, profileRoutes } from '../modules/identity/index.ts';
import { inboundRoutes } from '../modules/inbound/index.ts';
import { initiativeRoutes } from '../modules/initiatives/index.ts';
import { knowledgeRoutes } from '../modules/knowledge/index.ts';
import { LocalDiskStorage, mediaRoutes } from '../modules/media/index.ts';
import { noticeRoutes } from '../modules/notices/index.ts';
import { notificationRoutes } from '../modules/notifications/index.ts';
import { objectRoutes } from '../modules/objects/index.ts';
import { open311Routes } from '../modules/open311/index.ts';
import { pollRoutes, voteRoutes } from '../modules/participation/index.ts';
import { referenceAdminRoutes, referenceRoutes, regionSettings } from '../modules/reference/index.ts';
import { reportRoutes } from '../modules/reports/index.ts';
import { routingRuleRoutes } from '../modules/routing/index.ts';
import { invitationAcceptance, staffAdminRoutes } from '../modules/staff-admin/index.ts';
import { webhookRoutes } from '../modules/webhooks/index.ts';
import { workspaceRoutes } from '../modules/workspace/index.ts';
import type { AppConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { reportsDeps, winnersAnnouncer } from './deps.ts';
import { healthRoutes, registerDraining } from './health.ts';
import { registerMetrics } from './metrics.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerHsts } from './plugins/hsts.ts';
import { registerInputGuard } from './plugins/input-guard.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { zodValidatorCompiler } from './plugins/validation.ts';

const webDist = fromRepo('web/dist');

export type BuildOptions = {
  /** The open, migrated database (see openMigratedDatabase); the caller owns and closes it. */
  database: Database;
  clock?: Clock;
  queue?: JobQueue;
  /** Serve the built web app from web/dist (when it exists). */
  serveWeb?: boolean;
  /** Where the built web app is, instead of web/dist (tests serve a build of their own). */
  webRoot?: string;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
};

export type RouteEntry = { method: string; url: string };

/** `routeList`: every route as registered (the authorisation matrix test walks it). */
export type App = FastifyInstance & { ctx: AppContext; routeList: readonly RouteEntry[] };

/** Assembles the HTTP application: plugins, security, error handling, every domain's routes. */
export async function buildApp(config: AppConfig, options: BuildOptions): Promise<App> {
  const { database } = options;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    citus: await citusPresent(database),
    clock: options.clock ?? systemClock,
    storage: new LocalDiskStorage(config.dataDir),
    classifier: new ModelStore(database.db, config.dataDir, (err) =>
      process.stderr.write(
        `classifier model unavailable: ${err instanceof Error ? err.message : String(err)}\n`,
      ),
    ),
    queue: options.queue ?? null,
    calendar: new CalendarStore(),
    secrets: new SecretBox(loadSecretsKey(config.secretsKey, config.dataDir)),
  };

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Personal data never reaches the logs: no bodies, no cookies, no auth headers.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            // A failed query's parameters and PostgreSQL's quoted values never reach the log either.
            serializers: { err: describeError },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: 1024 * 1024,
    // X-Forwarded-* are believed only from the configured proxies: from anyone else they would let a
    // client choose its own address (and so its rate limits) and the host of links we build.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // Per-request lines only when debugging: at intake rates they would dominate the log.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
  }) as unknown as App;
  app.decorate('ctx', ctx);
  const routeList: RouteEntry[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeList.push({ method, url: route.url });
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webRoot = options.webRoot ?? webDist;
  const serveWeb = Boolean(options.serveWeb) && existsSync(webRoot);
  registerErrorHandling(app, { spaIndex: serveWeb });
  registerInputGuard(app);

  await app.register(cookie);
  // The tile server is a region setting an admin edits: a page's CSP names the one in force (read
  // through the settings' 5 s per-node cache, only for pages — API answers load no images).
  const pageTileOrigins = new WeakMap<object, string[]>();
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/')) return;
    pageTileOrigins.set(request.raw, tileOrigins((await regionSettings(ctx.db, config)).tileUrl));
  });
  const defaultTileOrigins = tileOrigins(config.mapTileUrl);
  registerSecurityHeaders(app, {
    imageOrigins: (req) => (pageTileOrigins.get(req) ?? defaultTileOrigins).join(' ') || "'self'",
    https: Boolean(config.publicUrl?.startsWith('https://')),
  });
  registerHsts(app);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Vmeste API',
        version: '1',
        description: 'Citizen feedback platform: reports, routing, answers.',
      },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: 'vmeste_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Registers schemas with a `.meta({ id })` (the shared Error body) under components.schemas.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, { db: ctx.db, clock: ctx.clock, sessionTtlDays: config.sessionTtlDays });
  registerMetrics(app, ctx);
  await app.register(healthRoutes(ctx, registerDraining(app)));
  await app.register(identityRoutes(ctx));
  await app.register(profileRoutes(ctx));
  await app.register(erasureRoutes(ctx));
  await app.register(referenceRoutes(ctx));
  await app.register(mediaRoutes(ctx));
  // Built once and shared by every module that files or changes reports (the web API, duplicates, the
  // inbound API, Open311), so the process has a single intake batcher.
  const reports = reportsDeps(ctx);
  await app.register(reportRoutes(ctx, reports));
  await app.register(workspaceRoutes(ctx, reports));
  await app.register(classifierRoutes(ctx));
  // The invitee may accept a staff invitation by linking their identity instead of a password.
  await app.register(oidcRoutes(ctx, invitationAcceptance));
  await app.register(answerRoutes(ctx));
  await app.register(calendarRoutes({ db: ctx.db, clock: ctx.clock, calendar: ctx.calendar }));
  await app.register(duplicatesRoutes(ctx, reports));
  await app.register(notificationRoutes(ctx));
  // Other systems: API keys for them, organisations' inbound API, Open311 GeoReport v2, outbound webhooks.
  await app.register(apiKeysRoutes(ctx));
  await app.register(inboundRoutes(ctx, reports));
  await app.register(open311Routes(ctx, reports), { prefix: '/open311/v2' });
  await app.register(webhookRoutes(ctx));
  await app.register(knowledgeRoutes(ctx));
  await app.register(directoryRoutes(ctx));
  // Participation: polls and surveys, rating votes.
  await app.register(pollRoutes(ctx));
  await app.register(voteRoutes(ctx, winnersAnnouncer(ctx)));
  // Participation: public discussions (with the opinion map) and residents' initiatives.
  await app.register(discussionRoutes(ctx));
  await app.register(opinionMapRoutes(ctx));
  await app.register(initiativeRoutes(ctx, reports));
  await app.register(analyticsRoutes(ctx));
  // Administration of the reference data (docs/administration.md).
  await app.register(routingRuleRoutes(ctx, reports.routingAdvisor));
  // The directory's kind, hours and their validation, for the admin organisation editor (reference
  // does not depend on the directory, which reads reference data).
  await app.register(
    referenceAdminRoutes(ctx, {
      hoursProblems: workingHoursProblems,
      load: kindAndHours,
      save: saveKindAndHours,
    }),
  );
  await app.register(staffAdminRoutes(ctx));
  await app.register(addressRoutes(ctx));
  await app.register(noticeRoutes(ctx, reports));
  await app.register(objectRoutes(ctx));

  // The built React app; its client-side routes fall back to index.html (see the not-found handler).
  if (serveWeb)
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      // Our own Cache-Control (webCacheControl), not the plugin's `public, max-age=0`.
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('cache-control', webCacheControl(webRoot, file)),
    });
  return app;
}

/**
 * The build's scripts, styles and images under assets/ are named by their content's hash: a changed
 * file is a new name, so a browser may keep one for a year without asking again. Everything else —
 * index.html (which names the current assets), the service worker and its precache list, the
 * manifest and icons — is checked with the server on every use, so a new release is seen at once.
 */
function webCacheControl(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep);
  return relative.length > 1 && relative[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Origins the map tiles come from; `{s}` stands for the subdomains a, b and c. */
function tileOrigins(url: string): string[] {
  const variants = url.includes('{s}') ? ['a', 'b', 'c'].map((s) => url.replace('{s}', s)) : [url];
  try {
    return [...new Set(variants.map((v) => new URL(v.replace(/\{[a-z]+\}/g, '0')).origin))];
  } catch {
    return [];
  }
}
