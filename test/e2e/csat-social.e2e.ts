// CSAT on a social channel, on both stacks: after resolution a WhatsApp customer is surveyed, and answering
// "5" stores the rating (announced as csat.received) without reopening the conversation; their next message
// then reopens it as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { availableAgent } from '../support/scenario';

describe.each<Mode>(['embedded', 'kafka+postgres'])('CSAT answered on WhatsApp (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let alice: AgentClient;
  let supervisor: AgentClient;

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '120', CSAT_CHANNELS: 'chat,whatsapp' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice' }]);
    alice = await availableAgent(harness, tenant);
    const boss = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    supervisor = await AgentClient.connect(harness.url, boss.token ?? '');
  }, 120_000);

  afterAll(async () => {
    alice?.close();
    supervisor?.close();
    await harness?.close();
  });

  async function send(id: string, body: string): Promise<string> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'whatsapp',
        channelMessageId: id,
        from: { address: '+15550007' },
        body,
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    await expect
      .poll(() => harness.prisma.message.count({ where: { tenantId: tenant.id, channelMessageId: id } }), {
        timeout: 20_000,
      })
      .toBe(1);
    return (
      await harness.prisma.message.findFirstOrThrow({ where: { tenantId: tenant.id, channelMessageId: id } })
    ).conversationId;
  }

  it('takes a bare "5" as the answer, without reopening; the next message reopens', async () => {
    const conversationId = await send('wamid.q-1', 'My order never arrived');
    const offer = await alice.next('offer.created', (e) => e.conversationId === conversationId);
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    expect((await alice.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);
    const survey = await supervisor.next(
      'reply.created',
      (e) => e.conversationId === conversationId && e.kind === 'csat-survey',
    );
    expect(survey).toMatchObject({ agentId: null, channel: 'whatsapp', to: { address: '+15550007' } });

    expect(await send('wamid.q-2', ' 5 ')).toBe(conversationId);
    expect(await supervisor.next('csat.received', (e) => e.conversationId === conversationId)).toMatchObject({
      score: 5,
      channel: 'whatsapp',
      agentId: tenant.agents[0].id,
    });
    expect(await harness.prisma.csatResponse.findMany({ where: { conversationId } })).toEqual([
      expect.objectContaining({ score: 5, channel: 'whatsapp', agentId: tenant.agents[0].id }),
    ]);
    expect(
      await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } }),
    ).toMatchObject({
      status: 'resolved',
    });

    // Answered already: the customer's next message, even another digit, reopens the conversation.
    expect(await send('wamid.q-3', '4')).toBe(conversationId);
    await alice.next('offer.created', (e) => e.conversationId === conversationId);
    expect(await harness.prisma.csatResponse.count({ where: { conversationId } })).toBe(1);
  });
});
