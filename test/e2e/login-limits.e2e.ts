// A 300-agent office behind one address can start its shift at once, while guessing one account's password
// meets a back-off that grows with every failure and clears on success. Default limits throughout.
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const OFFICE = 300;
const PASSWORD = 'office-password';

describe('login limits (embedded, default limits)', () => {
  let harness: Harness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    harness = await startHarness('embedded');
    tenant = await createTenantFixture(harness.prisma, [{ name: 'target' }, { name: 'bystander' }]);
    // A cheap hash (1 MiB, one pass) so 300 verifications fit a test; the login path itself is the real one.
    const passwordHash = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 1024,
      timeCost: 1,
    });
    const agents = await harness.prisma.agent.createManyAndReturn({
      data: Array.from({ length: OFFICE }, (_, i) => ({
        tenantId: tenant.id,
        displayName: `office ${i}`,
        email: `office-${i}@${tenant.slug}.test`,
        skills: {},
        languages: ['en'],
        capacity: { chat: 1 },
      })),
    });
    await harness.prisma.user.createMany({
      data: agents.map((agent) => ({
        tenantId: tenant.id,
        email: agent.email,
        passwordHash,
        role: 'agent' as const,
        agentId: agent.id,
      })),
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const login = (email: string, password: string) =>
    fetch(`${harness.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: tenant.slug, email, password }),
    });

  it('lets 300 agents behind one address sign in at once', async () => {
    const statuses = await Promise.all(
      Array.from({ length: OFFICE }, (_, i) =>
        login(`office-${i}@${tenant.slug}.test`, PASSWORD).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(OFFICE);
  });

  it('makes repeated wrong passwords for one account wait longer and longer, and clears on success', async () => {
    const target = tenant.agents[0];
    const attempt = async (password = 'wrong') => {
      const response = await login(target.email, password);
      return { status: response.status, retryAfter: Number(response.headers.get('retry-after')), response };
    };
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);

    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await attempt();
      expect(refused.status).toBe(429);
      expect(refused.response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await refused.response.json()) as { code: string }).code).toBe('RATE_LIMITED');
      waits.push(refused.retryAfter);
      // Another account from the same address is not held up by this one's back-off.
      if (round === 0) expect((await login(tenant.agents[1].email, target.password)).status).toBe(200);
      // Wait out the back-off, then fail once more: the next wait is twice as long.
      await new Promise((resolve) => setTimeout(resolve, refused.retryAfter * 1000));
      if (round < 2) expect((await attempt()).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);

    // The right password after the wait signs in and clears the count: the next mistake is a plain 401.
    expect((await attempt(target.password)).status).toBe(200);
    expect((await attempt()).status).toBe(401);
  });
});
