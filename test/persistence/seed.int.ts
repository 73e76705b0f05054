// The demo seed converges to the same tenant on every run, with logins the auth layer can verify.
import { verify } from 'argon2';
import { afterEach, describe, expect, it } from 'vitest';
import { generateApiKey, verifyApiKey } from '@switchboard/persistence';
import { seedDemoTenant } from '../../libs/persistence/src/seed/demo-seed.service';
import { createTestDatabase, type TestDatabase } from './test-database';

describe('demo seed', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('is idempotent and keeps a pinned API key verifiable', async () => {
    db = await createTestDatabase();
    const pinned = generateApiKey().key;
    const first = await seedDemoTenant(db.prisma, { password: 'pw-one', apiKey: pinned });
    const second = await seedDemoTenant(db.prisma, { password: 'pw-two', apiKey: pinned });

    expect(second.tenantId).toBe(first.tenantId);
    expect(await db.prisma.tenant.count()).toBe(1);
    expect(await db.prisma.queue.count()).toBe(first.queues);
    expect(await db.prisma.agent.count()).toBe(first.agents);
    expect(await db.prisma.user.count()).toBe(first.users);
    expect(await db.prisma.apiKey.count()).toBe(1);

    const key = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: second.apiKeyPrefix } });
    expect(verifyApiKey(pinned, key.secretHash)).toBe(true);

    const agentUser = await db.prisma.user.findFirstOrThrow({
      where: { email: 'agent1@demo.test' },
      include: { agent: true },
    });
    expect(agentUser.role).toBe('agent');
    expect(agentUser.agent?.displayName).toBe('Ada Lovelace');
    expect(await verify(agentUser.passwordHash, 'pw-two')).toBe(true);
  });

  it('creates a key once and keeps it on later runs', async () => {
    db = await createTestDatabase();
    const first = await seedDemoTenant(db.prisma, { password: 'pw' });
    expect(first.apiKeySource).toBe('created');
    expect(first.apiKey).toMatch(/^sb_/);
    const second = await seedDemoTenant(db.prisma, { password: 'pw' });
    expect(second.apiKeySource).toBe('existing');
    expect(second.apiKeyPrefix).toBe(first.apiKeyPrefix);
    expect(second.apiKey).toBeNull();
  });
});
