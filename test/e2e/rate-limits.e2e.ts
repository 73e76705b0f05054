// Login and ingest are rate-limited, and the limit answers with a problem+json 429, not a dropped request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('rate limits (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      RATE_LIMIT_LOGIN_PER_MINUTE: '3',
      RATE_LIMIT_INGEST_PER_SECOND: '5',
    });
    tenant = await createTenantFixture(harness.prisma);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('limits login attempts per client', async () => {
    const attempt = () =>
      fetch(`${harness.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: tenant.slug, email: tenant.agents[0].email, password: 'wrong' }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });

  it('limits ingest per API key, answering 429 for what it did not accept', async () => {
    const send = (i: number) =>
      fetch(`${harness.url}/v1/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
        body: JSON.stringify({
          channel: 'chat',
          channelMessageId: `burst-${i}`,
          from: { address: 'x@y.z' },
          body: 'hi',
          sentAt: new Date().toISOString(),
        }),
      });
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i).then((r) => r.status)));
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    // Everything that got a 202 is stored; nothing refused was half-accepted.
    await expect
      .poll(() => harness.prisma.message.count({ where: { tenantId: tenant.id, direction: 'inbound' } }))
      .toBe(5);
  });
});
