import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has a default for everything', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      dbSchema: 'public',
      dbPoolSize: 20,
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      publicUrl: undefined,
      cookieSecure: 'auto',
      trustProxy: [],
      requireEmailConfirmation: true,
      secretsKey: undefined,
      loginLockout: { threshold: 5, baseMs: 15 * 60_000 },
      sessionTtlDays: 30,
      disputeWindowDays: 7,
      clarificationTimeoutDays: 14,
      participation: {
        verifiedOnly: false,
        initiativeThreshold: 100,
        initiativeDays: 90,
        opinionMapIntervalMs: 60_000,
      },
      maxUploadBytes: 15 * 1024 * 1024,
      rateLimitPerMinute: 600,
      rateLimitWritesPerMinute: 60,
      regionToleranceMeters: 3000,
      mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      seedDemo: 'auto',
      classifierRoutingThreshold: null,
      classifierRetrainCron: '30 3 * * *',
      oidc: null,
      deadlineEscalationCron: '*/10 * * * *',
      analyticsRefreshCron: '* * * * *',
      autoCloseCron: '*/30 * * * *',
      escalateAfterWorkingDays: 2,
      duplicateRadiusMeters: 250,
      duplicateMinSimilarity: 0.2,
      // ---- notifications ----
      smtpUrl: undefined,
      mailFrom: 'Вместе <no-reply@vmeste.local>',
      maxPdfBytes: 10 * 1024 * 1024,
      metricsToken: undefined,
      livePollMs: 1000,
      sseHeartbeatMs: 25_000,
      notificationsCron: '* * * * *',
      open311JurisdictionId: 'vmeste',
      apiKeyRateLimitPerMinute: 120,
      // ---- outbound webhooks ----
      webhooks: {
        timeoutMs: 5000,
        maxAttempts: 12,
        disableAfterFailures: 50,
        backoffBaseMs: 30_000,
        backoffCapMs: 3_600_000,
        logRetentionMs: 30 * 24 * 60 * 60 * 1000,
      },
    });
  });

  it('reads the duplicate settings and refuses impossible ones', () => {
    const c = loadConfig({ DUPLICATE_RADIUS_METERS: '400', DUPLICATE_MIN_SIMILARITY: '0.35' });
    expect([c.duplicateRadiusMeters, c.duplicateMinSimilarity]).toEqual([400, 0.35]);
    expect(() => loadConfig({ DUPLICATE_RADIUS_METERS: '0', DUPLICATE_MIN_SIMILARITY: '2' })).toThrow(
      /DUPLICATE_RADIUS_METERS[\s\S]*DUPLICATE_MIN_SIMILARITY/,
    );
  });

  it('takes an SMTP server only as an smtp:// or smtps:// URL', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465' }).smtpUrl).toBe(
      'smtps://u:p@mail.example.org:465',
    );
    expect(loadConfig({ SMTP_URL: '' }).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org', LIVE_POLL_MS: '5' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL[\s\S]*LIVE_POLL_MS/,
    );
  });

  // ---- outbound webhooks ----
  it('reads the webhook settings and refuses a timeout too short to be meant', () => {
    expect(
      loadConfig({ WEBHOOK_TIMEOUT_MS: '2500', WEBHOOK_BACKOFF_BASE_SECONDS: '5' }).webhooks,
    ).toMatchObject({
      timeoutMs: 2500,
      backoffBaseMs: 5000,
    });
    expect(configError({ WEBHOOK_TIMEOUT_MS: '50', WEBHOOK_MAX_ATTEMPTS: '0' }).message).toMatch(
      /WEBHOOK_TIMEOUT_MS[\s\S]*WEBHOOK_MAX_ATTEMPTS/,
    );
  });

  it('reads and converts the variables it is given', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/vmeste',
      DATA_DIR: 'var/vmeste',
      DB_SCHEMA: 'region_78',
      PORT: '8080',
      HOST: '0.0.0.0',
      COOKIE_SECURE: 'true',
      SEED_DEMO: 'false',
      SESSION_TTL_DAYS: '14',
      DISPUTE_WINDOW_DAYS: '10',
      MAX_UPLOAD_MB: '2.5',
      PUBLIC_URL: 'https://vmeste.example.org',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/vmeste',
      dataDir: path.resolve('var/vmeste'),
      dbSchema: 'region_78',
      port: 8080,
      host: '0.0.0.0',
      cookieSecure: true,
      seedDemo: false,
      sessionTtlDays: 14,
      disputeWindowDays: 10,
      maxUploadBytes: Math.round(2.5 * 1024 * 1024),
      publicUrl: 'https://vmeste.example.org',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db' }).databaseUrl).toBe('postgresql://h/db');
  });

  it('treats an empty DATABASE_URL as absent (embedded PGlite)', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('lists every invalid variable in one ConfigError', () => {
    const bad = {
      DATABASE_URL: 'mysql://localhost/db',
      DB_SCHEMA: 'Region-78',
      DB_POOL_SIZE: '0',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      PUBLIC_URL: 'not a url',
      COOKIE_SECURE: 'yes',
      SESSION_TTL_DAYS: '0',
      DISPUTE_WINDOW_DAYS: '365',
      MAX_UPLOAD_MB: '500',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_WRITES_PER_MINUTE: 'many',
      REGION_TOLERANCE_METERS: '-1',
      SEED_DEMO: 'maybe',
    };
    const err = configError(bad);
    expect(err.message).toMatch(/^Invalid configuration:/);
    const named = err.message
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(':')[0]);
    expect([...new Set(named)].sort()).toEqual(Object.keys(bad).sort());
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '3.5'],
    ['DB_SCHEMA', 'drop table'],
    ['SESSION_TTL_DAYS', '366'],
    ['MAX_UPLOAD_MB', '0.5'],
  ])('refuses %s=%s and names it', (name, value) => {
    const err = configError({ [name]: value });
    expect(err.message).toContain(`${name}:`);
    expect(err.message.split('\n')).toHaveLength(2);
  });

  it('says what a DATABASE_URL and a schema name must look like', () => {
    expect(configError({ DATABASE_URL: 'mysql://x' }).message).toContain(
      'DATABASE_URL: must be a postgres:// URL',
    );
    expect(configError({ DB_SCHEMA: 'A' }).message).toContain(
      'DB_SCHEMA: must be a lower-case SQL identifier',
    );
  });

  // --- OpenID Connect sign-in ---
  it('turns OpenID Connect sign-in on only with an issuer and a client id', () => {
    const oidc = loadConfig({ OIDC_ISSUER: 'https://esia.example.org', OIDC_CLIENT_ID: 'vmeste' }).oidc;
    expect(oidc).toEqual({
      issuer: 'https://esia.example.org',
      clientId: 'vmeste',
      clientSecret: undefined,
      redirectUri: undefined,
      providerName: { ru: 'Госуслуги', en: 'Gosuslugi (ESIA)' },
      scopes: 'openid email profile address',
    });
    expect(configError({ OIDC_ISSUER: 'https://esia.example.org' }).message).toContain(
      'OIDC_CLIENT_ID: required when OIDC_ISSUER is set',
    );
    expect(configError({ OIDC_ISSUER: 'esia', OIDC_CLIENT_ID: 'x' }).message).toContain('OIDC_ISSUER:');
    expect(configError({ OIDC_ISSUER: 'http://esia.example.org', OIDC_CLIENT_ID: 'x' }).message).toContain(
      'OIDC_ISSUER: must be an https:// URL (http:// only on loopback)',
    );
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'x' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    expect(
      configError({ OIDC_ISSUER: 'https://e.org', OIDC_CLIENT_ID: 'x', OIDC_SCOPES: 'email' }).message,
    ).toContain('OIDC_SCOPES: must include openid');
  });
});

describe('security settings', () => {
  it('reads TRUST_PROXY as a list and REQUIRE_EMAIL_CONFIRMATION=false as off', () => {
    const c = loadConfig({
      TRUST_PROXY: '10.0.0.1, 192.168.0.0/16 ,loopback',
      REQUIRE_EMAIL_CONFIRMATION: 'false',
    });
    expect(c.trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16', 'loopback']);
    expect(c.requireEmailConfirmation).toBe(false);
  });
});
