// A supervisor reassigns from /supervisors (`conversation.transfer` only): any open conversation of the tenant,
// to an available agent (who is offered it) or a queue, with the router's outcome as the ack and the supervisor
// named on the event. Agents never reach the namespace; another tenant's conversation is NOT_FOUND.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createSupervisor, openConsole } from '../support/console-stream';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe.each<Mode>(['embedded', 'kafka+postgres'])('supervisor reassign (%s)', (mode) => {
  let harness: Harness;
  let a: TenantFixture;
  let b: TenantFixture;
  let alice: AgentClient;
  let bob: AgentClient;
  let supervisor: AgentClient;
  let otherSupervisor: AgentClient;
  let supervisorUserId: string;
  let escalations: string;
  const open: AgentClient[] = [];

  async function agent(i: number): Promise<AgentClient> {
    const token = await AgentClient.login(harness.url, a.slug, a.agents[i].email, a.agents[i].password);
    const client = await AgentClient.connect(harness.url, token);
    open.push(client);
    return client;
  }

  /** A chat contact Alice is offered and accepts; its conversation id. */
  async function assignedToAlice(id: string): Promise<string> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': a.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: `visitor-${id}@example.com` },
        body: `Hello from ${id}`,
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    const offer = await alice.next('offer.created', (e) => e.preview === `Hello from ${id}`);
    expect(await alice.command({ type: 'offer.accept', offerId: offer.offerId })).toMatchObject({ ok: true });
    return offer.conversationId as string;
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '60', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    a = await createTenantFixture(harness.prisma, [
      { name: 'alice', capacity: { chat: 3 } },
      { name: 'bob', capacity: { chat: 2 } },
    ]);
    b = await createTenantFixture(harness.prisma, [{ name: 'bo' }]);
    // Created before the router first loads the tenant, so it knows the queue.
    escalations = (await harness.prisma.queue.create({ data: { tenantId: a.id, name: 'Escalations' } })).id;
    const supA = await createSupervisor(harness.prisma, a);
    supervisorUserId = (await harness.prisma.user.findFirstOrThrow({ where: { email: supA } })).id;
    [alice, bob] = [await agent(0), await agent(1)];
    supervisor = await openConsole(harness.url, a, supA, { namespace: '/supervisors' });
    otherSupervisor = await openConsole(harness.url, b, await createSupervisor(harness.prisma, b), {
      namespace: '/supervisors',
    });
    open.push(supervisor, otherSupervisor);
    expect(await alice.command({ type: 'status.set', status: 'available' })).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    for (const client of open) client.close();
    await harness?.close();
  });

  it('reassigns an assigned conversation to another available agent, who is offered it', async () => {
    const conversationId = await assignedToAlice('reassign-1');
    expect(await bob.command({ type: 'status.set', status: 'available' })).toMatchObject({ ok: true });
    const ack = await supervisor.command({
      type: 'conversation.transfer',
      conversationId,
      agentId: a.agents[1].id,
      note: 'Bob knows this customer',
    });
    expect(ack).toEqual({ ok: true, commandId: ack.commandId });
    const offer = await bob.next('offer.created', (e) => e.conversationId === conversationId);
    expect(offer.reason).toMatchObject({ rule: 'transfer' });
    const moved = await alice.next('conversation.transferred', (e) => e.conversationId === conversationId);
    expect(moved).toMatchObject({
      agentId: a.agents[0].id,
      toAgentId: a.agents[1].id,
      cause: 'supervisor',
      byUserId: supervisorUserId,
      note: 'Bob knows this customer',
    });
    const update = await supervisor.next(
      'conversation.updated',
      (e) => e.conversationId === conversationId && e.change === 'transferred',
    );
    expect(update.detail).toMatchObject({ cause: 'supervisor', byUserId: supervisorUserId });
    expect(await bob.command({ type: 'offer.accept', offerId: offer.offerId })).toMatchObject({ ok: true });
    const held = await harness.prisma.assignment.findMany({ where: { conversationId, endedAt: null } });
    expect(held.map((row) => row.agentId)).toEqual([a.agents[1].id]);
  });

  it('moves a conversation to a queue, and refuses an unavailable agent with the router’s answer', async () => {
    const conversationId = await assignedToAlice('reassign-2');
    expect(await bob.command({ type: 'status.set', status: 'away' })).toMatchObject({ ok: true });
    expect(
      await supervisor.command({ type: 'conversation.transfer', conversationId, agentId: a.agents[1].id }),
    ).toMatchObject({ ok: false, code: 'AGENT_UNAVAILABLE' });
    expect(
      await supervisor.command({ type: 'conversation.transfer', conversationId, queueId: escalations }),
    ).toMatchObject({ ok: true });
    const moved = await alice.next('conversation.transferred', (e) => e.conversationId === conversationId);
    expect(moved).toMatchObject({ toQueueId: escalations, cause: 'supervisor', byUserId: supervisorUserId });
  });

  it('accepts only transfers, keeps agents off the namespace, and refuses another tenant’s conversation', async () => {
    const conversationId = await assignedToAlice('reassign-3');
    expect(await supervisor.command({ type: 'conversation.close', conversationId })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    const agentToken = await AgentClient.login(harness.url, a.slug, a.agents[0].email, a.agents[0].password);
    await expect(AgentClient.connect(harness.url, agentToken, { namespace: '/supervisors' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    expect(
      await otherSupervisor.command({
        type: 'conversation.transfer',
        conversationId,
        agentId: b.agents[0].id,
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const held = await harness.prisma.assignment.findMany({ where: { conversationId, endedAt: null } });
    expect(held.map((row) => row.agentId)).toEqual([a.agents[0].id]);
  });
});
