// Creates a tenant with an API key and agents (each with a console login) through the app's own client.
import { hashPassword } from '@switchboard/auth';
import { generateApiKey, type PrismaClient } from '@switchboard/persistence';
import { randomBytes } from 'node:crypto';

export interface AgentFixture {
  id: string;
  email: string;
  password: string;
}

export interface TenantFixture {
  id: string;
  slug: string;
  apiKey: string;
  agents: AgentFixture[];
}

export interface AgentSpec {
  name: string;
  skills?: Record<string, number>;
  languages?: string[];
  capacity?: Record<string, number>;
}

export async function createTenantFixture(
  prisma: PrismaClient,
  agents: AgentSpec[] = [{ name: 'alice' }],
  options: { channels?: string[] } = {},
): Promise<TenantFixture> {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const tenant = await prisma.tenant.create({ data: { slug, name: `Tenant ${slug}` } });
  const key = generateApiKey();
  await prisma.apiKey.create({
    data: {
      tenantId: tenant.id,
      name: 'test',
      prefix: key.prefix,
      secretHash: key.secretHash,
      channels: options.channels ?? [],
    },
  });
  const password = 'correct horse battery staple';
  const passwordHash = await hashPassword(password);
  const created: AgentFixture[] = [];
  for (const spec of agents) {
    const email = `${spec.name}@${slug}.test`;
    const agent = await prisma.agent.create({
      data: {
        tenantId: tenant.id,
        displayName: spec.name,
        email,
        skills: spec.skills ?? {},
        languages: spec.languages ?? ['en'],
        capacity: spec.capacity ?? { chat: 2, email: 3, social: 2, voice: 1 },
      },
    });
    await prisma.user.create({
      data: { tenantId: tenant.id, email, passwordHash, role: 'agent', agentId: agent.id },
    });
    created.push({ id: agent.id, email, password });
  }
  return { id: tenant.id, slug, apiKey: key.key, agents: created };
}
