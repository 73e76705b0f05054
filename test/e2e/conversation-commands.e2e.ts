// The console's conversation commands beyond reply and resolve: an internal note (stored, never sent), a
// transfer to a named colleague (refused clearly when they cannot take it), wrap-up with a disposition, and
// close (resolve's alias). Each ack carries the router's outcome (ADR 0027).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { availableAgent, postChatContact, signIn } from '../support/scenario';

type Ack = { ok: boolean; code?: string; errors?: Array<{ path: string }> };

describe.each<Mode>(['embedded', 'kafka+postgres'])('conversation commands (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let alice: AgentClient;
  let bob: AgentClient;

  async function contact(id: string): Promise<string> {
    await postChatContact(harness, tenant, id);
    const offer = await alice.next('offer.created', (e) => e.preview === `Hello from ${id}`);
    const accepted = await alice.command({ type: 'offer.accept', offerId: offer.offerId });
    expect(accepted).toEqual({ ok: true, commandId: accepted.commandId });
    return offer.conversationId as string;
  }

  beforeAll(async () => {
    // Alice sends commands faster than a person would; the socket limits are not under test here.
    harness = await startHarness(mode, {
      OFFER_TIMEOUT_SECONDS: '60',
      RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '100',
      RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: '100',
    });
    tenant = await createTenantFixture(harness.prisma, [
      { name: 'alice', capacity: { chat: 3 } },
      { name: 'bob', capacity: { chat: 1 } },
    ]);
    alice = await availableAgent(harness, tenant, 0);
    bob = await signIn(harness, tenant, 1);
  });

  afterAll(async () => {
    alice?.close();
    bob?.close();
    await harness?.close();
  });

  it('stores a note on the thread as an internal message, announces it, and sends nothing', async () => {
    const conversationId = await contact('note-1');
    const ack = (await alice.command({
      type: 'conversation.note',
      conversationId,
      body: 'Called the courier',
    })) as Ack;
    expect(ack).toMatchObject({ ok: true });
    const noted = await alice.next('conversation.noted', (e) => e.conversationId === conversationId);
    expect(noted).toMatchObject({
      agentId: tenant.agents[0].id,
      body: 'Called the courier',
      channel: 'chat',
    });
    const messages = await harness.prisma.message.findMany({ where: { conversationId } });
    expect(messages.filter((m) => m.direction === 'internal')).toEqual([
      expect.objectContaining({
        id: noted.messageId,
        body: 'Called the courier',
        agentId: tenant.agents[0].id,
      }),
    ]);
    expect(messages.filter((m) => m.direction === 'outbound')).toEqual([]);
    // Only the agent holding the conversation writes on it.
    expect(await bob.command({ type: 'conversation.note', conversationId, body: 'Me too' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('refuses a transfer to a colleague who is away, then offers it to them once available', async () => {
    const conversationId = await contact('transfer-1');
    const transfer = {
      type: 'conversation.transfer',
      conversationId,
      agentId: tenant.agents[1].id,
      note: 'VIP',
    };
    expect(await alice.command(transfer)).toMatchObject({ ok: false, code: 'AGENT_UNAVAILABLE' });
    const still = await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(still.status).toBe('assigned');

    expect(await bob.command({ type: 'status.set', status: 'available' })).toMatchObject({ ok: true });
    expect(await alice.command(transfer)).toMatchObject({ ok: true });
    const moved = await alice.next('conversation.transferred', (e) => e.conversationId === conversationId);
    expect(moved).toMatchObject({
      agentId: tenant.agents[0].id,
      toAgentId: tenant.agents[1].id,
      note: 'VIP',
    });
    const offer = await bob.next('offer.created', (e) => e.conversationId === conversationId);
    expect(offer.reason).toMatchObject({ rule: 'transfer' });
    expect(await bob.command({ type: 'offer.accept', offerId: offer.offerId })).toMatchObject({ ok: true });
    // Bob is now at capacity: a transfer back to him from Alice's other work is refused the same way.
    const other = await contact('transfer-2');
    expect(
      await alice.command({
        type: 'conversation.transfer',
        conversationId: other,
        agentId: tenant.agents[1].id,
      }),
    ).toMatchObject({ ok: false, code: 'AGENT_UNAVAILABLE' });
  });

  it('wraps up with a disposition: stored on the conversation, then resolved', async () => {
    const conversationId = await contact('wrap-1');
    const bad = (await alice.command({
      type: 'conversation.wrap-up',
      conversationId,
      disposition: 'no answer',
    })) as Ack;
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', errors: [{ path: 'disposition' }] });
    const ack = await alice.command({
      type: 'conversation.wrap-up',
      conversationId,
      disposition: 'billing.refund',
      notes: 'Refund issued',
    });
    expect(ack).toMatchObject({ ok: true });
    const wrapped = await alice.next('conversation.wrapped-up', (e) => e.conversationId === conversationId);
    expect(wrapped).toMatchObject({ disposition: 'billing.refund', notes: 'Refund issued' });
    await alice.next('conversation.resolved', (e) => e.conversationId === conversationId);
    const stored = await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(stored).toMatchObject({
      status: 'resolved',
      disposition: 'billing.refund',
      wrapUpNotes: 'Refund issued',
    });
  });

  it('closes a conversation like resolve', async () => {
    const conversationId = await contact('close-1');
    const closed = await alice.command({ type: 'conversation.close', conversationId });
    expect(closed).toEqual({ ok: true, commandId: closed.commandId });
    await alice.next('conversation.resolved', (e) => e.conversationId === conversationId);
    const stored = await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(stored.status).toBe('resolved');
    // Closing again is answered as done (it is), not refused.
    expect(await alice.command({ type: 'conversation.close', conversationId })).toMatchObject({ ok: true });
  });
});
