// Messages become conversations: by the channel's thread id when it has one, otherwise by customer and channel;
// and one customer is one profile across channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('threading (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;

  async function send(id: string, extra: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({ channelMessageId: id, body: id, sentAt: new Date().toISOString(), ...extra }),
    });
    expect(response.status).toBe(202);
  }

  async function conversationOf(channelMessageId: string): Promise<string> {
    await expect
      .poll(() => harness.prisma.message.count({ where: { tenantId: tenant.id, channelMessageId } }))
      .toBe(1);
    const message = await harness.prisma.message.findFirstOrThrow({
      where: { tenantId: tenant.id, channelMessageId },
    });
    return message.conversationId;
  }

  beforeAll(async () => {
    harness = await startHarness('embedded');
    tenant = await createTenantFixture(harness.prisma, []);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('keeps two email threads of one customer apart and joins replies to their thread', async () => {
    const from = { address: 'ann@example.com' };
    await send('<a1@mail>', { channel: 'email', from, subject: 'Invoice', threadKey: '<a1@mail>' });
    await send('<b1@mail>', { channel: 'email', from, subject: 'Password', threadKey: '<b1@mail>' });
    await send('<a2@mail>', { channel: 'email', from, subject: 'Re: Invoice', threadKey: '<a1@mail>' });
    const [a1, b1, a2] = [
      await conversationOf('<a1@mail>'),
      await conversationOf('<b1@mail>'),
      await conversationOf('<a2@mail>'),
    ];
    expect(a1).not.toBe(b1);
    expect(a2).toBe(a1);
  });

  it('joins unthreaded chat messages to the open chat conversation, and knows the customer across channels', async () => {
    const from = { address: 'ann@example.com' };
    await send('chat-1', { channel: 'chat', from });
    await send('chat-2', { channel: 'chat', from });
    const [c1, c2, email] = [
      await conversationOf('chat-1'),
      await conversationOf('chat-2'),
      await conversationOf('<a1@mail>'),
    ];
    expect(c2).toBe(c1);
    const conversations = await harness.prisma.conversation.findMany({ where: { id: { in: [c1, email] } } });
    expect(new Set(conversations.map((c) => c.customerId)).size).toBe(1);
  });
});
