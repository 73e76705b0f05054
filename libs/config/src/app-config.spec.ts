import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded bus and PGlite when no servers are configured', () => {
    const config = loadConfig({});
    expect(config.bus).toEqual({ kind: 'in-process' });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '.data/pglite' });
    expect(config.migrateOnBoot).toBe(true);
    expect(config.jwt.ephemeral).toBe(true);
    expect(config.jwt.secret).toHaveLength(64);
  });

  it('is safe by default: loopback only, random demo credentials, https-only URLs', () => {
    const config = loadConfig({});
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.demoCredentials).toEqual({});
    expect(config.urls).toEqual({ allowHttp: false });
  });

  it('takes pinned demo credentials and refuses a malformed key', () => {
    const apiKey = `sb_0123456789ab_${'A'.repeat(43)}`;
    const config = loadConfig({ SEED_DEMO_PASSWORD: 'load-test-pw', SEED_DEMO_API_KEY: apiKey });
    expect(config.demoCredentials).toEqual({ password: 'load-test-pw', apiKey });
    expect(() => loadConfig({ SEED_DEMO_API_KEY: 'sb_nope' })).toThrow(/SEED_DEMO_API_KEY/);
    expect(() => loadConfig({ SEED_DEMO_PASSWORD: 'short' })).toThrow(/SEED_DEMO_PASSWORD/);
  });

  it('takes a 32-byte base64 SECRETS_KEY, refuses any other, and keeps idempotency keys 24 h by default', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ SECRETS_KEY: key }).secretsKey).toBe(key);
    expect(loadConfig({}).secretsKey).toBeUndefined();
    expect(() => loadConfig({ SECRETS_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/SECRETS_KEY/);
    expect(loadConfig({}).idempotencyTtlMs).toBe(24 * 3600 * 1000);
    expect(loadConfig({ IDEMPOTENCY_TTL_HOURS: '2' }).idempotencyTtlMs).toBe(2 * 3600 * 1000);
    expect(() => loadConfig({ IDEMPOTENCY_TTL_HOURS: '0' })).toThrow(/IDEMPOTENCY_TTL_HOURS/);
  });

  it('reopens conversations resolved within a day by default; 0 disables, fractions allowed, negatives refused', () => {
    expect(loadConfig({}).reopenWindowMs).toBe(24 * 60 * 60_000);
    expect(loadConfig({ REOPEN_WINDOW_MINUTES: '0' }).reopenWindowMs).toBe(0);
    expect(loadConfig({ REOPEN_WINDOW_MINUTES: '0.5' }).reopenWindowMs).toBe(30_000);
    expect(() => loadConfig({ REOPEN_WINDOW_MINUTES: '-1' })).toThrow(/REOPEN_WINDOW_MINUTES/);
    expect(() => loadConfig({ REOPEN_WINDOW_MINUTES: 'soon' })).toThrow(/REOPEN_WINDOW_MINUTES/);
  });

  it('writes 2,000 records per router transaction on PostgreSQL, 500 on PGlite, unless told otherwise', () => {
    const server = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig({}).limits.batchMaxRecords).toBe(500);
    expect(loadConfig(server).limits.batchMaxRecords).toBe(2_000);
    expect(loadConfig({ ...server, ROUTER_BATCH_MAX_RECORDS: '300' }).limits.batchMaxRecords).toBe(300);
    expect(loadConfig({ ROUTER_BATCH_MAX_RECORDS: '800' }).limits.batchMaxRecords).toBe(800);
    expect(() => loadConfig({ ROUTER_BATCH_MAX_RECORDS: '0' })).toThrow(/ROUTER_BATCH_MAX_RECORDS/);
  });

  it('switches to Kafka and Postgres when both are set', () => {
    const config = loadConfig({
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9094',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
      JWT_SECRET: 'x'.repeat(32),
    });
    expect(config.bus).toEqual({
      kind: 'kafka',
      brokers: ['127.0.0.1:9092', '127.0.0.1:9094'],
      clientId: 'switchboard',
      partitions: 6,
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1:5432/db' });
    expect(config.migrateOnBoot).toBe(false);
  });

  it('lists every bad variable at once', () => {
    const attempt = (): unknown =>
      loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'nohost', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT:/m);
      expect(problems).toMatch(/^KAFKA_BROKERS[.:].*host:port/m);
      expect(problems).toMatch(/^DATABASE_URL:/m);
    }
  });

  it('defaults to 15-minute access tokens, 7-day idle sessions, a 2 s session cache and 7-day retention', () => {
    const config = loadConfig({});
    expect(config.jwt.ttlSeconds).toBe(900);
    expect(config.sessions).toEqual({
      refreshTtlSeconds: 604_800,
      cacheMs: 2000,
      retentionDays: 7,
      pruneIntervalMs: 3_600_000,
    });
    expect(() => loadConfig({ AUTH_SESSION_RETENTION_DAYS: '0' })).toThrow(/AUTH_SESSION_RETENTION_DAYS/);
    expect(() => loadConfig({ AUTH_SESSION_PRUNE_INTERVAL_MS: '10' })).toThrow(
      /AUTH_SESSION_PRUNE_INTERVAL_MS/,
    );
    expect(loadConfig({ AUTH_SESSION_CACHE_MS: '0' }).sessions.cacheMs).toBe(0);
    expect(() => loadConfig({ AUTH_SESSION_CACHE_MS: '60000' })).toThrow(/AUTH_SESSION_CACHE_MS/);
    expect(() => loadConfig({ JWT_TTL_SECONDS: '1' })).toThrow(/JWT_TTL_SECONDS/);
  });

  it('refuses a server deployment without a shared JWT secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@h:5432/d' })).toThrow(/JWT_SECRET/);
  });
});

describe('loadConfig: limits and origins', () => {
  it('defaults to same-origin only, and limits that let an office sign in at once', () => {
    const config = loadConfig({});
    expect(config.corsOrigins).toEqual([]);
    expect(config.rateLimits.loginPerMinute).toBeGreaterThanOrEqual(300);
    expect(config.trustProxy).toBeUndefined();
  });

  it('reads CORS_ORIGINS as a list of origins, and refuses paths', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:5173/' });
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.com/app' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('loadConfig: email and blobs', () => {
  it('runs SMTP on 2525 beside HTTP, with a 25 MiB limit, attachments under .data/blobs and no relay', () => {
    const config = loadConfig({ HOST: '0.0.0.0' });
    expect(config.email).toEqual({
      smtp: { enabled: true, host: '0.0.0.0', port: 2525, maxMessageBytes: 25 * 1024 * 1024 },
    });
    expect(config.blobs).toEqual({ dir: '.data/blobs', maxBytes: 25 * 1024 * 1024 });
  });

  it('fetches webhook media within 5 s each and 10 s per delivery, and refuses a budget past 30 s', () => {
    expect(loadConfig({}).webhooks.media).toEqual({
      fetchTimeoutMs: 5_000,
      budgetMs: 10_000,
      allowPrivateAddresses: false,
    });
    expect(() => loadConfig({ WEBHOOK_MEDIA_BUDGET_MS: '60000' })).toThrow(/WEBHOOK_MEDIA_BUDGET_MS/);
  });

  it('takes a relay URL and refuses one that is not SMTP', () => {
    const config = loadConfig({ SMTP_RELAY_URL: 'smtp://127.0.0.1:2526', SMTP_ENABLED: 'false' });
    expect(config.email.relayUrl).toBe('smtp://127.0.0.1:2526');
    expect(config.email.smtp.enabled).toBe(false);
    expect(() => loadConfig({ SMTP_RELAY_URL: 'http://relay' })).toThrow(/SMTP_RELAY_URL/);
    expect(() => loadConfig({ SMTP_MAX_MESSAGE_BYTES: '10' })).toThrow(/SMTP_MAX_MESSAGE_BYTES/);
  });

  it('acknowledges and surveys chat customers unless told otherwise; an empty list turns both off', () => {
    expect([...loadConfig({}).autoAck.channels]).toEqual(['chat']);
    expect([...loadConfig({}).csat.channels]).toEqual(['chat']);
    const off = loadConfig({ AUTO_ACK_CHANNELS: '', CSAT_CHANNELS: '' });
    expect(off.autoAck.channels.size + off.csat.channels.size).toBe(0);
    expect([...loadConfig({ AUTO_ACK_CHANNELS: 'chat, email' }).autoAck.channels]).toEqual(['chat', 'email']);
    expect(() => loadConfig({ CSAT_CHANNELS: 'fax' })).toThrow(/CSAT_CHANNELS/);
  });
});
