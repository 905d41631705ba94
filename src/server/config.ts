import path from 'node:path';
import { z } from 'zod';

/** Environment → validated configuration, read once at boot (fail fast with every problem listed). */
const envSchema = z
  .object({
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
    /**
     * Addresses (or CIDR ranges, or `loopback`) of the reverse proxies whose X-Forwarded-For/-Host/-Proto
     * are believed, comma-separated; empty: none (the peer's own address is the client's).
     */
    TRUST_PROXY: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
    /** New accounts confirm their e-mail before they can sign in; `false` for a demo, a test or a trial. */
    REQUIRE_EMAIL_CONFIRMATION: z.enum(['true', 'false']).default('true'),
    /**
     * Key that encrypts secrets kept in the database (webhook secrets, OIDC client secret): 32 bytes as
     * 64 hex digits or base64. Unset: a key generated once and kept in DATA_DIR/secrets.key.
     */
    SECRETS_KEY: z
      .string()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Failed log-ins of one account before it is locked; each further lock-out doubles (15 min, 30 min…). */
    LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
    LOGIN_LOCKOUT_MINUTES: z.coerce.number().min(0.1).max(1440).default(15),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    DISPUTE_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /** Days the author has to answer a question before the report is closed (with a message saying so). */
    CLARIFICATION_TIMEOUT_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    MAX_UPLOAD_MB: z.coerce.number().min(1).max(100).default(15),
    /** PDF documents (discussion attachments): refused above this size with `pdf_too_large`. */
    MAX_PDF_MB: z.coerce.number().min(0.01).max(100).default(10),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    REGION_TOLERANCE_METERS: z.coerce.number().min(0).max(50_000).default(3000),
    MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
    /** Confidence from which the classifier routes a report the rules cannot; unset: the model's own 97 %-precision threshold. */
    CLASSIFIER_ROUTING_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
    /** Cron schedule of classifier retraining (empty: never on a schedule). */
    CLASSIFIER_RETRAIN_CRON: z.string().default('30 3 * * *'),
    // ---- participation: discussions and initiatives ----
    /** Only residents with a provider-verified residence in the territory take part (else any resident). */
    PARTICIPATION_VERIFIED_ONLY: z.enum(['true', 'false']).default('false'),
    /** Supporters an initiative needs where its territory has no threshold of its own. */
    INITIATIVE_THRESHOLD: z.coerce.number().int().min(1).max(10_000_000).default(100),
    /** Days an approved initiative collects support. */
    INITIATIVE_DAYS: z.coerce.number().int().min(1).max(365).default(90),
    /** An opinion map is rebuilt at most this often while votes arrive (seconds). */
    OPINION_MAP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    // ---- deadlines ----
    /** Cron schedule of the deadline escalation job (Moscow time). */
    DEADLINE_ESCALATION_CRON: z.string().min(1).default('*/10 * * * *'),
    /** Working days overdue after which a report is escalated to the curator. */
    ESCALATE_AFTER_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(2),
    // ---- analytics (docs/analytics.md) ----
    /** Cron schedule of the analytics roll-up refresh and spike alerts (every minute: fresh within a minute). */
    ANALYTICS_REFRESH_CRON: z.string().min(1).default('* * * * *'),
    /** Cron schedule of auto-closing answered reports left unrated past the dispute window. */
    AUTO_CLOSE_CRON: z.string().min(1).default('*/30 * * * *'),
    // ---- duplicates ----
    /** How far apart two reports of one subject may be to be offered as the same problem. */
    DUPLICATE_RADIUS_METERS: z.coerce.number().min(10).max(5000).default(250),
    /** How alike their texts must be (0–1: the better of trigram and Russian word overlap). */
    DUPLICATE_MIN_SIMILARITY: z.coerce.number().min(0).max(1).default(0.2),
    // ---- notifications (e-mail, live updates) ----
    /** SMTP server for e-mail notifications, e.g. smtp://user:pass@host:587; unset: in-app only. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    MAIL_FROM: z.string().default('Вместе <no-reply@vmeste.local>'),
    /** How often each node looks for new events while live pages are open (milliseconds). */
    LIVE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    SSE_HEARTBEAT_SECONDS: z.coerce.number().min(1).max(300).default(25),
    /** Cron schedule of the notification dispatcher (besides the kick after every action). */
    NOTIFICATIONS_CRON: z.string().default('* * * * *'),
    // ---- Open311 and API keys ----
    /** The Open311 jurisdiction this deployment serves; a request naming another one gets 404. */
    OPEN311_JURISDICTION_ID: z.string().min(1).default('vmeste'),
    /** Requests per minute one API key may make, unless its own limit says otherwise. */
    API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    // ---- operations (docs/operations.md) ----
    /** Bearer token that opens /metrics to a scraper elsewhere; unset: /metrics answers loopback only. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    // ---- outbound webhooks (docs/webhooks.md) ----
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
    WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(10_000).default(50),
    WEBHOOK_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    WEBHOOK_BACKOFF_CAP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
    WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // --- OpenID Connect sign-in (ESIA-style); off unless OIDC_ISSUER is set ---
    OIDC_ISSUER: z
      .url()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Where the provider sends the browser back; default PUBLIC_URL (or the request's origin) + the callback path. */
    OIDC_REDIRECT_URI: z.url().optional(),
    OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('Госуслуги'),
    OIDC_PROVIDER_NAME_EN: z.string().min(1).max(60).default('Gosuslugi (ESIA)'),
    OIDC_SCOPES: z
      .string()
      .regex(/(^|\s)openid(\s|$)/, 'must include openid')
      .default('openid email profile address'),
  })
  .refine((e) => !e.OIDC_ISSUER || e.OIDC_CLIENT_ID, {
    path: ['OIDC_CLIENT_ID'],
    message: 'required when OIDC_ISSUER is set',
  })
  // Plain HTTP only to a provider on this machine (tests, development): tokens must not cross a network in clear.
  .refine((e) => !e.OIDC_ISSUER || e.OIDC_ISSUER.startsWith('https://') || isLoopbackUrl(e.OIDC_ISSUER), {
    path: ['OIDC_ISSUER'],
    message: 'must be an https:// URL (http:// only on loopback)',
  });

function isLoopbackUrl(url: string): boolean {
  // An unparsable URL is reported by the field's own check; here it is simply not loopback.
  if (!URL.canParse(url)) return false;
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

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
  /** Proxies believed for X-Forwarded-*; empty: none. */
  trustProxy: string[];
  requireEmailConfirmation: boolean;
  secretsKey: string | undefined;
  loginLockout: { threshold: number; baseMs: number };
  sessionTtlDays: number;
  disputeWindowDays: number;
  clarificationTimeoutDays: number;
  participation: {
    verifiedOnly: boolean;
    initiativeThreshold: number;
    initiativeDays: number;
    opinionMapIntervalMs: number;
  };
  deadlineEscalationCron: string;
  analyticsRefreshCron: string;
  autoCloseCron: string;
  escalateAfterWorkingDays: number;
  duplicateRadiusMeters: number;
  duplicateMinSimilarity: number;
  // ---- notifications ----
  smtpUrl: string | undefined;
  mailFrom: string;
  livePollMs: number;
  sseHeartbeatMs: number;
  notificationsCron: string;
  open311JurisdictionId: string;
  apiKeyRateLimitPerMinute: number;
  metricsToken: string | undefined;
  // ---- outbound webhooks ----
  webhooks: {
    timeoutMs: number;
    maxAttempts: number;
    disableAfterFailures: number;
    backoffBaseMs: number;
    backoffCapMs: number;
    logRetentionMs: number;
  };
  maxUploadBytes: number;
  maxPdfBytes: number;
  rateLimitPerMinute: number;
  rateLimitWritesPerMinute: number;
  regionToleranceMeters: number;
  mapTileUrl: string;
  seedDemo: 'auto' | boolean;
  classifierRoutingThreshold: number | null;
  classifierRetrainCron: string;
  /** OpenID Connect sign-in; null when not configured (the button is hidden, the endpoints answer 404). */
  oidc: OidcConfig | null;
};

export type OidcConfig = {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only, no client authentication). */
  clientSecret: string | undefined;
  redirectUri: string | undefined;
  /** What the sign-in button says, per UI language. */
  providerName: { ru: string; en: string };
  scopes: string;
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
    trustProxy: e.TRUST_PROXY,
    requireEmailConfirmation: e.REQUIRE_EMAIL_CONFIRMATION === 'true',
    secretsKey: e.SECRETS_KEY,
    loginLockout: { threshold: e.LOGIN_LOCKOUT_THRESHOLD, baseMs: e.LOGIN_LOCKOUT_MINUTES * 60_000 },
    sessionTtlDays: e.SESSION_TTL_DAYS,
    disputeWindowDays: e.DISPUTE_WINDOW_DAYS,
    clarificationTimeoutDays: e.CLARIFICATION_TIMEOUT_DAYS,
    participation: {
      verifiedOnly: e.PARTICIPATION_VERIFIED_ONLY === 'true',
      initiativeThreshold: e.INITIATIVE_THRESHOLD,
      initiativeDays: e.INITIATIVE_DAYS,
      opinionMapIntervalMs: e.OPINION_MAP_INTERVAL_SECONDS * 1000,
    },
    deadlineEscalationCron: e.DEADLINE_ESCALATION_CRON,
    analyticsRefreshCron: e.ANALYTICS_REFRESH_CRON,
    autoCloseCron: e.AUTO_CLOSE_CRON,
    escalateAfterWorkingDays: e.ESCALATE_AFTER_WORKING_DAYS,
    duplicateRadiusMeters: e.DUPLICATE_RADIUS_METERS,
    duplicateMinSimilarity: e.DUPLICATE_MIN_SIMILARITY,
    // ---- notifications ----
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    livePollMs: e.LIVE_POLL_MS,
    sseHeartbeatMs: Math.round(e.SSE_HEARTBEAT_SECONDS * 1000),
    notificationsCron: e.NOTIFICATIONS_CRON,
    open311JurisdictionId: e.OPEN311_JURISDICTION_ID,
    apiKeyRateLimitPerMinute: e.API_KEY_RATE_LIMIT_PER_MINUTE,
    metricsToken: e.METRICS_TOKEN,
    // ---- outbound webhooks ----
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      backoffBaseMs: e.WEBHOOK_BACKOFF_BASE_SECONDS * 1000,
      backoffCapMs: e.WEBHOOK_BACKOFF_CAP_SECONDS * 1000,
      logRetentionMs: e.WEBHOOK_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000,
    },
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    maxPdfBytes: Math.round(e.MAX_PDF_MB * 1024 * 1024),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitWritesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
    regionToleranceMeters: e.REGION_TOLERANCE_METERS,
    mapTileUrl: e.MAP_TILE_URL,
    seedDemo: bool(e.SEED_DEMO),
    classifierRoutingThreshold: e.CLASSIFIER_ROUTING_THRESHOLD ?? null,
    classifierRetrainCron: e.CLASSIFIER_RETRAIN_CRON,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUri: e.OIDC_REDIRECT_URI,
            providerName: { ru: e.OIDC_PROVIDER_NAME, en: e.OIDC_PROVIDER_NAME_EN },
            scopes: e.OIDC_SCOPES,
          }
        : null,
  };
}
