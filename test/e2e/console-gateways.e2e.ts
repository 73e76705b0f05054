// The console stream across gateways, on real Kafka and PostgreSQL (ADR 0026): one gateway in the test process
// (with the router), another as a built process. Every gateway reads every event, so an agent on either gets
// all of theirs; a console that reconnects to the other gateway, or to a restarted one, resumes from its seq
// with no gap and no duplicate.
import type { RoutingEventType, RoutingEventV1 } from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingEventOf } from '../../libs/gateway-api/src/realtime/routing-event.fixture';
import type { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { commitEvents, createSupervisor, openConsole, receivedSeqs } from '../support/console-stream';
import { launchRole, stopRole, type RoleProcess } from '../support/faults/role-process';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('console stream across gateways (kafka+postgres)', () => {
  let harness: Harness;
  let far: RoleProcess | undefined;
  let logDir: string;
  let tenant: TenantFixture;
  let supervisorEmail: string;
  let seq = 0;
  const open: AgentClient[] = [];

  async function startFar(): Promise<RoleProcess> {
    // Ready means its relays consume already: a new gateway's live tail is pinned before it listens.
    return launchRole('gateway', { ...process.env, ...harness.env }, logDir);
  }

  /** The tenant's next event, for one of its agents. */
  function next(type: RoutingEventType, agent: number): RoutingEventV1 {
    return routingEventOf(type, {
      tenantId: tenant.id,
      seq: ++seq,
      eventId: randomUUID(),
      at: new Date().toISOString(),
      agentId: tenant.agents[agent].id,
    });
  }

  const commit = (...events: RoutingEventV1[]) =>
    commitEvents(harness.prisma, harness.app.get<Bus>(BUS), harness.config.topics.routingEvents, events);

  async function connect(url: string, email: string, options: Parameters<typeof openConsole>[3] = {}) {
    const client = await openConsole(url, tenant, email, options);
    open.push(client);
    return client;
  }

  beforeAll(async () => {
    harness = await startHarness('kafka+postgres', { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    logDir = await mkdtemp(join(tmpdir(), 'switchboard-console-gateways-'));
    far = await startFar();
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ada' }, { name: 'bo' }]);
    supervisorEmail = await createSupervisor(harness.prisma, tenant);
  });

  afterAll(async () => {
    for (const client of open) client.close();
    await stopRole(far);
    await harness?.close();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  it('pushes every event to its agent and the supervisors, whichever gateway their socket is on', async () => {
    const ada = await connect(harness.url, tenant.agents[0].email);
    const bo = await connect(far!.url, tenant.agents[1].email);
    const supervisor = await connect(far!.url, supervisorEmail, { namespace: '/supervisors' });
    await commit(
      next('offer.created', 0),
      next('offer.created', 1),
      next('assignment.created', 0),
      next('assignment.created', 1),
      next('offer.closed', 0),
      next('offer.closed', 1),
    );
    await ada.next('offer.closed', (e) => e.seq === 5);
    await bo.next('offer.closed', (e) => e.seq === 6);
    await supervisor.next('offer.closed', (e) => e.seq === 6);
    expect(receivedSeqs(ada)).toEqual([1, 3, 5]);
    expect(receivedSeqs(bo)).toEqual([2, 4, 6]);
    expect(receivedSeqs(supervisor)).toEqual([1, 2, 3, 4, 5, 6]);
    ada.close();
    supervisor.close();
  });

  it('resumes on the other gateway from the last seq seen, with no gap and no duplicate', async () => {
    await commit(next('message.received', 0), next('message.received', 1), next('reply.created', 0));
    const ada = await connect(far!.url, tenant.agents[0].email, { lastSeq: 5 });
    expect(await ada.next('replayed')).toEqual({ fromSeq: 5, toSeq: 9, count: 2 });
    await commit(next('delivery.status', 0));
    await ada.next('delivery.status', (e) => e.seq === 10);
    expect(receivedSeqs(ada)).toEqual([7, 9, 10]);
    expect(ada.events.map((e) => e.name)).toEqual([
      'ready',
      'message.new',
      'message.new',
      'replayed',
      'delivery.status',
    ]);
  });

  it('resumes after the gateway restarted, with no gap and no duplicate', async () => {
    const supervisor = await connect(far!.url, supervisorEmail, { namespace: '/supervisors', lastSeq: 6 });
    await supervisor.next('replayed');
    expect(receivedSeqs(supervisor)).toEqual([7, 8, 9, 10]);
    supervisor.close();
    await stopRole(far);
    // Events while the only gateway the console knew is down.
    await commit(next('conversation.resolved', 0), next('conversation.resolved', 1));
    far = await startFar();
    const again = await connect(far.url, supervisorEmail, { namespace: '/supervisors', lastSeq: 10 });
    expect(await again.next('replayed')).toEqual({ fromSeq: 10, toSeq: 12, count: 2 });
    await commit(next('agent.status-changed', 1));
    await again.next('presence', (e) => e.seq === 13);
    expect(receivedSeqs(again)).toEqual([11, 12, 13]);
  });

  it('loses and repeats nothing of what is committed while a replay runs', async () => {
    const from = seq;
    await commit(...Array.from({ length: 400 }, (_, i) => next('offer.closed', i % 2)));
    const connecting = connect(far!.url, supervisorEmail, { namespace: '/supervisors', lastSeq: from });
    // Committed in small batches while the console connects and its replay reads the log.
    for (let batch = 0; batch < 10; batch++)
      await commit(...Array.from({ length: 10 }, (_, i) => next('offer.created', i % 2)));
    const supervisor = await connecting;
    await supervisor.next('offer.created', (e) => e.seq === seq);
    const expected = Array.from({ length: seq - from }, (_, i) => from + 1 + i);
    expect(receivedSeqs(supervisor)).toEqual(expected);
  });
});
