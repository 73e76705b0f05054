// Idempotent demo seed: every run converges the demo tenant to the same routing configuration, agents,
// teams and logins, and leaves an integrator API key in place unless a specific one is requested.
import { type GeneratedApiKey, generateApiKey, hashApiKey, parseApiKey } from '../api-key.util';
import type { PrismaClient } from '../generated/prisma/client';
import { seedPeople } from './demo-people.seeder';
import { seedRoutingConfiguration } from './demo-routing.seeder';
import { DEMO_API_KEY_NAME, DEMO_TENANT } from './demo-tenant.data';
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
  readonly skills: number;
  readonly teams: number;
  readonly routingPolicies: number;
  readonly slaPolicies: number;
  readonly inboxes: number;
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
  const routing = await seedRoutingConfiguration(prisma, tenant.id);
  // One hash for all logins: argon2 is deliberately slow, and the seed password is shared anyway.
  const passwordHash = await hashSeedPassword(options.password);
  const people = await seedPeople(prisma, tenant.id, passwordHash);
  const apiKey = await seedApiKey(prisma, tenant.id, options.apiKey);
  return {
    tenantId: tenant.id,
    ...routing,
    ...people,
    apiKey: apiKey.key,
    apiKeyPrefix: apiKey.prefix,
    apiKeySource: apiKey.source,
  };
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
