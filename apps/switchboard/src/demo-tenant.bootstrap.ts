// First run of the embedded default: seed a demo tenant so a newcomer can log in and send a contact at once.
// Its passwords and key are random per installation: shown once on the terminal and kept in an owner-only
// file, never in the JSON logs. Deployments on Postgres seed explicitly (`npm run db:seed`).
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ROOT_LOGGER } from '@switchboard/observability';
import {
  DEMO_AGENT_COUNT,
  DEMO_TENANT_SLUG,
  demoCredentialsPath,
  formatDemoCredentials,
  generateApiKey,
  InjectPrisma,
  randomDemoInboxCredentials,
  randomDemoPasswords,
  SecretVault,
  samePasswordForAll,
  seedDemoTenant,
  writeDemoCredentialsFile,
  type DemoCredentials,
  type PrismaClient,
} from '@switchboard/persistence';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';

export interface SeededNoticeInput {
  readonly credentialsText: string;
  /** The credentials file; undefined on a memory:// database. */
  readonly file: string | undefined;
  /** stderr is a terminal. */
  readonly interactive: boolean;
  /** SEED_DEMO_PASSWORD and SEED_DEMO_API_KEY set them: whoever started the engine knows them already. */
  readonly pinned: boolean;
}

/**
 * What the person who started the engine is told after seeding. The secrets are shown only on a terminal, or
 * when there is no file to read them from: a non-interactive stderr usually ends up in a log collector too.
 */
export function seededNotice({ credentialsText, file, interactive, pinned }: SeededNoticeInput): string {
  const where = file ? ` (${file}, readable by you only)` : '';
  if (pinned) return `Demo tenant seeded with SEED_DEMO_PASSWORD and SEED_DEMO_API_KEY${where}.`;
  if (!file)
    return `\nDemo tenant seeded. Not saved (PGLITE_DATA_DIR is memory://): copy it now.\n${credentialsText}`;
  if (!interactive) return `Demo tenant seeded. Its credentials are in ${file} (readable by you only).`;
  return `\nDemo tenant seeded. Saved to ${file} (readable by you only); not shown again.\n${credentialsText}`;
}

/** Human-facing text for the person at the terminal: stderr, so it never mixes with the JSON logs on stdout. */
function tellTerminal(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

@Injectable()
export class DemoTenantBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly vault: SecretVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { database } = this.config;
    if (database.kind !== 'pglite' || !this.config.seedDemo) return;
    const file = database.dataDir.startsWith('memory://')
      ? undefined
      : resolve(demoCredentialsPath(database.dataDir));
    if ((await this.prisma.tenant.count()) > 0) {
      // Already seeded: the database holds the credentials, so they are never regenerated.
      if (file && existsSync(file)) tellTerminal(`Demo credentials: ${file}`);
      return;
    }
    await this.seed(file);
  }

  /** Where a newcomer on this machine reaches the engine; a wildcard bind is reached on loopback. */
  private baseUrl(): string {
    const { host, port } = this.config.http;
    const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
  }

  private async seed(file: string | undefined): Promise<void> {
    const pinned = this.config.demoCredentials;
    const credentials: DemoCredentials = {
      tenant: DEMO_TENANT_SLUG,
      agents: DEMO_AGENT_COUNT,
      passwords: pinned.password ? samePasswordForAll(pinned.password) : randomDemoPasswords(),
      apiKey: pinned.apiKey ?? generateApiKey().key,
      inboxes: randomDemoInboxCredentials(),
      baseUrl: this.baseUrl(),
    };
    // The file first, so whatever part of the seed lands can be logged into; written after, a crash in
    // between would leave credentials nobody can read.
    if (file) await writeDemoCredentialsFile(file, credentials);
    const result = await seedDemoTenant(this.prisma, {
      passwords: credentials.passwords,
      apiKey: credentials.apiKey,
      inboxes: { sealer: this.vault, credentials: credentials.inboxes ?? [] },
    });
    // Counts and where to look only: the secrets stay out of anything a log pipeline collects.
    this.logger.info(
      {
        tenantId: result.tenantId,
        agents: result.agents,
        queues: result.queues,
        inboxes: result.inboxes,
        credentialsFile: file ?? null,
      },
      'Demo tenant "demo" seeded',
    );
    tellTerminal(
      seededNotice({
        credentialsText: formatDemoCredentials(credentials),
        file,
        interactive: process.stderr.isTTY === true,
        pinned: pinned.password !== undefined && pinned.apiKey !== undefined,
      }),
    );
  }
}
