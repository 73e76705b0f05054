// First run of the embedded default: seed a demo tenant so a newcomer can log in and send a contact at once.
// Deployments on Postgres seed explicitly (`npm run db:seed`), so this never touches a real database.
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ROOT_LOGGER } from '@switchboard/observability';
import { DEMO_EMAIL_DOMAIN, InjectPrisma, seedDemoTenant, type PrismaClient } from '@switchboard/persistence';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';

export const DEMO_PASSWORD = 'switchboard';

@Injectable()
export class DemoTenantBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { database } = this.config;
    if (database.kind !== 'pglite' || !this.config.seedDemo) return;
    if ((await this.prisma.tenant.count()) > 0) return;
    const result = await seedDemoTenant(this.prisma, { password: DEMO_PASSWORD });
    const lines = [
      `Demo tenant "demo" seeded: ${result.agents} agents, ${result.queues} queues.`,
      `Console logins (tenant "demo"): agent1@${DEMO_EMAIL_DOMAIN} .. agent${result.agents}@${DEMO_EMAIL_DOMAIN}, password "${DEMO_PASSWORD}"`,
      `Integrator API key: ${result.apiKey ?? '(existing)'}`,
    ];
    if (!database.dataDir.startsWith('memory://')) {
      // Kept next to the data so the key is not lost with the terminal scrollback.
      const file = join(dirname(database.dataDir), 'demo-credentials.txt');
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
      lines.push(`(saved to ${file})`);
    }
    this.logger.info({ tenantId: result.tenantId }, lines.join('\n'));
  }
}
