// SLA clocks: a new conversation's first-response deadline follows its queue's SLA policy and honours the
// policy's business hours; it is stored with the conversation, so a restarted router keeps the same clock.
import { addBusinessTime } from '@switchboard/sla';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('SLA deadlines (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;

  async function send(id: string, queue: string): Promise<string> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: `${id}@x.test` },
        body: id,
        sentAt: new Date().toISOString(),
        queue,
      }),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { receivedAt: string }).receivedAt;
  }

  async function conversationOf(id: string) {
    await expect
      .poll(() => harness.prisma.message.count({ where: { tenantId: tenant.id, channelMessageId: id } }))
      .toBe(1);
    const message = await harness.prisma.message.findFirstOrThrow({
      where: { tenantId: tenant.id, channelMessageId: id },
    });
    return harness.prisma.conversation.findUniqueOrThrow({ where: { id: message.conversationId } });
  }

  beforeAll(async () => {
    harness = await startHarness('embedded');
    tenant = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('counts only business hours: outside them, the clock starts at the next opening', async () => {
    // Open one hour, two days from now (UTC), so "now" is always outside business hours.
    const day = (new Date().getUTCDay() + 2) % 7;
    const weekly = [{ day, open: '09:00', close: '10:00' }];
    const hours = await admin.post<{ id: string }>('/v1/business-hours', {
      name: 'narrow',
      timeZone: 'UTC',
      weekly,
    });
    expect(hours.status).toBe(201);
    const sla = await admin.post<{ id: string }>('/v1/sla-policies', {
      name: 'chat-minute',
      calendarId: hours.body.id,
      targets: { firstResponseMs: { chat: 60_000 }, nextResponseMs: {}, overrides: [] },
    });
    expect(sla.status).toBe(201);
    expect((await admin.post('/v1/queues', { name: 'sla-queue', slaPolicyId: sla.body.id })).status).toBe(
      201,
    );

    const receivedAt = Date.parse(await send('sla-1', 'sla-queue'));
    const conversation = await conversationOf('sla-1');
    const expected = addBusinessTime(receivedAt, 60_000, { timeZone: 'UTC', weekly, holidays: [] });
    expect(conversation.slaDeadline?.getTime()).toBe(expected);
    expect(new Date(expected).getUTCDay()).toBe(day);
    expect(new Date(expected).toISOString()).toMatch(/T09:01:00\.000Z$/);
    const started = await harness.prisma.slaEvent.findMany({ where: { conversationId: conversation.id } });
    expect(started).toEqual([expect.objectContaining({ kind: 'started', deadline: new Date(expected) })]);
  });

  it('sets no deadline for a queue without an SLA policy', async () => {
    expect((await admin.post('/v1/queues', { name: 'no-sla' })).status).toBe(201);
    await send('sla-2', 'no-sla');
    expect((await conversationOf('sla-2')).slaDeadline).toBeNull();
  });
});
