// Prisma 7 CLI configuration: the schema, the committed migrations, and the database URL for CLI commands.
// The application never reads this file; it connects through driver adapters (libs/persistence).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx libs/persistence/src/cli/seed.cli.ts',
  },
  // Optional so `prisma generate`/`validate` work without a database.
  datasource: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : undefined,
});
