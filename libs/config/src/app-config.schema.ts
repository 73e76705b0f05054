// Every environment variable Switchboard reads, validated once at boot.
import { ChannelSchema } from '@switchboard/contracts';
import { z } from 'zod';

const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port')).min(1));

/** Browser origins (scheme://host[:port]) allowed to call the API and open sockets besides the server's own. */
const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim().replace(/\/$/, ''))
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().regex(/^https?:\/\/[^/\s?#]+$/, 'each origin must be scheme://host[:port], no path')),
  );

/** Channels, comma-separated; empty (the default) names none. */
/** A comma-separated channel list; an empty value means none, an unset one the default. */
const channelList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ChannelSchema));

const perWindow = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback unless told otherwise: a laptop's engine is not for the network. The image sets 0.0.0.0. */
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: commaList.optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('switchboard'),
  /** Router input topics must share this count; it caps how many routers can share the tenants. */
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  /** Prefix for every topic name, so several environments can share one cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only')
    .default(''),
  ROUTER_GROUP_ID: z.string().min(1).default('switchboard-router'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
  MIGRATE_ON_BOOT: boolean.optional(),
  /** Embedded default only: seed a demo tenant into an empty database on first start. */
  SEED_DEMO: boolean.default(true),
  /**
   * Tests and load tools only: every demo login gets this password instead of a random one per installation.
   */
  SEED_DEMO_PASSWORD: z.string().min(8).max(256).optional(),
  /** Tests and load tools only: the demo integrator key, instead of a random one per installation. */
  SEED_DEMO_API_KEY: z
    .string()
    .regex(/^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/, 'must look like sb_<12 lowercase hex>_<43 base64url>')
    .optional(),
  /** URL fields (attachment links) accept http: as well as https:. */
  ALLOW_HTTP_URLS: boolean.default(false),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Lifetime of a console access token; the console renews it with its refresh token before it ends. */
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(2)
    .max(7 * 24 * 3600)
    .default(15 * 60),
  /** Idle lifetime of a session's refresh token; every refresh rotates the token and restarts it. */
  AUTH_REFRESH_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 24 * 3600)
    .default(7 * 24 * 3600),
  /** How long a process may trust its last answer to "is this session still live?" (REST and sockets). */
  AUTH_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(30_000).default(2000),
  /**
   * Days a revoked or lapsed session (and a rotated refresh token) is kept before it is pruned: long enough
   * to investigate a sign-in, and to recognise a replayed refresh token as theft.
   */
  AUTH_SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** How often each gateway prunes sessions past AUTH_SESSION_RETENTION_DAYS. */
  AUTH_SESSION_PRUNE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /**
   * Express `trust proxy`: which proxies may set X-Forwarded-For, so per-IP limits see the client's address.
   * Unset trusts none (the socket's peer address is the client).
   */
  TRUST_PROXY: z.string().min(1).optional(),
  /** Extra browser origins for REST and socket.io; empty means same-origin only. */
  CORS_ORIGINS: originList.default([]),
  /**
   * Sites that embed the web-chat widget: they may create visitor sessions and open the `/visitors`
   * namespace, and nothing else (not the agents' namespace, not the console API).
   */
  CHAT_ORIGINS: originList.default([]),
  /** How long a visitor token stays valid; the widget renews it on every visit, so it is a bound on idleness. */
  CHAT_VISITOR_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 86_400)
    .default(30 * 86_400),
  /** The estimated wait per queue position when the queue has no recent assignments to measure. */
  CHAT_DEFAULT_WAIT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /** Login attempts per client IP per minute (a whole office behind one address), per gateway instance. */
  RATE_LIMIT_LOGIN_PER_MINUTE: perWindow(600),
  /** Failed logins in a row for one account (tenant + email) before each further attempt has to wait. */
  LOGIN_BACKOFF_AFTER_FAILURES: perWindow(5),
  /** The longest wait the login back-off grows to (1 s, 2 s, 4 s ... up to this). */
  LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Ingested messages per API key per second, per gateway instance. */
  RATE_LIMIT_INGEST_PER_SECOND: perWindow(2000),
  /** HTTP requests per client IP per second, counted before authentication, per gateway instance. */
  RATE_LIMIT_IP_PER_SECOND: perWindow(2000),
  /**
   * Failed authentications (401) per presented API key or bearer token per minute. Past it, that credential
   * is refused before authentication until the minute is over.
   */
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: perWindow(10),
  /** REST requests per signed-in user per minute (the admin and read API), per gateway instance. */
  RATE_LIMIT_API_PER_MINUTE: perWindow(1200),
  /** Socket events per connection per second. */
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: perWindow(10),
  /** Socket events per user per second, across all of that user's connections to one gateway. */
  RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: perWindow(20),
  /** Largest socket message (bytes); socket.io's transport buffer is four times this. */
  SOCKET_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(16 * 1024),
  /** Open socket connections per user, per gateway instance. */
  SOCKET_MAX_CONNECTIONS_PER_USER: perWindow(5),
  /** A reconnecting console further behind than this many of its tenant's events reloads its snapshot instead. */
  CONSOLE_REPLAY_WINDOW: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  /** How long a console's `command` waits for the router's outcome before it is answered OUTCOME_UNKNOWN. */
  COMMAND_ACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** socket.io heartbeat: a ping this often, and a connection that misses the pong this long is dropped. */
  SOCKET_PING_INTERVAL_MS: z.coerce.number().int().min(1000).max(300_000).default(25_000),
  SOCKET_PING_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  /** How long an agent may have no console connected before they are made away and their offers re-routed. */
  PRESENCE_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** How often each gateway tells the router which agents it holds (its lease's renewal). */
  PRESENCE_HEARTBEAT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  /** How long a gateway's heartbeat holds: a gateway silent this long has its agents counted as gone. */
  PRESENCE_LEASE_MS: z.coerce.number().int().min(1000).max(1_800_000).default(30_000),
  /** Ingest answers 503 with Retry-After while the router's unconsumed inbound backlog is above this. */
  INGEST_MAX_BACKLOG: z.coerce.number().int().min(1).default(50_000),
  /** The in-process bus refuses to hold more unconsumed records than this per topic (embedded default). */
  BUS_MAX_BACKLOG: z.coerce.number().int().min(1).default(100_000),
  /**
   * The router writes at most this many records in one transaction; bigger batches are split. Unset: 2,000 on
   * PostgreSQL, where bigger transactions cost less CPU per record (docs/performance.md), and 500 on PGlite,
   * whose one thread also serves the HTTP edge while a transaction runs.
   */
  ROUTER_BATCH_MAX_RECORDS: z.coerce.number().int().min(1).max(10_000).optional(),
  /** A router transaction that runs longer than this is rolled back and retried smaller. */
  ROUTER_TX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Fault injection for the fault tests: the router kills itself (SIGKILL) right after committing the first
   * batch that holds an event of this type, before publishing it. Never set it in production.
   */
  FAULT_CRASH_AFTER_COMMIT: z
    .string()
    .regex(/^[a-z.-]+$/)
    .optional(),
  /** Email in: run the SMTP server in the gateway role. */
  SMTP_ENABLED: boolean.default(true),
  /** SMTP listening port, bound to HOST; 0 picks a free port (tests). */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Largest message the SMTP server takes (advertised with SIZE; a bigger one gets 552). */
  SMTP_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Email out: where replies are handed over, e.g. smtp://relay.example.com:587 or smtps://user:pass@host. */
  SMTP_RELAY_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Attachment blobs: a local directory (created on first use). */
  BLOB_DIR: z.string().min(1).default('.data/blobs'),
  /** Largest attachment kept as a blob; a bigger one keeps only its metadata. */
  BLOB_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Consumer group of the outbound dispatchers; unset, `switchboard-outbound` under KAFKA_TOPIC_PREFIX. */
  OUTBOUND_GROUP_ID: z.string().min(1).optional(),
  /** Attempts per reply send, the first included, before it is failed and dead-lettered. */
  OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  /** First retry delay ceiling; each retry doubles it (full jitter) up to OUTBOUND_RETRY_MAX_DELAY_MS. */
  OUTBOUND_RETRY_INITIAL_DELAY_MS: z.coerce.number().int().min(1).max(600_000).default(500),
  OUTBOUND_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  /** No retry of a send starts later than this after its first attempt. */
  OUTBOUND_RETRY_BUDGET_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Conversations each dispatcher sends for at the same time. */
  OUTBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** Timeout of one HTTP call to a platform's send API. */
  OUTBOUND_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** WhatsApp Cloud API base, version included: replies go to {base}/{phone-number-id}/messages. */
  WHATSAPP_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com/v21.0'),
  /** Meta Graph API base for Messenger and Instagram: replies go to {base}/{page-id}/messages. */
  META_GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com/v21.0'),
  /** X API base: DMs go to {base}/2/dm_conversations/with/{participant-id}/messages. */
  X_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.x.com'),
  /**
   * 32 bytes, base64: the AES-256-GCM key that seals inbox secrets. The embedded default generates one in the
   * data directory; on PostgreSQL without it, inboxes cannot hold secrets.
   */
  SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v.trim(), /[-_]/.test(v) ? 'base64url' : 'base64').length === 32, {
      message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    })
    .optional(),
  /** How long POST /v1/contacts remembers an Idempotency-Key and its first answer. */
  IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Inbound webhooks: days a delivery (raw body, outcome, message ids) is kept for the admin log. */
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Largest webhook body taken (a bigger one gets 413); at most the JSON body limit of 1 MiB. */
  WEBHOOK_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(512 * 1024),
  /** How often expired webhook deliveries are pruned. */
  WEBHOOK_PRUNE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  /** Longest one media download of a webhook delivery may take (the lookup and the content together). */
  WEBHOOK_MEDIA_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * Webhook media may be fetched from loopback, private and link-local addresses. Off: a platform payload is
   * signed with a secret the tenant's admin sets, so its URLs must not reach inside the network.
   */
  WEBHOOK_MEDIA_ALLOW_PRIVATE_ADDRESSES: boolean.default(false),
  /**
   * All media of one delivery are fetched within this, before it is answered: well inside the time Meta
   * waits for the answer and the 60 s after which a message-id claim is taken over (ADR 0022).
   */
  WEBHOOK_MEDIA_BUDGET_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  /**
   * Minutes after a conversation is resolved during which the customer writing again on the same channel (and
   * thread) reopens it, offered first to the agent who had it; 0 always opens a new conversation. The default
   * of a day matches the routing core's stickiness window: a follow-up the next morning is usually the same
   * matter and the same agent is likely on shift again, while older contacts are new business. Fractions are
   * allowed (tests use a window of milliseconds).
   */
  REOPEN_WINDOW_MINUTES: z.coerce
    .number()
    .min(0)
    .max(30 * 24 * 60)
    .default(24 * 60),
  /**
   * Channels whose customers get an auto-acknowledgement with their estimated wait when they are left
   * waiting (comma-separated, e.g. `chat,email`; empty turns it off). Chat by default: the widget shows it
   * at no cost, while email and social acknowledgements are the tenant's choice.
   */
  AUTO_ACK_CHANNELS: channelList('chat'),
  /** The acknowledgement; `{wait}` becomes "about 4 minutes", "about 1 minute" or "less than a minute". */
  AUTO_ACK_TEMPLATE: z.string().min(1).max(2000).optional(),
  /** Said instead when no honest estimate exists (nobody serving the queue, no handle history yet). */
  AUTO_ACK_UNKNOWN_TEXT: z.string().min(1).max(2000).optional(),
  /** Channels whose customers get a CSAT survey after resolution (comma-separated; chat by default, empty: none). */
  CSAT_CHANNELS: channelList('chat'),
  /** The survey's text. */
  CSAT_SURVEY_TEXT: z.string().min(1).max(2000).optional(),
  /**
   * The gateway's public origin (e.g. https://support.example): email surveys then carry a signed link to its
   * answer page, `/v1/csat/<token>`. Unset: email surveys carry no link.
   */
  CSAT_LINK_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Least time between two live queue-stats records of one tenant; changes within it are coalesced. */
  QUEUE_STATS_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /**
   * How often the router republishes every tenant's queue stats without a change, so the longest wait keeps
   * growing on wallboards while nothing happens.
   */
  QUEUE_STATS_REFRESH_MS: z.coerce.number().int().min(1000).max(600_000).default(5000),
  /** Seconds an agent has to answer an offer before it times out; queues may override per channel later. */
  OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
});
export type Env = z.infer<typeof EnvSchema>;
