// Every admin write route records who did what, with the entity before and after, on PostgreSQL and on the
// embedded PGlite. The routes are read from the OpenAPI document (non-GET operations whose x-roles is admin
// only), so a new admin write route fails this test until it has a step here, and so an audit entry.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { userIdOf } from '../support/jwt-claims';

interface AuditEntryBody {
  id: string;
  at: string;
  actor: { userId: string; role: string };
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface Step {
  /** The route as the OpenAPI document spells it, e.g. `PATCH /v1/queues/{id}`. */
  route: string;
  entityType: string;
  action: string;
  /** Sends the request and returns the id of the entity it changed. */
  run: () => Promise<string>;
  /** Extra checks on the entry's snapshots. */
  check?: (entry: AuditEntryBody) => void;
}

type OpenApiPaths = Record<string, Record<string, { 'x-roles'?: string[] }>>;

const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' }));
const TARGETS = { firstResponseMs: { chat: 60_000 } };
const PASSWORD = 'a long enough passphrase';
const APP_SECRET = 'meta-app-secret-0123456789';
const SECRETS_KEY = randomBytes(32).toString('base64');

describe.each<Mode>(['embedded', 'kafka+postgres'])('audit of every admin write (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;
  const ids: Record<string, string> = {};

  /** Sends a request that must succeed and returns the body's id, or `fallback` for a 204. */
  async function ok(response: Promise<ApiResponse>, fallback = ''): Promise<string> {
    const { status, body } = await response;
    expect(status, JSON.stringify(body)).toBeLessThan(300);
    return typeof body.id === 'string' ? body.id : fallback;
  }

  const steps: Step[] = [
    {
      route: 'POST /v1/skills',
      entityType: 'skill',
      action: 'created',
      run: async () => (ids.skill = await ok(admin.post('/v1/skills', { name: 'billing' }))),
    },
    {
      route: 'PATCH /v1/skills/{id}',
      entityType: 'skill',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/skills/${ids.skill}`, { description: 'Invoices' })),
    },
    {
      route: 'POST /v1/agents',
      entityType: 'agent',
      action: 'created',
      run: async () =>
        (ids.agent = await ok(
          admin.post('/v1/agents', { displayName: 'Zed', email: 'zed@example.com', capacity: { chat: 2 } }),
        )),
    },
    {
      route: 'PATCH /v1/agents/{id}',
      entityType: 'agent',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/agents/${ids.agent}`, { displayName: 'Zed Z' })),
      check: (e) => expect([e.before?.displayName, e.after?.displayName]).toEqual(['Zed', 'Zed Z']),
    },
    {
      route: 'POST /v1/teams',
      entityType: 'team',
      action: 'created',
      run: async () => (ids.team = await ok(admin.post('/v1/teams', { name: 'Tier 1' }))),
    },
    {
      route: 'PATCH /v1/teams/{id}',
      entityType: 'team',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/teams/${ids.team}`, { name: 'Tier one' })),
    },
    {
      route: 'PUT /v1/teams/{id}/members',
      entityType: 'team',
      action: 'updated',
      run: () => ok(admin.put(`/v1/teams/${ids.team}/members`, { agentIds: [ids.agent] })),
      check: (e) => {
        expect(e.before?.members).toEqual([]);
        expect(e.after?.members).toEqual([{ agentId: ids.agent }]);
      },
    },
    {
      route: 'DELETE /v1/teams/{id}',
      entityType: 'team',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/teams/${ids.team}`), ids.team),
    },
    {
      route: 'DELETE /v1/agents/{id}',
      entityType: 'agent',
      action: 'deactivated',
      run: () => ok(admin.delete(`/v1/agents/${ids.agent}`), ids.agent),
      check: (e) => expect([e.before?.active, e.after?.active]).toEqual([true, false]),
    },
    {
      route: 'DELETE /v1/skills/{id}',
      entityType: 'skill',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/skills/${ids.skill}`), ids.skill),
    },
    {
      route: 'POST /v1/users',
      entityType: 'user',
      action: 'created',
      run: async () =>
        (ids.user = await ok(
          admin.post('/v1/users', { email: 'sam@example.com', password: PASSWORD, role: 'supervisor' }),
        )),
      check: (e) => expect(e.after?.passwordHash).toBe('[redacted]'),
    },
    {
      route: 'PATCH /v1/users/{id}',
      entityType: 'user',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/users/${ids.user}`, { role: 'agent', password: `${PASSWORD} 2` })),
      check: (e) => {
        expect([e.before?.role, e.after?.role]).toEqual(['supervisor', 'agent']);
        expect([e.before?.passwordHash, e.after?.passwordHash]).toEqual([
          '[redacted]',
          '[redacted: changed]',
        ]);
      },
    },
    {
      route: 'DELETE /v1/users/{id}',
      entityType: 'user',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/users/${ids.user}`), ids.user),
    },
    {
      route: 'POST /v1/api-keys',
      entityType: 'api-key',
      action: 'created',
      run: async () => {
        const created = await admin.post<{ id: string; key: string }>('/v1/api-keys', { name: 'crm' });
        expect(created.status).toBe(201);
        ids.keySecret = created.body.key;
        return (ids.apiKey = created.body.id);
      },
      check: (e) => expect(e.after?.secretHash).toBe('[redacted]'),
    },
    {
      route: 'DELETE /v1/api-keys/{id}',
      entityType: 'api-key',
      action: 'revoked',
      run: () => ok(admin.delete(`/v1/api-keys/${ids.apiKey}`), ids.apiKey),
      check: (e) => expect([e.before?.revokedAt, typeof e.after?.revokedAt]).toEqual([null, 'string']),
    },
    {
      route: 'POST /v1/business-hours',
      entityType: 'business-hours',
      action: 'created',
      run: async () =>
        (ids.hours = await ok(
          admin.post('/v1/business-hours', { name: 'Lisbon', timeZone: 'Europe/Lisbon', weekly: WEEKDAYS }),
        )),
    },
    {
      route: 'PATCH /v1/business-hours/{id}',
      entityType: 'business-hours',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/business-hours/${ids.hours}`, { name: 'Porto' })),
    },
    {
      route: 'POST /v1/business-hours/{id}/holidays',
      entityType: 'holiday',
      action: 'created',
      run: async () =>
        (ids.holiday = await ok(
          admin.post(`/v1/business-hours/${ids.hours}/holidays`, { date: '2026-12-25', name: 'Christmas' }),
        )),
    },
    {
      route: 'DELETE /v1/business-hours/{id}/holidays/{holidayId}',
      entityType: 'holiday',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/business-hours/${ids.hours}/holidays/${ids.holiday}`), ids.holiday),
    },
    {
      route: 'POST /v1/sla-policies',
      entityType: 'sla-policy',
      action: 'created',
      run: async () =>
        (ids.sla = await ok(
          admin.post('/v1/sla-policies', { name: 'Gold', targets: TARGETS, calendarId: ids.hours }),
        )),
    },
    {
      route: 'PATCH /v1/sla-policies/{id}',
      entityType: 'sla-policy',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/sla-policies/${ids.sla}`, { description: 'Fast' })),
    },
    {
      route: 'PUT /v1/settings',
      entityType: 'settings',
      action: 'created',
      run: () =>
        ok(
          admin.put('/v1/settings', {
            timeZone: 'Europe/Paris',
            autoAckChannels: ['chat'],
            csatChannels: null,
          }),
          tenant.id,
        ),
      check: (e) => expect([e.before, e.after?.timeZone]).toEqual([null, 'Europe/Paris']),
    },
    {
      route: 'POST /v1/routing-policies',
      entityType: 'routing-policy',
      action: 'created',
      run: async () =>
        (ids.policy = await ok(admin.post('/v1/routing-policies', { name: 'Skills', document: {} }))),
    },
    {
      route: 'PATCH /v1/routing-policies/{id}',
      entityType: 'routing-policy',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/routing-policies/${ids.policy}`, { document: { maxMissedOffers: 2 } })),
      check: (e) => expect([e.before?.version, e.after?.version]).toEqual([1, 2]),
    },
    {
      route: 'POST /v1/queues',
      entityType: 'queue',
      action: 'created',
      run: async () =>
        (ids.queue = await ok(
          admin.post('/v1/queues', { name: 'billing', routingPolicyId: ids.policy, slaPolicyId: ids.sla }),
        )),
    },
    {
      route: 'PATCH /v1/queues/{id}',
      entityType: 'queue',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/queues/${ids.queue}`, { routingPolicyId: null, slaPolicyId: null })),
      check: (e) => expect([e.before?.routingPolicyId, e.after?.routingPolicyId]).toEqual([ids.policy, null]),
    },
    {
      route: 'DELETE /v1/queues/{id}',
      entityType: 'queue',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/queues/${ids.queue}`), ids.queue),
    },
    {
      route: 'DELETE /v1/routing-policies/{id}',
      entityType: 'routing-policy',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/routing-policies/${ids.policy}`), ids.policy),
    },
    {
      route: 'DELETE /v1/sla-policies/{id}',
      entityType: 'sla-policy',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/sla-policies/${ids.sla}`), ids.sla),
    },
    {
      route: 'POST /v1/inboxes',
      entityType: 'inbox',
      action: 'created',
      run: async () =>
        (ids.inbox = await ok(
          admin.post('/v1/inboxes', {
            channel: 'whatsapp',
            name: 'WhatsApp',
            address: String(Date.now()),
            secrets: { appSecret: APP_SECRET, verifyToken: 'verify-token-1' },
          }),
        )),
      check: (e) => {
        expect(e.after?.secretsCiphertext).toBe('[redacted]');
        expect(e.after?.credentialNames).toEqual(['appSecret', 'verifyToken']);
      },
    },
    {
      route: 'PATCH /v1/inboxes/{id}',
      entityType: 'inbox',
      action: 'updated',
      run: () => ok(admin.patch(`/v1/inboxes/${ids.inbox}`, { secrets: { verifyToken: null } })),
      check: (e) => {
        expect([e.before?.secretsCiphertext, e.after?.secretsCiphertext]).toEqual([
          '[redacted]',
          '[redacted: changed]',
        ]);
        expect(e.after?.credentialNames).toEqual(['appSecret']);
      },
    },
    {
      route: 'DELETE /v1/inboxes/{id}',
      entityType: 'inbox',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/inboxes/${ids.inbox}`), ids.inbox),
    },
    {
      route: 'DELETE /v1/business-hours/{id}',
      entityType: 'business-hours',
      action: 'deleted',
      run: () => ok(admin.delete(`/v1/business-hours/${ids.hours}`), ids.hours),
      check: (e) => expect(e.after).toBeNull(),
    },
  ];

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000', SECRETS_KEY });
    tenant = await createTenantFixture(harness.prisma);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('has a step for every admin write route the API documents', async () => {
    const document = (await (await fetch(`${harness.url}/docs/openapi.json`)).json()) as {
      paths: OpenApiPaths;
    };
    const adminWrites = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method, op]) => method !== 'get' && op['x-roles']?.join() === 'admin')
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(adminWrites.length).toBeGreaterThan(0);
    expect(new Set(steps.map((s) => s.route))).toEqual(new Set(adminWrites));
  });

  it('records each write once, with the actor, the action and the entity before and after', async () => {
    const actor = { userId: userIdOf(admin), role: 'admin' };
    for (const step of steps) {
      const entityId = await step.run();
      const trail = await admin.get<{ items: AuditEntryBody[] }>(`/v1/audit?entityId=${entityId}&limit=1`);
      expect(trail.status).toBe(200);
      const [entry] = trail.body.items;
      expect(entry, step.route).toMatchObject({
        actor,
        action: step.action,
        entityType: step.entityType,
        entityId,
      });
      expect(entry.before === null, step.route).toBe(step.action === 'created');
      expect(entry.after === null, step.route).toBe(step.action === 'deleted');
      step.check?.(entry);
    }
    const all = await admin.get<{ items: AuditEntryBody[] }>('/v1/audit?limit=200');
    expect(all.body.items).toHaveLength(steps.length);
    // Secrets never reach the trail: no password hash, no key hash, no key.
    const stored = JSON.stringify(
      await harness.prisma.auditEntry.findMany({ where: { tenantId: tenant.id } }),
    );
    expect(stored).not.toMatch(/argon2/);
    expect(stored).not.toContain(APP_SECRET);
    expect(stored).not.toContain('verify-token-1');
    expect(stored).not.toContain(ids.keySecret);
    const keyHash = (await harness.prisma.apiKey.findUniqueOrThrow({ where: { id: ids.apiKey } })).secretHash;
    expect(stored).not.toContain(keyHash);
  });
});
