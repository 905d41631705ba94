import path from 'node:path';
import { z } from 'zod';

/** Environment → validated configuration, read once at boot (fail fast with every problem listed). */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./data'),
  DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('public'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  DISPUTE_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  MAX_UPLOAD_MB: z.coerce.number().min(1).max(100).default(15),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  REGION_TOLERANCE_METERS: z.coerce.number().min(0).max(50_000).default(3000),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Confidence from which the classifier routes a report the rules cannot; unset: the model's own 97 %-precision threshold. */
  CLASSIFIER_ROUTING_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** Cron schedule of classifier retraining (empty: never on a schedule). */
  CLASSIFIER_RETRAIN_CRON: z.string().default('30 3 * * *'),
  // ---- outbound webhooks (docs/webhooks.md) ----
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(10_000).default(50),
  WEBHOOK_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  WEBHOOK_BACKOFF_CAP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type AppConfig = {
  databaseUrl: string | undefined;
  dataDir: string;
  dbSchema: string;
  dbPoolSize: number;
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl: string | undefined;
  cookieSecure: 'auto' | boolean;
  sessionTtlDays: number;
  disputeWindowDays: number;
  maxUploadBytes: number;
  rateLimitPerMinute: number;
  rateLimitWritesPerMinute: number;
  regionToleranceMeters: number;
  mapTileUrl: string;
  seedDemo: 'auto' | boolean;
  classifierRoutingThreshold: number | null;
  classifierRetrainCron: string;
  // ---- outbound webhooks ----
  webhooks: {
    timeoutMs: number;
    maxAttempts: number;
    disableAfterFailures: number;
    backoffBaseMs: number;
    backoffCapMs: number;
    logRetentionMs: number;
  };
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const bool = (v: 'auto' | 'true' | 'false') => (v === 'auto' ? 'auto' : v === 'true');
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    dbSchema: e.DB_SCHEMA,
    dbPoolSize: e.DB_POOL_SIZE,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    cookieSecure: bool(e.COOKIE_SECURE),
    sessionTtlDays: e.SESSION_TTL_DAYS,
    disputeWindowDays: e.DISPUTE_WINDOW_DAYS,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitWritesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
    regionToleranceMeters: e.REGION_TOLERANCE_METERS,
    mapTileUrl: e.MAP_TILE_URL,
    seedDemo: bool(e.SEED_DEMO),
    classifierRoutingThreshold: e.CLASSIFIER_ROUTING_THRESHOLD ?? null,
    classifierRetrainCron: e.CLASSIFIER_RETRAIN_CRON,
    // ---- outbound webhooks ----
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      backoffBaseMs: e.WEBHOOK_BACKOFF_BASE_SECONDS * 1000,
      backoffCapMs: e.WEBHOOK_BACKOFF_CAP_SECONDS * 1000,
      logRetentionMs: e.WEBHOOK_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000,
    },
  };
}
