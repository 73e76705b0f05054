// Hostile path parameters on every operation the OpenAPI document lists: NUL, an unpaired surrogate, invalid
// percent-encoding, an injection string and an overlong id each get a 4xx problem+json from an admin's call
// (a 404 for an id that names nothing), never a 5xx. Ids reach PostgreSQL queries; this is where a 500 hid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  encodeURIComponent('\uFFFD') + '%ED%A0%80',
  '%ED%A0%80',
  '%E0%A4%A',
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent('../../etc/passwd'),
  'x'.repeat(5000),
];

interface Operation {
  method: string;
  path: string;
}

describe('hostile path parameters on every operation (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let token: string;
  let operations: Operation[];

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      RATE_LIMIT_IP_PER_SECOND: '1000000',
      RATE_LIMIT_API_PER_MINUTE: '1000000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    });
    tenant = await createTenantFixture(harness.prisma);
    token = (await ApiClient.as(harness.url, harness.prisma, tenant, 'admin')).token ?? '';
    const document = (await (await fetch(`${harness.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, methods]) =>
        Object.keys(methods)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => ({ method: method.toUpperCase(), path })),
      );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('finds the operations with path parameters', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/agents/{id}', 'DELETE /v1/users/{id}']),
    );
  });

  it('answers every hostile parameter with a 4xx problem+json, never a 5xx', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      for (const segment of HOSTILE_SEGMENTS) {
        const path = operation.path.replace(/\{[^}]+\}/g, segment);
        const response = await fetch(`${harness.url}${path}`, {
          method: operation.method,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-api-key': tenant.apiKey,
          },
          body: operation.method === 'GET' || operation.method === 'DELETE' ? undefined : '{}',
        });
        const type = response.headers.get('content-type') ?? '';
        await response.arrayBuffer();
        if (response.status < 400 || response.status >= 500 || !type.includes('application/problem+json'))
          failures.push(
            `${operation.method} ${operation.path} [${segment.slice(0, 20)}] -> ${response.status} ${type}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
  });
});
