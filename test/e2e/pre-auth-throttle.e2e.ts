// A flood of bad API keys is throttled before any key is looked up, per client IP and per presented key,
// and the server stays healthy for everyone else.
import { generateApiKey } from '@switchboard/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { httpFrom } from '../support/http-from';

const IP_LIMIT = 40;
const FAILURE_LIMIT = 5;

describe('pre-auth throttling (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      RATE_LIMIT_IP_PER_SECOND: String(IP_LIMIT),
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: String(FAILURE_LIMIT),
    });
    tenant = await createTenantFixture(harness.prisma);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const contact = (id: string): string =>
    JSON.stringify({
      channel: 'chat',
      channelMessageId: id,
      from: { address: 'ana@example.com' },
      body: 'hello',
      sentAt: new Date().toISOString(),
    });

  const ingestFrom = (ip: string, key: string, id: string) =>
    httpFrom(ip, `${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: contact(id),
    });

  it('throttles a flood of random bad keys from one address, and serves other addresses', async () => {
    const flood = await Promise.all(
      Array.from({ length: 200 }, (_, i) => ingestFrom('127.0.0.3', generateApiKey().key, `flood-${i}`)),
    );
    const statuses = flood.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(IP_LIMIT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(200 - IP_LIMIT);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const limited = flood.find((r) => r.status === 429)!;
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((JSON.parse(limited.body) as { code: string }).code).toBe('RATE_LIMITED');

    // Another address is not affected: the server is healthy and a good key still ingests.
    expect((await httpFrom('127.0.0.4', `${harness.url}/health`)).status).toBe(200);
    expect((await ingestFrom('127.0.0.4', tenant.apiKey, 'after-flood')).status).toBe(202);
  });

  it('refuses one bad key before authentication once it has failed too often, not the whole address', async () => {
    const badKey = generateApiKey().key;
    const statuses: number[] = [];
    for (let i = 0; i < FAILURE_LIMIT + 4; i++) {
      statuses.push((await ingestFrom('127.0.0.5', badKey, `bad-${i}`)).status);
    }
    // The failure that goes over the limit still gets its 401; every attempt after it is refused unread.
    expect(statuses).toEqual([...Array<number>(FAILURE_LIMIT + 1).fill(401), ...Array<number>(3).fill(429)]);
    const refused = await ingestFrom('127.0.0.5', badKey, 'bad-last');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Same address, good key: unaffected.
    expect((await ingestFrom('127.0.0.5', tenant.apiKey, 'good-same-ip')).status).toBe(202);
    await expect
      .poll(() => harness.prisma.message.count({ where: { tenantId: tenant.id, direction: 'inbound' } }))
      .toBe(2);
  });

  it('never sees a raw credential in the limiter: a bearer token counts like a key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < FAILURE_LIMIT + 2; i++) {
      const response = await httpFrom('127.0.0.6', `${harness.url}/v1/agents`, {
        headers: { authorization: 'Bearer not-a-real-token' },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, FAILURE_LIMIT + 1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
