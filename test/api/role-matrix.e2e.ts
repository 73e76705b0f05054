// Every JWT-protected operation, for every role: anonymous callers get 401, roles the operation does not list
// in `x-roles` get 403, and listed roles get past authorization. The matrix is read from the OpenAPI document,
// so a new endpoint is covered the moment it is documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '@switchboard/auth';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture } from '../support/fixtures';

interface Operation {
  method: string;
  path: string;
  roles: UserRole[] | null;
}

type OpenApiPaths = Record<
  string,
  Record<string, { security?: Array<Record<string, unknown>>; 'x-roles'?: UserRole[] }>
>;

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
const ROLES: UserRole[] = ['agent', 'supervisor', 'admin'];

describe('role matrix (embedded)', () => {
  let harness: Harness;
  let clients: Record<UserRole, ApiClient>;
  let operations: Operation[];

  beforeAll(async () => {
    harness = await startHarness('embedded', { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    const tenant = await createTenantFixture(harness.prisma);
    clients = {
      agent: await ApiClient.as(harness.url, harness.prisma, tenant, 'agent'),
      supervisor: await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor'),
      admin: await ApiClient.as(harness.url, harness.prisma, tenant, 'admin'),
    };
    const document = (await (await fetch(`${harness.url}/docs/openapi.json`)).json()) as {
      paths: OpenApiPaths;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.security?.some((s) => 'bearer' in s))
        // Logout ends the caller's own session, which would turn every later row into a 401; it is any
        // signed-in user's, and test/api/sessions.e2e.ts covers it.
        .filter(([method]) => !(method === 'post' && path === '/v1/auth/logout'))
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{[^}]+\}/g, UNKNOWN_ID),
          roles: op['x-roles'] ?? null,
        })),
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('covers the JWT-protected operations', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it('answers 401 to anonymous callers everywhere', async () => {
    for (const op of operations) {
      const response = await ApiClient.anonymous(harness.url).request(
        op.method,
        op.path,
        op.method === 'GET' ? undefined : {},
      );
      expect(response.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('lets exactly the listed roles through', async () => {
    const mismatches: string[] = [];
    for (const op of operations) {
      for (const role of ROLES) {
        const response = await clients[role].request(
          op.method,
          op.path,
          op.method === 'GET' ? undefined : {},
        );
        const allowed = op.roles === null || op.roles.includes(role);
        const denied = response.status === 403 || response.status === 401;
        if (allowed === denied) mismatches.push(`${role} ${op.method} ${op.path} -> ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
