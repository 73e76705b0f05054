// Tenant settings through the admin API: defaults from the environment, validation naming each bad field,
// admins only, audit-logged, one tenant's settings invisible to another, and the router applying a tenant's
// auto-acknowledgement channels from its next batch (here the environment leaves them off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface SettingsView {
  timeZone: string;
  autoAckChannels: string[] | null;
  csatChannels: string[] | null;
  effective: { autoAckChannels: string[]; csatChannels: string[] };
}

describe('tenant settings', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let otherAdmin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness('embedded', { CSAT_CHANNELS: 'chat,email' });
    // No agents: every contact waits, so an acknowledgement is due wherever the channel asks for one.
    tenant = await createTenantFixture(harness.prisma, []);
    other = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    otherAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('starts from the environment’s defaults', async () => {
    const settings = await admin.get<SettingsView>('/v1/settings');
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      timeZone: 'UTC',
      autoAckChannels: null,
      csatChannels: null,
      effective: { autoAckChannels: ['chat'], csatChannels: ['chat', 'email'] },
    });
  });

  it('refuses bad fields with problem+json naming each', async () => {
    const response = await admin.put<{ code: string; errors: Array<{ path: string }> }>('/v1/settings', {
      timeZone: 'Mars/Olympus_Mons',
      autoAckChannels: ['chat', 'fax'],
      csatChannels: null,
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((e) => e.path).sort()).toEqual(['autoAckChannels.1', 'timeZone']);
  });

  it('lets admins only read and write them', async () => {
    const supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    expect((await supervisor.get('/v1/settings')).status).toBe(403);
    expect(
      (await supervisor.put('/v1/settings', { timeZone: 'UTC', autoAckChannels: null, csatChannels: null }))
        .status,
    ).toBe(403);
    expect((await fetch(`${harness.url}/v1/settings`)).status).toBe(401);
  });

  it('saves them, audit-logged, for the caller’s tenant only, and the router acknowledges on the chosen channels', async () => {
    const saved = await admin.put<SettingsView>('/v1/settings', {
      timeZone: 'America/New_York',
      autoAckChannels: ['email'],
      csatChannels: [],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      timeZone: 'America/New_York',
      autoAckChannels: ['email'],
      csatChannels: [],
      effective: { autoAckChannels: ['email'], csatChannels: [] },
    });
    expect((await admin.get<SettingsView>('/v1/settings')).body).toEqual(saved.body);
    expect((await otherAdmin.get<SettingsView>('/v1/settings')).body.timeZone).toBe('UTC');
    const entries = await harness.prisma.auditEntry.findMany({
      where: { tenantId: tenant.id, entityType: 'settings' },
    });
    expect(entries.map((e) => [e.action, e.entityId])).toEqual([['created', tenant.id]]);

    const supervisorApi = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    const supervisor = await AgentClient.connect(harness.url, supervisorApi.token ?? '');
    const send = async (apiKey: string, channel: string, id: string) => {
      const response = await fetch(`${harness.url}/v1/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({
          channel,
          channelMessageId: id,
          from: { address: `${id}@customers.test` },
          body: 'Hello?',
          sentAt: new Date().toISOString(),
          ...(channel === 'email' ? { subject: 'Order' } : {}),
        }),
      });
      expect(response.status).toBe(202);
    };
    await send(tenant.apiKey, 'chat', 'not-acked');
    await send(tenant.apiKey, 'email', 'acked');
    const email = await supervisor.next('message.received', (e) => e.channelMessageId === 'acked');
    const ack = await supervisor.next(
      'reply.created',
      (e) => e.kind === 'auto-ack' && e.conversationId === email.conversationId,
    );
    expect(ack.channel).toBe('email');
    // The chat contact was committed before the email's acknowledgement: had it been acknowledged, it would show.
    const chat = supervisor.events.find(
      (e) => e.name === 'message.received' && e.payload.channelMessageId === 'not-acked',
    );
    expect(chat).toBeDefined();
    expect(
      supervisor.events.filter(
        (e) => e.name === 'reply.created' && e.payload.conversationId === chat?.payload.conversationId,
      ),
    ).toEqual([]);
    // A change reaches the router holding the tenant at once: chat is acknowledged from the next batch.
    expect(
      (await admin.put('/v1/settings', { timeZone: 'UTC', autoAckChannels: ['chat'], csatChannels: null }))
        .status,
    ).toBe(200);
    await send(tenant.apiKey, 'chat', 'acked-now');
    const now = await supervisor.next('message.received', (e) => e.channelMessageId === 'acked-now');
    await supervisor.next(
      'reply.created',
      (e) => e.kind === 'auto-ack' && e.conversationId === now.conversationId,
    );
    supervisor.close();
  });

  it('reports days in the tenant’s zone, summing exactly the quarter hours of each local day', async () => {
    // Kolkata is UTC+05:30: its 29 March runs from 18:30 UTC on the 28th to 18:30 UTC on the 29th.
    const quarter = (iso: string, queued: number) => ({
      tenantId: other.id,
      dimension: 'tenant',
      dimensionId: other.id,
      bucketInterval: '15m',
      bucketStart: new Date(iso),
      queued: BigInt(queued),
      waitHistogram: [],
      firstResponseHistogram: [],
      nextResponseHistogram: [],
    });
    await harness.prisma.metricRollup.createMany({
      data: [
        quarter('2026-03-28T18:15:00Z', 1), // 23:45 on the 28th
        quarter('2026-03-28T18:30:00Z', 10), // 00:00 on the 29th
        quarter('2026-03-29T12:00:00Z', 100),
        quarter('2026-03-29T18:15:00Z', 1000), // 23:45 on the 29th
        quarter('2026-03-29T18:30:00Z', 10000), // 00:00 on the 30th
      ],
    });
    const period = (from: string, to: string) => `/v1/reports/metrics?from=${from}&to=${to}&interval=1d`;
    const days = async () =>
      (
        await otherAdmin.get<{
          series: Array<{ buckets: Array<{ start: string; metrics: { queued: number } }> }>;
        }>(period('2026-03-28T18:30:00Z', '2026-03-30T18:30:00Z'))
      ).body.series[0].buckets.map((b) => [b.start, b.metrics.queued]);
    expect(
      (
        await otherAdmin.put('/v1/settings', {
          timeZone: 'Asia/Kolkata',
          autoAckChannels: null,
          csatChannels: null,
        })
      ).status,
    ).toBe(200);
    expect(await days()).toEqual([
      ['2026-03-28T18:30:00.000Z', 1110],
      ['2026-03-29T18:30:00.000Z', 10000],
    ]);
  });
});
