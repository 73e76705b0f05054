// Turns validated variables into the config the app uses; the embedded default needs no servers.
import { randomBytes } from 'node:crypto';
import { topicNames, type Channel, type TopicNames, type UrlPolicy } from '@switchboard/contracts';
import { EnvSchema } from './app-config.schema';

export type BusConfig =
  { kind: 'kafka'; brokers: string[]; clientId: string; partitions: number } | { kind: 'in-process' };
export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export interface AppConfig {
  http: { host: string; port: number };
  logLevel: string;
  bus: BusConfig;
  topics: TopicNames;
  database: DatabaseConfig;
  migrateOnBoot: boolean;
  seedDemo: boolean;
  /** Pinned demo credentials (tests and load tools); unset parts are random per installation. */
  demoCredentials: { password?: string; apiKey?: string };
  /** Which URL schemes contract URL fields accept. */
  urls: UrlPolicy;
  routerGroupId: string;
  jwt: { secret: string; ttlSeconds: number; ephemeral: boolean };
  /**
   * Console sessions: refresh-token idle lifetime, how stale a "still live" answer may be, and how long ended
   * sessions are kept before pruning.
   */
  sessions: { refreshTtlSeconds: number; cacheMs: number; retentionDays: number; pruneIntervalMs: number };
  offerTimeoutMs: number;
  /** A message this long after its conversation was resolved still reopens it; 0 never reopens. */
  reopenWindowMs: number;
  /** Auto-acknowledgement with the estimated wait (ADR 0025); unset texts take the router's defaults. */
  autoAck: { channels: ReadonlySet<Channel>; template?: string; unknownText?: string };
  /** Live queue stats: least time between a tenant's records, and the unconditional refresh period. */
  queueStats: { intervalMs: number; refreshMs: number };
  /** CSAT survey after resolution (ADR 0025); an unset text takes the router's default. */
  csat: { channels: ReadonlySet<Channel>; text?: string; linkBaseUrl?: string };
  /** Express `trust proxy` value, when the gateway sits behind proxies that set X-Forwarded-For. */
  trustProxy?: string;
  /** Browser origins allowed besides the server's own (REST CORS and the socket.io handshake). */
  corsOrigins: string[];
  /** Web chat: the sites that embed the widget, the visitor token lifetime and the wait estimate's fallback. */
  chat: { origins: string[]; visitorTokenTtlSeconds: number; defaultWaitSeconds: number };
  /** Request limits, each per gateway instance. */
  rateLimits: {
    loginPerMinute: number;
    loginBackoffAfterFailures: number;
    loginBackoffMaxMs: number;
    ingestPerSecond: number;
    ipPerSecond: number;
    authFailuresPerMinute: number;
    apiPerMinute: number;
    socketEventsPerSecond: number;
    socketUserEventsPerSecond: number;
  };
  /** Socket.io limits, per gateway instance. */
  sockets: {
    maxMessageBytes: number;
    maxConnectionsPerUser: number;
    consoleReplayWindow: number;
    commandAckTimeoutMs: number;
    pingIntervalMs: number;
    pingTimeoutMs: number;
  };
  /** Agent presence (ADR 0027): grace before away, the gateways' heartbeat, and how long it holds. */
  presence: { graceMs: number; heartbeatMs: number; leaseMs: number };
  /** Backpressure bounds and the router's batch limits. */
  limits: {
    ingestMaxBacklog: number;
    busMaxBacklog: number;
    batchMaxRecords: number;
    txTimeoutMs: number;
  };
  /** Email in (the SMTP server in the gateway role) and out (the relay replies are handed to). */
  email: {
    smtp: { enabled: boolean; host: string; port: number; maxMessageBytes: number };
    relayUrl?: string;
  };
  /** Where attachment content is kept, and the largest one kept. */
  blobs: { dir: string; maxBytes: number };
  /** SECRETS_KEY (base64), when set; see openSecretBox for the embedded default. */
  secretsKey?: string;
  /** How long an ingest Idempotency-Key and its answer are kept. */
  idempotencyTtlMs: number;
  /** Fault tests only: crash right after committing a batch holding this event type. */
  faultCrashAfterCommit?: string;
  /** The outbound dispatcher: its consumer group, retry policy, concurrency and HTTP timeout. */
  outbound: {
    groupId: string;
    retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number; budgetMs: number };
    concurrency: number;
    sendTimeoutMs: number;
  };
  /** Base URLs of the platforms' send APIs (tests point them at a local stand-in). */
  channels: { whatsappBaseUrl: string; metaGraphBaseUrl: string; xBaseUrl: string };
  /** Inbound webhooks: the delivery log's retention and pruning, and the largest body taken. */
  webhooks: {
    retentionDays: number;
    maxBodyBytes: number;
    pruneIntervalMs: number;
    /** Platform media fetched into the blob store before a delivery is answered (BLOB_MAX_BYTES each). */
    media: { fetchTimeoutMs: number; budgetMs: number; allowPrivateAddresses: boolean };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  if (!e.JWT_SECRET && (e.KAFKA_BROKERS || e.DATABASE_URL)) {
    // Several processes must agree on the secret, so a server deployment has to set it.
    throw new ConfigError(['JWT_SECRET: required when KAFKA_BROKERS or DATABASE_URL is set']);
  }
  return {
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    bus: e.KAFKA_BROKERS
      ? {
          kind: 'kafka',
          brokers: e.KAFKA_BROKERS,
          clientId: e.KAFKA_CLIENT_ID,
          partitions: e.KAFKA_PARTITIONS,
        }
      : { kind: 'in-process' },
    topics: topicNames(e.KAFKA_TOPIC_PREFIX),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.PGLITE_DATA_DIR },
    migrateOnBoot: e.MIGRATE_ON_BOOT ?? embedded,
    seedDemo: e.SEED_DEMO,
    demoCredentials: {
      ...(e.SEED_DEMO_PASSWORD ? { password: e.SEED_DEMO_PASSWORD } : {}),
      ...(e.SEED_DEMO_API_KEY ? { apiKey: e.SEED_DEMO_API_KEY } : {}),
    },
    urls: { allowHttp: e.ALLOW_HTTP_URLS },
    routerGroupId: e.ROUTER_GROUP_ID,
    jwt: {
      secret: e.JWT_SECRET ?? randomBytes(32).toString('hex'),
      ttlSeconds: e.JWT_TTL_SECONDS,
      ephemeral: !e.JWT_SECRET,
    },
    sessions: {
      refreshTtlSeconds: e.AUTH_REFRESH_TTL_SECONDS,
      cacheMs: e.AUTH_SESSION_CACHE_MS,
      retentionDays: e.AUTH_SESSION_RETENTION_DAYS,
      pruneIntervalMs: e.AUTH_SESSION_PRUNE_INTERVAL_MS,
    },
    offerTimeoutMs: e.OFFER_TIMEOUT_SECONDS * 1000,
    reopenWindowMs: Math.round(e.REOPEN_WINDOW_MINUTES * 60_000),
    autoAck: {
      channels: new Set(e.AUTO_ACK_CHANNELS),
      ...(e.AUTO_ACK_TEMPLATE ? { template: e.AUTO_ACK_TEMPLATE } : {}),
      ...(e.AUTO_ACK_UNKNOWN_TEXT ? { unknownText: e.AUTO_ACK_UNKNOWN_TEXT } : {}),
    },
    queueStats: { intervalMs: e.QUEUE_STATS_INTERVAL_MS, refreshMs: e.QUEUE_STATS_REFRESH_MS },
    csat: {
      channels: new Set(e.CSAT_CHANNELS),
      ...(e.CSAT_SURVEY_TEXT ? { text: e.CSAT_SURVEY_TEXT } : {}),
      ...(e.CSAT_LINK_BASE_URL ? { linkBaseUrl: e.CSAT_LINK_BASE_URL.replace(/\/+$/, '') } : {}),
    },
    ...(e.TRUST_PROXY ? { trustProxy: e.TRUST_PROXY } : {}),
    corsOrigins: e.CORS_ORIGINS,
    chat: {
      origins: e.CHAT_ORIGINS,
      visitorTokenTtlSeconds: e.CHAT_VISITOR_TOKEN_TTL_SECONDS,
      defaultWaitSeconds: e.CHAT_DEFAULT_WAIT_SECONDS,
    },
    rateLimits: {
      loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      loginBackoffAfterFailures: e.LOGIN_BACKOFF_AFTER_FAILURES,
      loginBackoffMaxMs: e.LOGIN_BACKOFF_MAX_SECONDS * 1000,
      ingestPerSecond: e.RATE_LIMIT_INGEST_PER_SECOND,
      ipPerSecond: e.RATE_LIMIT_IP_PER_SECOND,
      authFailuresPerMinute: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
      apiPerMinute: e.RATE_LIMIT_API_PER_MINUTE,
      socketEventsPerSecond: e.RATE_LIMIT_SOCKET_EVENTS_PER_SECOND,
      socketUserEventsPerSecond: e.RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND,
    },
    sockets: {
      maxMessageBytes: e.SOCKET_MAX_MESSAGE_BYTES,
      maxConnectionsPerUser: e.SOCKET_MAX_CONNECTIONS_PER_USER,
      consoleReplayWindow: e.CONSOLE_REPLAY_WINDOW,
      commandAckTimeoutMs: e.COMMAND_ACK_TIMEOUT_MS,
      pingIntervalMs: e.SOCKET_PING_INTERVAL_MS,
      pingTimeoutMs: e.SOCKET_PING_TIMEOUT_MS,
    },
    presence: {
      graceMs: e.PRESENCE_GRACE_MS,
      heartbeatMs: e.PRESENCE_HEARTBEAT_MS,
      leaseMs: e.PRESENCE_LEASE_MS,
    },
    limits: {
      ingestMaxBacklog: e.INGEST_MAX_BACKLOG,
      busMaxBacklog: e.BUS_MAX_BACKLOG,
      batchMaxRecords: e.ROUTER_BATCH_MAX_RECORDS ?? (e.DATABASE_URL ? 2_000 : 500),
      txTimeoutMs: e.ROUTER_TX_TIMEOUT_MS,
    },
    email: {
      smtp: {
        enabled: e.SMTP_ENABLED,
        host: e.HOST,
        port: e.SMTP_PORT,
        maxMessageBytes: e.SMTP_MAX_MESSAGE_BYTES,
      },
      ...(e.SMTP_RELAY_URL ? { relayUrl: e.SMTP_RELAY_URL } : {}),
    },
    blobs: { dir: e.BLOB_DIR, maxBytes: e.BLOB_MAX_BYTES },
    ...(e.SECRETS_KEY ? { secretsKey: e.SECRETS_KEY.trim() } : {}),
    idempotencyTtlMs: e.IDEMPOTENCY_TTL_HOURS * 3600 * 1000,
    ...(e.FAULT_CRASH_AFTER_COMMIT ? { faultCrashAfterCommit: e.FAULT_CRASH_AFTER_COMMIT } : {}),
    outbound: {
      groupId: e.OUTBOUND_GROUP_ID ?? `${e.KAFKA_TOPIC_PREFIX}switchboard-outbound`,
      retry: {
        maxAttempts: e.OUTBOUND_MAX_ATTEMPTS,
        initialDelayMs: e.OUTBOUND_RETRY_INITIAL_DELAY_MS,
        maxDelayMs: e.OUTBOUND_RETRY_MAX_DELAY_MS,
        budgetMs: e.OUTBOUND_RETRY_BUDGET_MS,
      },
      concurrency: e.OUTBOUND_CONCURRENCY,
      sendTimeoutMs: e.OUTBOUND_SEND_TIMEOUT_MS,
    },
    channels: {
      whatsappBaseUrl: e.WHATSAPP_API_BASE_URL.replace(/\/+$/, ''),
      metaGraphBaseUrl: e.META_GRAPH_BASE_URL.replace(/\/+$/, ''),
      xBaseUrl: e.X_API_BASE_URL.replace(/\/+$/, ''),
    },
    webhooks: {
      retentionDays: e.WEBHOOK_RETENTION_DAYS,
      maxBodyBytes: e.WEBHOOK_MAX_BODY_BYTES,
      pruneIntervalMs: e.WEBHOOK_PRUNE_INTERVAL_MS,
      media: {
        fetchTimeoutMs: e.WEBHOOK_MEDIA_FETCH_TIMEOUT_MS,
        budgetMs: e.WEBHOOK_MEDIA_BUDGET_MS,
        allowPrivateAddresses: e.WEBHOOK_MEDIA_ALLOW_PRIVATE_ADDRESSES,
      },
    },
  };
}
