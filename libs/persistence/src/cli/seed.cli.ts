// `seed`: migrates, then converges the demo tenant (routing configuration, agents, logins, an integrator key).
// New logins get random passwords per role, printed once; existing ones keep theirs. For tests and load tools,
// SEED_DEMO_PASSWORD pins every login's password and SEED_DEMO_API_KEY pins the key.
import { describeDatabaseTarget, resolveDatabaseTarget } from '../database-target';
import { openDatabase } from '../prisma-client.factory';
import { SecretVault } from '../secrets/secret-vault';
import { randomDemoInboxCredentials } from '../seed/demo-inboxes.seeder';
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
    const vault = new SecretVault(process.env.SECRETS_KEY || undefined, target);
    const sealing = await vault.available();
    const result = await seedDemoTenant(database.prisma, {
      ...(pinnedPassword ? { passwords: samePasswordForAll(pinnedPassword) } : {}),
      apiKey: process.env.SEED_DEMO_API_KEY || undefined,
      ...(sealing ? { inboxes: { sealer: vault, credentials: randomDemoInboxCredentials() } } : {}),
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
    if (!sealing) printLine('Inboxes got no secrets: set SECRETS_KEY (32 bytes, base64) to seal them.');
    for (const inbox of result.createdInboxes) {
      const secrets = Object.entries(inbox.secrets).map(([name, value]) => `${name} ${value}`);
      // Shown once, like the passwords: only the sealed form is stored.
      if (secrets.length > 0) printLine(`Inbox ${inbox.channel} ${inbox.id}: ${secrets.join(', ')}`);
    }
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
