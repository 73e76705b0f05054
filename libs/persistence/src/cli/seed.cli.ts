// `seed`: migrates, then converges the demo tenant (routing configuration, agents, logins, an integrator key).
// New logins get random passwords per role, printed once; existing ones keep theirs. For tests and load tools,
// SEED_DEMO_PASSWORD pins every login's password and SEED_DEMO_API_KEY pins the key.
import { describeDatabaseTarget, resolveDatabaseTarget } from '../database-target';
import { openDatabase } from '../prisma-client.factory';
import { DEMO_EMAIL_DOMAIN, DEMO_TENANT } from '../seed/demo-tenant.data';
import { type SeedResult, samePasswordForAll, seedDemoTenant } from '../seed/demo-seed.service';
import { cliLogger, printLine, runCommand } from './cli-output.util';

runCommand('seed', async () => {
  const target = resolveDatabaseTarget(process.env);
  const database = openDatabase(target);
  try {
    printLine(`Seeding ${describeDatabaseTarget(target)}`);
    await database.migrate({ logger: cliLogger });
    const pinnedPassword = process.env.SEED_DEMO_PASSWORD;
    const result = await seedDemoTenant(database.prisma, {
      ...(pinnedPassword ? { passwords: samePasswordForAll(pinnedPassword) } : {}),
      apiKey: process.env.SEED_DEMO_API_KEY || undefined,
    });
    printLine(
      `Tenant "${DEMO_TENANT.slug}" (${result.tenantId}): ${result.queues} queues, ${result.agents} agents, ` +
        `${result.users} logins, ${result.teams} teams, ${result.skills} skills, ` +
        `${result.routingPolicies} routing and ${result.slaPolicies} SLA policies, ${result.inboxes} inboxes`,
    );
    printLine(
      `Logins: agent1..agent${result.agents}@${DEMO_EMAIL_DOMAIN}, supervisor@${DEMO_EMAIL_DOMAIN}, admin@${DEMO_EMAIL_DOMAIN}`,
    );
    printLine(describePasswords(result, pinnedPassword !== undefined && pinnedPassword !== ''));
    printLine(describeApiKey(result));
  } finally {
    await database.close();
  }
});

function describePasswords(result: SeedResult, pinned: boolean): string {
  if (pinned) return 'Passwords: every login uses SEED_DEMO_PASSWORD';
  if (!result.passwords) return 'Passwords: unchanged (every login already existed)';
  const { admin, supervisor, agent } = result.passwords;
  return (
    'Passwords of the logins this run created (shown once, store them now): ' +
    `admin ${admin}, supervisor ${supervisor}, agents ${agent}`
  );
}

function describeApiKey(result: SeedResult): string {
  switch (result.apiKeySource) {
    case 'created':
      return `Integrator API key (shown once, store it now): ${result.apiKey ?? ''}`;
    case 'pinned':
      return `Integrator API key from SEED_DEMO_API_KEY: prefix ${result.apiKeyPrefix}`;
    case 'existing':
      return `Integrator API key ${result.apiKeyPrefix} already exists; set SEED_DEMO_API_KEY to pin a known key.`;
  }
}
