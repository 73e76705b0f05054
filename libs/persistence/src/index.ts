// Public surface of @switchboard/persistence: database targets, the Prisma client and its Nest module,
// migrations (through Database.migrate / migrateDatabase), the demo seed, and API-key helpers.
export {
  DEFAULT_PGLITE_DATA_DIR,
  PGLITE_MEMORY,
  describeDatabaseTarget,
  resolveDatabaseTarget,
} from './database-target';
export type { DatabaseTarget, PgliteTarget, PostgresTarget } from './database-target';
export { createPrismaClient, migrateDatabase, openDatabase } from './prisma-client.factory';
export type { Database, MigrateOptions } from './prisma-client.factory';
export { PersistenceModule } from './persistence.module';
export { InjectPrisma, PRISMA_CLIENT, SQL_TRANSACTOR } from './persistence.tokens';
export type { SqlExecutor, SqlTransactor, TransactionOptions } from './sql/sql-transactor';
export type { PersistenceModuleAsyncOptions, PersistenceModuleOptions } from './persistence.module';
export { MigrationError, MigrationErrorCode } from './migrate/migration.exception';
export { PRISMA_MIGRATE_LOCK_KEY } from './migrate/migrate.runner';
export type { MigrationLogger, MigrationReport } from './migrate/migrate.runner';
export { generateApiKey, hashApiKey, parseApiKey, verifyApiKey } from './api-key.util';
export type { GeneratedApiKey } from './api-key.util';
export { Prisma, PrismaClient } from './generated/prisma/client';
export type {
  Agent,
  ApiKey,
  Assignment,
  AuditEntry,
  BusinessHoursCalendar,
  Conversation,
  CsatResponse,
  Customer,
  CustomerIdentity,
  DecisionLog,
  Holiday,
  IdempotencyKey,
  Inbox,
  Message,
  Offer,
  Queue,
  RoutingPolicy,
  Skill,
  SlaEvent,
  SlaPolicy,
  Team,
  TeamMember,
  Tenant,
  User,
} from './generated/prisma/client';
export {
  AgentStatus,
  ConversationStatus,
  MessageDirection,
  OfferStatus,
  SlaEventKind,
  UserRole,
} from './generated/prisma/enums';
export { inboxSecretsContext, randomDemoInboxCredentials } from './seed/demo-inboxes.seeder';
export type { DemoInboxCredentials, InboxSecrets } from './seed/demo-inboxes.seeder';
export { randomDemoPasswords, samePasswordForAll, seedDemoTenant } from './seed/demo-seed.service';
export type { DemoPasswords, SeedOptions, SeedResult } from './seed/demo-seed.service';
export {
  DEMO_CREDENTIALS_FILE_NAME,
  demoCredentialsPath,
  formatDemoCredentials,
  parseDemoCredentials,
  writeDemoCredentialsFile,
} from './seed/demo-credentials.file';
export type { DemoCredentials } from './seed/demo-credentials.file';
export { DEMO_EMAIL_DOMAIN, DEMO_TENANT_SLUG } from './seed/demo-tenant.data';
export { DEMO_AGENT_COUNT } from './seed/demo-agents.data';
export { BusJournalModule, SqlBusJournal } from './bus-journal';
export {
  generateSecretsKey,
  openSecretBox,
  openInboxSecrets,
  parseSecretsKey,
  SECRETS_KEY_BYTES,
  SECRETS_KEY_FILE_NAME,
  SecretBox,
  SecretBoxError,
  secretsKeyPath,
  SecretsUnavailableError,
  SecretVault,
} from './secrets';
export type { SecretSealer, SecretsKeyDatabase } from './secrets';
