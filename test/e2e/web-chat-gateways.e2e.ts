// Typing across gateways, on real Kafka and PostgreSQL: the visitor's socket is on one gateway (a built gateway
// process), the agent's on another (the router and gateway of the test process), as behind a load balancer.
// Visitor typing reaches the agent and agent typing reaches the visitor through the typing topic.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { launchRole, stopRole, tailOf, type RoleProcess } from '../support/faults/role-process';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { VisitorClient } from '../support/visitor-client';

/**
 * Emits until the other side has it: the first signals may precede the far gateway's typing consumer joining
 * its group (it reads new signals only), which is a start-up matter, not the one under test.
 */
async function emitUntilSeen(emit: () => Promise<unknown>, seen: Promise<unknown>): Promise<void> {
  let done = false;
  const waiting = seen.finally(() => (done = true));
  while (!done) {
    await emit();
    await Promise.race([waiting, new Promise((r) => setTimeout(r, 500))]);
  }
  await waiting;
}

describe('web chat typing across gateways (kafka+postgres)', () => {
  let harness: Harness;
  let farGateway: RoleProcess | undefined;
  let logDir: string;
  let tenant: TenantFixture;
  let alice: AgentClient;

  beforeAll(async () => {
    harness = await startHarness('kafka+postgres', { OFFER_TIMEOUT_SECONDS: '60' });
    logDir = await mkdtemp(join(tmpdir(), 'switchboard-chat-gateways-'));
    farGateway = await launchRole('gateway', { ...process.env, ...harness.env, LOG_LEVEL: 'info' }, logDir);
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 5 } }]);
    const { email, password } = tenant.agents[0];
    alice = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
  });

  afterAll(async () => {
    alice?.close();
    await stopRole(farGateway);
    await harness?.close();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  it('carries visitor typing to the agent and agent typing to the visitor, between two gateways', async () => {
    const inbox = await harness.prisma.inbox.create({
      data: { tenantId: tenant.id, channel: 'chat', name: 'Website', address: 'website-gateways' },
    });
    // The visitor on the far gateway, the agent on this one.
    const session = await VisitorClient.session(farGateway!.url, inbox.id);
    const visitor = await VisitorClient.connect(farGateway!.url, session.token);
    try {
      expect(await visitor.say('m-1', 'Anyone there?')).toMatchObject({ ok: true });
      const conversationId = (await visitor.next('message.stored')).conversationId as string;
      expect((await alice.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
      const offer = await alice.next('offer.created', (e) => e.conversationId === conversationId);
      expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
      await visitor.next('assigned');

      await emitUntilSeen(
        () => visitor.emit('typing', { typing: true }),
        alice.next('visitor.typing', (e) => e.conversationId === conversationId && e.typing === true),
      );
      expect(await alice.next('visitor.typing')).toMatchObject({
        conversationId,
        visitorId: session.visitorId,
        typing: true,
      });
      await emitUntilSeen(
        () => alice.socket.timeout(5000).emitWithAck('typing', { conversationId, typing: true }),
        visitor.next('typing', (t) => t.conversationId === conversationId && t.typing === true),
      );
      // Stopping travels too, and nothing of it was stored.
      expect(
        await alice.socket.timeout(5000).emitWithAck('typing', { conversationId, typing: false }),
      ).toEqual({
        ok: true,
      });
      await visitor.next('typing', (t) => t.typing === false);
      // The one message besides the visitor's is the router's acknowledgement (ADR 0025).
      expect(await harness.prisma.message.count({ where: { conversationId, systemKind: null } })).toBe(1);
    } catch (error) {
      throw new Error(`${String(error)}\n${tailOf(farGateway!)}`);
    } finally {
      visitor.close();
    }
  });
});
