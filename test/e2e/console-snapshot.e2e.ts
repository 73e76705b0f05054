// GET /v1/console/snapshot on the running engine: an agent's own work and a supervisor's wallboard, each at the
// event log position (headSeq) it is consistent with; always the caller's tenant, never without a token.
import { ConsoleSnapshotSchema, ROUTING_EVENT_V1, type RoutingEventV1 } from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { commitEvents, createSupervisor } from '../support/console-stream';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe.each(['embedded', 'kafka+postgres'] as const)('console snapshot (%s)', (mode) => {
  let harness: Harness;
  let a: TenantFixture;
  let b: TenantFixture;
  let agentToken: string;
  let supervisorToken: string;
  let agent: AgentClient;
  let queueId: string;
  /** `connected` of an agent with no console on this gateway. */
  const notHere = mode === 'embedded' ? false : null;

  const snapshot = async (token: string | null, query = '') => {
    const response = await fetch(`${harness.url}/v1/console/snapshot${query}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const headSeqOf = async (tenantId: string) =>
    Number(
      (await harness.prisma.routingEvent.aggregate({ where: { tenantId }, _max: { seq: true } }))._max.seq ??
        0,
    );

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    a = await createTenantFixture(harness.prisma, [{ name: 'ada' }]);
    b = await createTenantFixture(harness.prisma, [{ name: 'bo' }]);
    queueId = (await harness.prisma.queue.create({ data: { tenantId: a.id, name: 'billing' } })).id;
    const { email, password } = a.agents[0];
    agentToken = await AgentClient.login(harness.url, a.slug, email, password);
    supervisorToken = await AgentClient.login(
      harness.url,
      a.slug,
      await createSupervisor(harness.prisma, a),
      password,
    );
    agent = await AgentClient.connect(harness.url, agentToken);
    await agent.command({ type: 'status.set', status: 'available' });
    await agent.next('agent.status-changed');
  });

  afterAll(async () => {
    agent?.close();
    await harness?.close();
  });

  it('refuses a missing or forged token, and views a role may not have', async () => {
    for (const token of [null, 'forged.token.value']) {
      const refused = await snapshot(token);
      expect(refused.status).toBe(401);
      expect(refused.type).toContain('application/problem+json');
    }
    const agentAsSupervisor = await snapshot(agentToken, '?view=supervisor');
    expect(agentAsSupervisor.status).toBe(403);
    const noProfile = await snapshot(supervisorToken, '?view=agent');
    expect(noProfile.status).toBe(400);
    expect(JSON.stringify(noProfile.body)).toContain('view');
    expect((await snapshot(agentToken, '?view=other')).status).toBe(400);
  });

  it("shows the agent their offer, then the conversation they accepted, at the log's head", async () => {
    const sent = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': a.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: randomUUID(),
        from: { address: 'cust@example.com', displayName: 'Cleo' },
        body: 'Where is my parcel?',
        sentAt: new Date().toISOString(),
        queue: 'billing',
      }),
    });
    expect(sent.status).toBe(202);
    const offer = await agent.next('offer.created');

    const offered = ConsoleSnapshotSchema.parse((await snapshot(agentToken)).body);
    if (offered.role !== 'agent') throw new Error('expected the agent view');
    expect(offered.headSeq).toBe(await headSeqOf(a.id));
    expect(offered.agent).toMatchObject({ agentId: a.agents[0].id, name: 'ada', status: 'available' });
    expect(offered.offers).toEqual([
      expect.objectContaining({
        offerId: offer.offerId,
        conversationId: offer.conversationId,
        preview: 'Where is my parcel?',
      }),
    ]);
    const board = ConsoleSnapshotSchema.parse((await snapshot(supervisorToken)).body);
    if (board.role !== 'supervisor') throw new Error('expected the supervisor view');
    expect(board.queues).toEqual([expect.objectContaining({ queueId, name: 'billing', waiting: 1 })]);
    expect(board.agents).toEqual([
      // Their console is open on this gateway, which is how the gateway knows.
      expect.objectContaining({ agentId: a.agents[0].id, load: 1, connected: true }),
    ]);

    await agent.command({ type: 'offer.accept', offerId: offer.offerId });
    await agent.next('assignment.created');
    const working = ConsoleSnapshotSchema.parse((await snapshot(agentToken)).body);
    if (working.role !== 'agent') throw new Error('expected the agent view');
    expect(working.headSeq).toBe(await headSeqOf(a.id));
    expect(working.offers).toEqual([]);
    expect(working.conversations).toEqual([
      expect.objectContaining({
        conversationId: offer.conversationId,
        customerName: 'Cleo',
        queueId,
        lastMessagePreview: 'Where is my parcel?',
      }),
    ]);
  });

  it("lists the last day's breaches for the tenant's supervisors only", async () => {
    const breach: RoutingEventV1 = {
      schema: ROUTING_EVENT_V1,
      eventId: randomUUID(),
      tenantId: b.id,
      seq: 1,
      at: new Date().toISOString(),
      type: 'sla.breached',
      conversationId: 'c-late',
      agentId: null,
      queueId: null,
      target: 'firstResponse',
      run: 1,
      policyId: null,
      targetMs: 60_000,
      deadline: null,
      elapsedMs: 61_000,
      carriedOverMs: 0,
      withinTarget: false,
      actions: [],
    };
    await commitEvents(harness.prisma, harness.app.get<Bus>(BUS), harness.config.topics.routingEvents, [
      breach,
    ]);
    const otherToken = await AgentClient.login(
      harness.url,
      b.slug,
      await createSupervisor(harness.prisma, b),
      b.agents[0].password,
    );
    const other = ConsoleSnapshotSchema.parse((await snapshot(otherToken)).body);
    if (other.role !== 'supervisor') throw new Error('expected the supervisor view');
    expect(other.headSeq).toBe(1);
    expect(other.breaches).toEqual([
      { conversationId: 'c-late', queueId: null, agentId: null, target: 'firstResponse', at: breach.at },
    ]);
    expect(other.queues).toEqual([]);
    expect(other.agents.map((row) => row.agentId)).toEqual([b.agents[0].id]);
    // No console of theirs anywhere: the embedded gateway is the only one and knows it; a Kafka gateway cannot
    // see the others' sockets, so it says it does not know.
    expect(other.agents[0]?.connected).toBe(notHere);
    const mine = ConsoleSnapshotSchema.parse((await snapshot(supervisorToken)).body);
    expect(mine.role === 'supervisor' && mine.breaches).toEqual([]);
  });

  it('shows an agent whose console closed as no longer connected here', async () => {
    agent.close();
    const connectedOf = async () => {
      const board = ConsoleSnapshotSchema.parse((await snapshot(supervisorToken)).body);
      if (board.role !== 'supervisor') throw new Error('expected the supervisor view');
      return board.agents.find((row) => row.agentId === a.agents[0].id)?.connected;
    };
    await expect.poll(connectedOf, { timeout: 10_000 }).toBe(notHere);
  });
});
