// `seed`: migrates, then converges the demo tenant (routing configuration, agents, logins, an integrator key).
// SEED_PASSWORD sets every login's password (default `switchboard`); SEED_API_KEY pins the key.
import { describeDatabaseTarget, resolveDatabaseTarget } from '../database-target';
import { openDatabase } from '../prisma-client.factory';
import { DEMO_EMAIL_DOMAIN, DEMO_TENANT } from '../seed/demo-tenant.data';
import { type SeedResult, seedDemoTenant } from '../seed/demo-seed.service';
import { cliLogger, printLine, runCommand } from './cli-output.util';

const DEFAULT_PASSWORD = 'switchboard';

runCommand('seed', async () => {
  const target = resolveDatabaseTarget(process.env);
  const database = openDatabase(target);
  try {
    printLine(`Seeding ${describeDatabaseTarget(target)}`);
    await database.migrate({ logger: cliLogger });
    const result = await seedDemoTenant(database.prisma, {
      password: process.env.SEED_PASSWORD || DEFAULT_PASSWORD,
      apiKey: process.env.SEED_API_KEY || undefined,
    });
    printLine(
      `Tenant "${DEMO_TENANT.slug}" (${result.tenantId}): ${result.queues} queues, ${result.agents} agents, ` +
        `${result.users} logins, ${result.teams} teams, ${result.skills} skills, ` +
        `${result.routingPolicies} routing and ${result.slaPolicies} SLA policies, ${result.inboxes} inboxes`,
    );
    printLine(
      `Logins: agent1..agent${result.agents}@${DEMO_EMAIL_DOMAIN}, supervisor@${DEMO_EMAIL_DOMAIN}, admin@${DEMO_EMAIL_DOMAIN}`,
    );
    printLine(describeApiKey(result));
  } finally {
    await database.close();
  }
});

function describeApiKey(result: SeedResult): string {
  switch (result.apiKeySource) {
    case 'created':
      return `Integrator API key (shown once, store it now): ${result.apiKey ?? ''}`;
    case 'pinned':
      return `Integrator API key from SEED_API_KEY: prefix ${result.apiKeyPrefix}`;
    case 'existing':
      return `Integrator API key ${result.apiKeyPrefix} already exists; set SEED_API_KEY to pin a known key.`;
  }
}
