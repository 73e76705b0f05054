// The console stream over real sockets (ADR 0026): who may connect to which namespace, what each console is
// pushed and never outside its tenant, the replay of what a reconnecting console missed, resync beyond the window,
// queue watching and queue.stats.
import {
  ConsoleEventSchema,
  ConsoleReadySchema,
  ConsoleReplayedSchema,
  ConsoleResyncSchema,
  QUEUE_STATS_V1,
  type RoutingEventType,
  type RoutingEventV1,
} from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingEventOf } from '../../libs/gateway-api/src/realtime/routing-event.fixture';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import {
  commitEvents,
  createSupervisor,
  expiredToken,
  openConsole,
  receivedSeqs,
} from '../support/console-stream';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const WINDOW = 6;

describe('console stream (embedded)', () => {
  let harness: Harness;
  let bus: Bus;
  let a: TenantFixture;
  let b: TenantFixture;
  let supA: string;
  let supB: string;
  const open: AgentClient[] = [];
  const seqs = new Map<string, number>();

  /** The tenant's next event of that type, naming its first agent. */
  function next<T extends RoutingEventType>(
    tenant: TenantFixture,
    type: T,
    overrides: Partial<RoutingEventV1> = {},
  ) {
    const seq = (seqs.get(tenant.id) ?? 0) + 1;
    seqs.set(tenant.id, seq);
    return routingEventOf(type, {
      tenantId: tenant.id,
      seq,
      eventId: randomUUID(),
      at: new Date().toISOString(),
      ...('agentId' in routingEventOf(type) ? { agentId: tenant.agents[0].id } : {}),
      ...overrides,
    } as never);
  }

  const commit = (...events: RoutingEventV1[]) =>
    commitEvents(harness.prisma, bus, harness.config.topics.routingEvents, events);

  async function connect(
    tenant: TenantFixture,
    email: string,
    options: Parameters<typeof openConsole>[3] = {},
  ) {
    const client = await openConsole(harness.url, tenant, email, options);
    open.push(client);
    return client;
  }

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      CONSOLE_REPLAY_WINDOW: String(WINDOW),
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    });
    bus = harness.app.get<Bus>(BUS);
    a = await createTenantFixture(harness.prisma, [{ name: 'ada' }]);
    b = await createTenantFixture(harness.prisma, [{ name: 'bo' }]);
    supA = await createSupervisor(harness.prisma, a);
    supB = await createSupervisor(harness.prisma, b);
  });

  afterAll(async () => {
    for (const client of open) client.close();
    await harness?.close();
  });

  it('refuses missing, garbage and expired tokens, agents on /supervisors, and a bad cursor', async () => {
    const supervisors = { namespace: '/supervisors' } as const;
    await expect(AgentClient.connect(harness.url, '', supervisors)).rejects.toThrow(/^UNAUTHENTICATED: /);
    await expect(AgentClient.connect(harness.url, 'not.a.jwt', supervisors)).rejects.toThrow(
      /^UNAUTHENTICATED: the token is invalid or expired/,
    );
    const expired = await expiredToken(harness.config.jwt.secret);
    await expect(AgentClient.connect(harness.url, expired, supervisors)).rejects.toThrow(
      /^UNAUTHENTICATED: /,
    );
    await expect(AgentClient.connect(harness.url, expired, { auth: {} })).rejects.toThrow(
      /^UNAUTHENTICATED: /,
    );
    await expect(connect(a, a.agents[0].email, supervisors)).rejects.toThrow(
      /^FORBIDDEN: the supervisors namespace is for supervisors and admins/,
    );
    await expect(connect(a, supA, { ...supervisors, lastSeq: -1 })).rejects.toThrow(
      /^VALIDATION_FAILED: lastSeq/,
    );
  });

  it("pushes each console its tenant's events meant for it, and nothing of another tenant", async () => {
    const supervisor = await connect(a, supA, { namespace: '/supervisors' });
    const agent = await connect(a, a.agents[0].email);
    const otherSupervisor = await connect(b, supB, { namespace: '/supervisors' });
    const otherAgent = await connect(b, b.agents[0].email);
    expect(ConsoleReadySchema.parse(await supervisor.next('ready'))).toEqual({
      tenantId: a.id,
      agentId: null,
      role: 'supervisor',
      headSeq: 0,
    });
    expect(ConsoleReadySchema.parse(await agent.next('ready'))).toMatchObject({ agentId: a.agents[0].id });

    await commit(
      next(a, 'offer.created'),
      next(a, 'conversation.queued'),
      next(a, 'sla.met'),
      next(a, 'offer.created', { agentId: 'someone-else' }),
      next(a, 'agent.status-changed'),
    );
    await supervisor.next('presence', (p) => p.seq === 5);
    await agent.next('presence', (p) => p.seq === 5);
    expect(receivedSeqs(supervisor)).toEqual([1, 2, 4, 5]);
    expect(receivedSeqs(agent)).toEqual([1, 5]);
    for (const { name, payload } of [...supervisor.events, ...agent.events].filter(
      (e) => e.name !== 'ready',
    )) {
      const event = ConsoleEventSchema.parse(payload);
      expect(event.type).toBe(name);
      expect(event.tenantId).toBe(a.id);
    }

    // Tenant b's first event is pushed after all of a's were: had any of a's reached b's sockets, it came first.
    await commit(next(b, 'offer.created'));
    await otherSupervisor.next('offer.created');
    await otherAgent.next('offer.created');
    for (const client of [otherSupervisor, otherAgent])
      expect(
        client.events.filter((e) => e.payload.tenantId !== undefined && e.payload.tenantId !== b.id),
      ).toEqual([]);
  });

  it('replays exactly what a reconnecting console missed, in order, then streams on without a duplicate', async () => {
    const agent = await connect(a, a.agents[0].email, { lastSeq: 1 });
    const supervisor = await connect(a, supA, { namespace: '/supervisors', lastSeq: 1 });
    expect(ConsoleReplayedSchema.parse(await agent.next('replayed'))).toEqual({
      fromSeq: 1,
      toSeq: 5,
      count: 1,
    });
    expect(ConsoleReplayedSchema.parse(await supervisor.next('replayed'))).toEqual({
      fromSeq: 1,
      toSeq: 5,
      count: 3,
    });
    expect(agent.events.map((e) => e.name)).toEqual(['ready', 'presence', 'replayed']);
    expect(receivedSeqs(supervisor)).toEqual([2, 4, 5]);

    await commit(next(a, 'offer.closed'));
    await agent.next('offer.closed');
    await supervisor.next('offer.closed');
    expect(receivedSeqs(agent)).toEqual([5, 6]);
    expect(receivedSeqs(supervisor)).toEqual([2, 4, 5, 6]);
  });

  it('answers resync beyond the replay window and for a cursor ahead of the log, then streams live', async () => {
    await commit(next(a, 'assignment.created'));
    const head = seqs.get(a.id) ?? 0;
    expect(head).toBeGreaterThan(WINDOW);
    const behind = await connect(a, supA, { namespace: '/supervisors', lastSeq: 0 });
    expect(ConsoleResyncSchema.parse(await behind.next('resync'))).toEqual({
      reason: 'beyond-replay-window',
      headSeq: head,
    });
    const ahead = await connect(a, a.agents[0].email, { lastSeq: head + 100 });
    expect(await ahead.next('resync')).toEqual({ reason: 'cursor-ahead', headSeq: head });

    await commit(next(a, 'delivery.status'));
    await behind.next('delivery.status');
    await ahead.next('delivery.status');
    for (const client of [behind, ahead]) {
      expect(receivedSeqs(client)).toEqual([head + 1]);
      expect(client.events.some((e) => e.name === 'replayed')).toBe(false);
    }
  });

  it('sends a queue watcher only its queues, and queue.stats to supervisors of the tenant only', async () => {
    const [q1, q2] = await Promise.all(
      ['billing', 'sales'].map((name) => harness.prisma.queue.create({ data: { tenantId: a.id, name } })),
    );
    const foreign = await harness.prisma.queue.create({ data: { tenantId: b.id, name: 'theirs' } });
    const watcher = await connect(a, supA, { namespace: '/supervisors' });
    const whole = await connect(a, supA, { namespace: '/supervisors' });
    const agent = await connect(a, a.agents[0].email);
    const otherSupervisor = await connect(b, supB, { namespace: '/supervisors' });
    await watcher.next('ready');
    const watch = (queueIds: unknown) => watcher.socket.timeout(10_000).emitWithAck('watch', { queueIds });
    expect(await watch([foreign.id])).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'queueIds.0', message: 'no such queue in this tenant' }],
    });
    expect(await watch(['nope'])).toMatchObject({ ok: false, errors: [{ path: 'queueIds.0' }] });
    expect(await watch([q2.id])).toEqual({ ok: true, queueIds: [q2.id] });

    const queued = next(a, 'conversation.queued', { queueId: q1.id });
    const transferred = next(a, 'conversation.transferred', {
      fromQueueId: q1.id,
      toQueueId: q2.id,
    });
    await commit(queued, transferred);
    await watcher.next('conversation.updated', (p) => p.seq === transferred.seq);
    await whole.next('conversation.updated', (p) => p.seq === transferred.seq);
    expect(receivedSeqs(watcher)).toEqual([transferred.seq]);
    expect(receivedSeqs(whole)).toEqual([queued.seq, transferred.seq]);

    const row = (queueId: string) => ({
      queueId,
      waiting: 2,
      longestWaitMs: 30_000,
      serviceLevelToday: 0.9,
      asaTodayMs: 12_000,
      answeredToday: 9,
      abandonedToday: 1,
    });
    const stats = (tenantId: string, queues: ReturnType<typeof row>[]) => ({
      key: tenantId,
      value: JSON.stringify({
        schema: QUEUE_STATS_V1,
        tenantId,
        at: new Date().toISOString(),
        queues,
        agents: [{ agentId: a.agents[0].id, status: 'available', load: 1, capacity: 2 }],
      }),
    });
    await bus.publish(harness.config.topics.queueStats, [
      { key: a.id, value: '{"schema":"not stats"}' },
      stats(a.id, [row(q1.id), row(q2.id)]),
    ]);
    const all = ConsoleEventSchema.parse(await whole.next('queue.stats'));
    const mine = ConsoleEventSchema.parse(await watcher.next('queue.stats'));
    expect(all).toMatchObject({
      tenantId: a.id,
      seq: null,
      queues: [{ queueId: q1.id }, { queueId: q2.id }],
    });
    expect(mine).toMatchObject({ tenantId: a.id, seq: null, queues: [{ queueId: q2.id }] });
    expect(mine.type === 'queue.stats' && mine.queues).toHaveLength(1);

    // Later pushes on the same sockets prove the earlier ones never came: b's supervisor and a's agent.
    await bus.publish(harness.config.topics.queueStats, [stats(b.id, [row(foreign.id)])]);
    expect(await otherSupervisor.next('queue.stats')).toMatchObject({ tenantId: b.id });
    expect(otherSupervisor.events.filter((e) => e.name === 'queue.stats')).toHaveLength(1);
    await commit(next(a, 'offer.created'));
    await agent.next('offer.created');
    expect(agent.events.some((e) => e.name === 'queue.stats')).toBe(false);
  });
});
