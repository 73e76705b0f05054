// A conversation's detail over HTTP, on data made by the real flow: messages in time order with attachment
// metadata, the offer and assignment with their reasons, the decision log, the customer, and the message cap;
// and the read API's query parameters in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Detail {
  id: string;
  status: string;
  channel: string;
  customerId: string;
  assignedAgentId: string | null;
  customer: {
    id: string;
    displayName: string | null;
    identities: Array<{ channel: string; address: string }>;
  };
  messages: Array<{
    id: string;
    direction: string;
    channel: string;
    channelMessageId: string;
    body: string;
    attachments: unknown;
    sentAt: string;
  }>;
  messagesTruncated: boolean;
  offers: Array<{ offerId: string; agentId: string; status: string; reason: { rule?: unknown } }>;
  assignments: Array<{ agentId: string; offerId: string | null; endedAt: string | null; reason: unknown }>;
  decisions: Array<{ kind: string; at: string; payload: unknown }>;
}

const MESSAGE_CAP = 500;
const attachment = { name: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: 48_213 };

async function postContact(harness: Harness, tenant: TenantFixture, body: Record<string, unknown>) {
  const response = await fetch(`${harness.url}/v1/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('conversation detail (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let supervisor: ApiClient;
  let alice: AgentClient;
  let chatId: string;
  const base = Date.parse('2026-11-24T09:00:00.000Z');
  const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '120', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 1 } }]);
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    const { email, password } = tenant.agents[0];
    alice = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
    await alice.command({ type: 'status.set', status: 'available' });
    await alice.next('agent.status-changed', (e) => e.status === 'available');

    const from = { address: 'ann@example.com', displayName: 'Ann' };
    await postContact(harness, tenant, {
      channel: 'chat',
      channelMessageId: 'chat-1',
      from,
      body: 'Here is the invoice',
      sentAt: at(0),
      attachments: [attachment],
    });
    const offer = await alice.next('offer.created');
    chatId = offer.conversationId as string;
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await alice.next('assignment.created');
    // Arrival order differs from the customer's clock on purpose: the detail orders by when it was sent.
    await postContact(harness, tenant, {
      channel: 'chat',
      channelMessageId: 'chat-3',
      from,
      body: 'third',
      sentAt: at(20),
    });
    await postContact(harness, tenant, {
      channel: 'chat',
      channelMessageId: 'chat-2',
      from,
      body: 'second',
      sentAt: at(10),
    });
    await alice.next('message.received', (e) => e.body === 'third');
    await alice.next('message.received', (e) => e.body === 'second');
  });

  afterAll(async () => {
    alice?.close();
    await harness?.close();
  });

  it('returns the messages in time order with their channel, direction and attachment metadata', async () => {
    const response = await supervisor.get<Detail>(`/v1/conversations/${chatId}`);
    expect(response.status).toBe(200);
    const detail = response.body;
    expect(detail).toMatchObject({
      id: chatId,
      status: 'assigned',
      channel: 'chat',
      messagesTruncated: false,
    });
    expect(detail.messages.map((m) => m.channelMessageId)).toEqual(['chat-1', 'chat-2', 'chat-3']);
    expect(detail.messages[0]).toMatchObject({
      direction: 'inbound',
      channel: 'chat',
      body: 'Here is the invoice',
      sentAt: at(0),
      attachments: [attachment],
    });
    expect(detail.messages[2]).toMatchObject({ body: 'third', sentAt: at(20), attachments: [] });
  });

  it('includes the offer and assignment history with reasons, the decision log and the customer', async () => {
    const detail = (await supervisor.get<Detail>(`/v1/conversations/${chatId}`)).body;
    const agentId = tenant.agents[0].id;
    expect(detail.assignedAgentId).toBe(agentId);
    expect(detail.offers).toHaveLength(1);
    expect(detail.offers[0]).toMatchObject({ agentId, status: 'accepted' });
    expect(typeof detail.offers[0].reason.rule).toBe('string');
    expect(detail.assignments).toEqual([
      expect.objectContaining({ agentId, offerId: detail.offers[0].offerId, endedAt: null }),
    ]);
    expect(detail.decisions.map((d) => d.kind)).toContain('offer');
    expect(detail.customer).toMatchObject({
      id: detail.customerId,
      displayName: 'Ann',
      identities: [{ channel: 'chat', address: 'ann@example.com' }],
    });
    const routing = await supervisor.get<{ offers: unknown[] }>(`/v1/conversations/${chatId}/routing`);
    expect(routing.status).toBe(200);
    expect(routing.body.offers).toEqual(detail.offers);
  });

  it('documents the query parameters in OpenAPI', async () => {
    const document = (await (await fetch(`${harness.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }>;
    };
    const params = (path: string) =>
      (document.paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(params('/v1/conversations').sort()).toEqual(
      [
        'status',
        'queueId',
        'customerId',
        'channel',
        'agentId',
        'createdFrom',
        'createdTo',
        'limit',
        'cursor',
      ].sort(),
    );
    expect(params('/v1/customers').sort()).toEqual(['address', 'channel', 'cursor', 'displayName', 'limit']);
  });

  it(`returns only the ${MESSAGE_CAP} most recent messages of a long conversation, flagged as truncated`, async () => {
    const total = MESSAGE_CAP + 2;
    const from = { address: '+15550100' };
    for (let start = 0; start < total; start += 50) {
      const batch = Array.from({ length: Math.min(50, total - start) }, (_, i) => start + i);
      await Promise.all(
        batch.map((n) =>
          postContact(harness, tenant, {
            channel: 'whatsapp',
            channelMessageId: `wamid.${n}`,
            from,
            body: `message ${n}`,
            sentAt: at(100 + n),
          }),
        ),
      );
    }
    const stored = async () =>
      harness.prisma.message.count({ where: { tenantId: tenant.id, channel: 'whatsapp' } });
    // PGlite stores one message at a time in a single-threaded engine: generous bounds for loaded CI machines.
    await expect.poll(stored, { timeout: 100_000 }).toBe(total);
    const page = await supervisor.get<{ items: Array<{ id: string }> }>('/v1/conversations?channel=whatsapp');
    expect(page.body.items).toHaveLength(1);
    const detail = (await supervisor.get<Detail>(`/v1/conversations/${page.body.items[0].id}`)).body;
    expect(detail.messagesTruncated).toBe(true);
    expect(detail.messages).toHaveLength(MESSAGE_CAP);
    expect(detail.messages[0].body).toBe('message 2');
    expect(detail.messages[MESSAGE_CAP - 1].body).toBe(`message ${total - 1}`);
  }, 150_000);
});
