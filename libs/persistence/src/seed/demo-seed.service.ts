// Idempotent demo seed: every run converges the demo tenant to the same routing configuration, agents,
// teams and logins, and leaves passwords and the integrator API key in place unless specific ones are requested.
import { randomBytes } from 'node:crypto';
import { type GeneratedApiKey, generateApiKey, hashApiKey, parseApiKey } from '../api-key.util';
import type { PrismaClient } from '../generated/prisma/client';
import { type PasswordHashes, seedPeople } from './demo-people.seeder';
import type { DemoInboxCredentials, DemoInboxSeedOptions } from './demo-inboxes.seeder';
import { seedRoutingConfiguration } from './demo-routing.seeder';
import { DEMO_API_KEY_NAME, DEMO_TENANT } from './demo-tenant.data';
import { hashSeedPassword } from './password-hash.util';

/** One password per role: an agent who knows the agents' password cannot sign in as the admin. */
export interface DemoPasswords {
  readonly agent: string;
  readonly supervisor: string;
  readonly admin: string;
}

export interface SeedOptions {
  /**
   * Pins every login's password on every run (tests and load tools). Without it, logins this run creates get
   * random passwords per role, and logins that already exist keep theirs.
   */
  readonly passwords?: DemoPasswords;
  /** A fixed integrator key (`sb_<12 hex>_<43 base64url>`), so tests and local tools can know it. */
  readonly apiKey?: string;
  /** Seals the demo inboxes' secrets; without it the inboxes are created without secrets. */
  readonly inboxes?: DemoInboxSeedOptions;
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
  /** Inboxes this run created, with the secrets it sealed for them. */
  readonly createdInboxes: readonly DemoInboxCredentials[];
  /** The full key when this run created or pinned it; null when an existing key was kept. */
  readonly apiKey: string | null;
  readonly apiKeyPrefix: string;
  readonly apiKeySource: ApiKeySource;
  /** The pinned passwords, or the random ones given to logins this run created; null when it created none. */
  readonly passwords: DemoPasswords | null;
}

/** The same password for every role: what SEED_DEMO_PASSWORD pins. */
export function samePasswordForAll(password: string): DemoPasswords {
  return { agent: password, supervisor: password, admin: password };
}

/** 120 random bits per role, base64url so a shell one-liner can read it back. */
export function randomDemoPasswords(): DemoPasswords {
  const random = (): string => randomBytes(15).toString('base64url');
  return { agent: random(), supervisor: random(), admin: random() };
}

export async function seedDemoTenant(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult> {
  const tenant = await prisma.tenant.upsert({
    where: { slug: DEMO_TENANT.slug },
    create: { ...DEMO_TENANT },
    update: { name: DEMO_TENANT.name },
  });
  const routing = await seedRoutingConfiguration(prisma, tenant.id, options.inboxes);
  const passwords = options.passwords ?? randomDemoPasswords();
  const hashes = await hashPasswords(passwords);
  const loginsBefore = await prisma.user.count({ where: { tenantId: tenant.id } });
  const people = await seedPeople(prisma, tenant.id, hashes, { overwrite: options.passwords !== undefined });
  const created = (await prisma.user.count({ where: { tenantId: tenant.id } })) > loginsBefore;
  const apiKey = await seedApiKey(prisma, tenant.id, options.apiKey);
  return {
    tenantId: tenant.id,
    ...routing,
    ...people,
    apiKey: apiKey.key,
    apiKeyPrefix: apiKey.prefix,
    apiKeySource: apiKey.source,
    passwords: options.passwords !== undefined || created ? passwords : null,
  };
}

/** One hash per distinct password, not per login: argon2 is deliberately slow. */
async function hashPasswords(passwords: DemoPasswords): Promise<PasswordHashes> {
  const hashed = new Map<string, Promise<string>>();
  const hashOf = (password: string): Promise<string> => {
    const existing = hashed.get(password);
    if (existing) return existing;
    const created = hashSeedPassword(password);
    hashed.set(password, created);
    return created;
  };
  const [agent, supervisor, admin] = await Promise.all([
    hashOf(passwords.agent),
    hashOf(passwords.supervisor),
    hashOf(passwords.admin),
  ]);
  return { agent, supervisor, admin };
}

async function seedApiKey(
  prisma: PrismaClient,
  tenantId: string,
  pinned: string | undefined,
): Promise<{ key: string | null; prefix: string; source: ApiKeySource }> {
  if (pinned !== undefined) {
    const parsed = parseApiKey(pinned);
    if (!parsed)
      throw new Error('SEED_DEMO_API_KEY must look like sb_<12 lowercase hex>_<43 base64url characters>');
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
