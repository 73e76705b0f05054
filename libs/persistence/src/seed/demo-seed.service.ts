// Idempotent demo seed: every run converges the demo tenant to the same queues, agents and logins,
// and leaves an integrator API key in place unless a specific one is requested.
import { type GeneratedApiKey, generateApiKey, hashApiKey, parseApiKey } from '../api-key.util';
import type { PrismaClient } from '../generated/prisma/client';
import {
  DEMO_AGENTS,
  DEMO_API_KEY_NAME,
  DEMO_EMAIL_DOMAIN,
  DEMO_QUEUES,
  DEMO_STAFF,
  DEMO_TENANT,
  demoAgentEmail,
} from './demo-tenant.data';
import { hashSeedPassword } from './password-hash.util';

export interface SeedOptions {
  /** Console password for every seeded login. */
  readonly password: string;
  /** A fixed integrator key (`sb_<12 hex>_<43 base64url>`), so tests and local tools can know it. */
  readonly apiKey?: string;
}

export type ApiKeySource = 'created' | 'pinned' | 'existing';

export interface SeedResult {
  readonly tenantId: string;
  readonly queues: number;
  readonly agents: number;
  readonly users: number;
  /** The full key when this run created or pinned it; null when an existing key was kept. */
  readonly apiKey: string | null;
  readonly apiKeyPrefix: string;
  readonly apiKeySource: ApiKeySource;
}

export async function seedDemoTenant(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult> {
  const tenant = await prisma.tenant.upsert({
    where: { slug: DEMO_TENANT.slug },
    create: { ...DEMO_TENANT },
    update: { name: DEMO_TENANT.name },
  });
  for (const queue of DEMO_QUEUES) {
    await prisma.queue.upsert({
      where: { tenantId_name: { tenantId: tenant.id, name: queue.name } },
      create: { tenantId: tenant.id, name: queue.name, policy: queue.policy },
      update: { policy: queue.policy },
    });
  }
  // One hash for all logins: argon2 is deliberately slow, and the seed password is shared anyway.
  const passwordHash = await hashSeedPassword(options.password);
  const agentIds = await seedAgents(prisma, tenant.id, passwordHash);
  for (const staff of DEMO_STAFF) {
    const email = `${staff.local}@${DEMO_EMAIL_DOMAIN}`;
    await prisma.user.upsert({
      where: { tenantId_email: { tenantId: tenant.id, email } },
      create: { tenantId: tenant.id, email, passwordHash, role: staff.role },
      update: { passwordHash, role: staff.role },
    });
  }
  const apiKey = await seedApiKey(prisma, tenant.id, options.apiKey);
  return {
    tenantId: tenant.id,
    queues: DEMO_QUEUES.length,
    agents: agentIds.length,
    users: agentIds.length + DEMO_STAFF.length,
    apiKey: apiKey.key,
    apiKeyPrefix: apiKey.prefix,
    apiKeySource: apiKey.source,
  };
}

async function seedAgents(prisma: PrismaClient, tenantId: string, passwordHash: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, agent] of DEMO_AGENTS.entries()) {
    const email = demoAgentEmail(index);
    const profile = {
      displayName: agent.displayName,
      skills: { ...agent.skills },
      languages: [...agent.languages],
      capacity: { ...agent.capacity },
      maxUnits: agent.maxUnits,
    };
    // Status is left alone on re-runs: it belongs to the live agent, not to the seed.
    const row = await prisma.agent.upsert({
      where: { tenantId_email: { tenantId, email } },
      create: { tenantId, email, ...profile },
      update: profile,
    });
    await prisma.user.upsert({
      where: { tenantId_email: { tenantId, email } },
      create: { tenantId, email, passwordHash, role: 'agent', agentId: row.id },
      update: { passwordHash, role: 'agent', agentId: row.id },
    });
    ids.push(row.id);
  }
  return ids;
}

async function seedApiKey(
  prisma: PrismaClient,
  tenantId: string,
  pinned: string | undefined,
): Promise<{ key: string | null; prefix: string; source: ApiKeySource }> {
  if (pinned !== undefined) {
    const parsed = parseApiKey(pinned);
    if (!parsed)
      throw new Error('SEED_API_KEY must look like sb_<12 lowercase hex>_<43 base64url characters>');
    const secretHash = hashApiKey(pinned);
    await prisma.apiKey.upsert({
      where: { prefix: parsed.prefix },
      create: { tenantId, name: DEMO_API_KEY_NAME, prefix: parsed.prefix, secretHash, channels: [] },
      update: { tenantId, secretHash, revokedAt: null },
    });
    return { key: pinned, prefix: parsed.prefix, source: 'pinned' };
  }
  const existing = await prisma.apiKey.findFirst({
    where: { tenantId, name: DEMO_API_KEY_NAME, revokedAt: null },
  });
  if (existing) return { key: null, prefix: existing.prefix, source: 'existing' };
  const generated: GeneratedApiKey = generateApiKey();
  await prisma.apiKey.create({
    data: {
      tenantId,
      name: DEMO_API_KEY_NAME,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      channels: [],
    },
  });
  return { key: generated.key, prefix: generated.prefix, source: 'created' };
}
