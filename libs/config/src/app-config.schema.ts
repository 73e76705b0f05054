// Every environment variable Switchboard reads, validated once at boot.
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
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  /** Login attempts per client IP per minute, per gateway instance. */
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Ingested messages per API key per second, per gateway instance. */
  RATE_LIMIT_INGEST_PER_SECOND: z.coerce.number().int().min(1).default(2000),
  /** Ingest answers 503 with Retry-After while the router's unconsumed inbound backlog is above this. */
  INGEST_MAX_BACKLOG: z.coerce.number().int().min(1).default(50_000),
  /** The in-process bus refuses to hold more unconsumed records than this per topic (embedded default). */
  BUS_MAX_BACKLOG: z.coerce.number().int().min(1).default(100_000),
  /** The router writes at most this many records in one transaction; bigger batches are split. */
  ROUTER_BATCH_MAX_RECORDS: z.coerce.number().int().min(1).max(10_000).default(500),
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
  /** Seconds an agent has to answer an offer before it times out; queues may override per channel later. */
  OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
});
export type Env = z.infer<typeof EnvSchema>;
