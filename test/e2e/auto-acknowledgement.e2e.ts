// The auto-acknowledgement end to end, on the embedded default and on real Kafka and PostgreSQL: a chat visitor
// left waiting is told their estimated wait (live queue, agents' capacity, recent handle times) as a system
// message; the prediction is stored and scored against the actual wait by the assignment that answers it; a
// tenant with nobody serving is told so honestly; the accuracy report gives the per-queue figures, as JSON
// and CSV, to supervisors of the tenant only.
import type { PrismaClient } from '@switchboard/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { VisitorClient } from '../support/visitor-client';

const MIN = 60_000;

async function chatInbox(prisma: PrismaClient, tenantId: string): Promise<string> {
  const inbox = await prisma.inbox.create({
    data: { tenantId, channel: 'chat', name: 'Website', address: `website-${tenantId}` },
  });
  return inbox.id;
}

/** A finished conversation of the tenant, for handle-time history and stored predictions. */
async function pastConversation(prisma: PrismaClient, tenantId: string, queueId: string | null = null) {
  const customer = await prisma.customer.create({ data: { tenantId } });
  return prisma.conversation.create({
    data: {
      tenantId,
      customerId: customer.id,
      channel: 'chat',
      queueId,
      status: 'resolved',
      lastMessageAt: new Date(Date.now() - 60 * MIN),
    },
  });
}

async function visitorSays(url: string, inboxId: string, id: string, body: string) {
  const session = await VisitorClient.session(url, inboxId);
  const visitor = await VisitorClient.connect(url, session.token);
  expect(await visitor.say(id, body)).toMatchObject({ ok: true });
  const conversationId = (await visitor.next('message.stored')).conversationId as string;
  return { visitor, conversationId };
}

describe.each<Mode>(['embedded', 'kafka+postgres'])(
  'auto-acknowledgement and wait estimates (%s)',
  (mode) => {
    let harness: Harness;
    let tenant: TenantFixture;
    let inboxId: string;
    let alice: AgentClient;
    const visitors: VisitorClient[] = [];

    beforeAll(async () => {
      harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '120', AUTO_ACK_CHANNELS: 'chat' });
      tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 1 } }]);
      inboxId = await chatInbox(harness.prisma, tenant.id);
      // Handle-time history the router reads when it first needs an estimate: three 4-minute chats.
      for (let i = 0; i < 3; i++) {
        const past = await pastConversation(harness.prisma, tenant.id);
        const assignedAt = Date.now() - (50 - i * 10) * MIN;
        await harness.prisma.assignment.create({
          data: {
            tenantId: tenant.id,
            conversationId: past.id,
            agentId: tenant.agents[0].id,
            assignedAt: new Date(assignedAt),
            endedAt: new Date(assignedAt + 4 * MIN),
          },
        });
      }
      const { email, password } = tenant.agents[0];
      alice = await AgentClient.connect(
        harness.url,
        await AgentClient.login(harness.url, tenant.slug, email, password),
      );
      expect((await alice.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    }, 120_000);

    afterAll(async () => {
      for (const v of visitors) v.close();
      alice?.close();
      await harness?.close();
    });

    it('tells a waiting visitor the estimated wait, and scores the stored prediction when answered', async () => {
      // The first visitor is offered to alice at once: the agent is the acknowledgement, nothing else is sent.
      const first = await visitorSays(harness.url, inboxId, 'v1-m1', 'Hi, where is my parcel?');
      visitors.push(first.visitor);
      const offer = await alice.next('offer.created', (e) => e.conversationId === first.conversationId);
      expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
      await first.visitor.next('assigned');

      // Alice is now full: the second visitor is first in line for her one slot, which frees after ~4 min.
      const second = await visitorSays(harness.url, inboxId, 'v2-m1', 'Hello, can I change my address?');
      visitors.push(second.visitor);
      const ack = await second.visitor.next('reply', (r) => r.kind === 'auto-ack');
      expect(ack).toMatchObject({
        conversationId: second.conversationId,
        body: "Thanks for your message. We'll be with you in about 4 minutes.",
      });
      // A system message is a receipted outbound message with no agent, like a reply.
      expect(await second.visitor.emit('receipt', { messageId: ack.messageId })).toEqual({ ok: true });
      await expect
        .poll(() => harness.prisma.message.findUnique({ where: { id: ack.messageId as string } }), {
          timeout: 20_000,
        })
        .toMatchObject({
          direction: 'outbound',
          agentId: null,
          systemKind: 'auto-ack',
          deliveryStatus: 'delivered',
        });
      // Whoever reads the conversation sees the acknowledgement marked as the router's own.
      const reader = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
      const detail = await reader.get<{ messages: Record<string, unknown>[] }>(
        `/v1/conversations/${second.conversationId}`,
      );
      expect(detail.body.messages).toContainEqual(
        expect.objectContaining({
          id: ack.messageId,
          direction: 'outbound',
          systemKind: 'auto-ack',
          body: ack.body,
        }),
      );
      const stored = await harness.prisma.waitEstimate.findFirstOrThrow({
        where: { tenantId: tenant.id, conversationId: second.conversationId },
      });
      expect(stored).toMatchObject({ predictedMs: 4 * MIN, answeredAt: null, queueId: null });
      expect(stored.basis).toMatchObject({ kind: 'queue', position: 1, releasesNeeded: 1, slots: 1 });
      // Earlier pushes came first: had the first visitor been acknowledged, it would precede `assigned`.
      expect(first.visitor.events.filter((e) => e.name === 'reply')).toEqual([]);

      // Alice finishes the first chat, is offered the second and accepts: the prediction is scored.
      expect(
        (await alice.command({ type: 'conversation.resolve', conversationId: first.conversationId })).ok,
      ).toBe(true);
      const next = await alice.next('offer.created', (e) => e.conversationId === second.conversationId);
      expect((await alice.command({ type: 'offer.accept', offerId: next.offerId })).ok).toBe(true);
      await second.visitor.next('assigned');
      const scored = await harness.prisma.waitEstimate.findUniqueOrThrow({ where: { id: stored.id } });
      const assignment = await harness.prisma.assignment.findFirstOrThrow({
        where: { conversationId: second.conversationId },
      });
      expect(scored.answeredAt).toEqual(assignment.assignedAt);
      const actual = assignment.assignedAt.getTime() - scored.arrivedAt.getTime();
      expect(Math.abs((scored.actualMs ?? Number.NaN) - actual)).toBeLessThanOrEqual(1);
      expect(scored.errorMs).toBe(Math.abs(4 * MIN - (scored.actualMs ?? Number.NaN)));
    });

    it('says so honestly when nobody serves the queue, and keeps the prediction without a number', async () => {
      const quiet = await createTenantFixture(harness.prisma, [{ name: 'offline-olga' }]);
      const quietInbox = await chatInbox(harness.prisma, quiet.id);
      const { visitor, conversationId } = await visitorSays(harness.url, quietInbox, 'q-m1', 'Anyone there?');
      visitors.push(visitor);
      const ack = await visitor.next('reply', (r) => r.kind === 'auto-ack');
      expect(ack.body).toBe("Thanks for your message. We'll reply as soon as someone is available.");
      const stored = await harness.prisma.waitEstimate.findFirstOrThrow({ where: { conversationId } });
      expect(stored).toMatchObject({ tenantId: quiet.id, predictedMs: null });
      expect(stored.basis).toMatchObject({ kind: 'unknown', reason: 'no-agents-serving' });
    });

    it('reports accuracy per queue from stored predictions, to supervisors of the tenant only', async () => {
      const sales = await harness.prisma.queue.create({ data: { tenantId: tenant.id, name: 'sales' } });
      const arrived = Date.parse('2026-01-05T10:00:00.000Z');
      // predicted vs actual: +10 s (within), -80 s (outside), +30 s (within, on the boundary).
      const cases = [
        { predicted: 60_000, actual: 50_000 },
        { predicted: 120_000, actual: 200_000 },
        { predicted: 30_000, actual: 0 },
      ];
      for (const c of cases) {
        const conversation = await pastConversation(harness.prisma, tenant.id, sales.id);
        await harness.prisma.waitEstimate.create({
          data: {
            tenantId: tenant.id,
            conversationId: conversation.id,
            queueId: sales.id,
            channel: 'chat',
            arrivedAt: new Date(arrived),
            madeAt: new Date(arrived),
            predictedMs: c.predicted,
            answeredAt: new Date(arrived + c.actual),
            actualMs: c.actual,
            errorMs: Math.abs(c.predicted - c.actual),
          },
        });
      }
      const period = '?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z';
      const supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
      const report = await supervisor.get<{ queues: Record<string, unknown>[] }>(
        `/v1/reports/wait-estimates${period}`,
      );
      expect(report.status).toBe(200);
      expect(report.body.queues).toEqual([
        {
          queueId: sales.id,
          queueName: 'sales',
          count: 3,
          meanAbsoluteErrorMs: 40_000, // (10 + 80 + 30) / 3 s
          within30sShare: 2 / 3,
          biasMs: -40_000 / 3, // (10 - 80 + 30) / 3 s
        },
      ]);
      const csv = await fetch(`${harness.url}/v1/reports/wait-estimates${period}&format=csv`, {
        headers: { authorization: `Bearer ${supervisor.token ?? ''}` },
      });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect((await csv.text()).split('\r\n')).toEqual([
        'queueId,queueName,count,meanAbsoluteErrorMs,within30sShare,biasMs',
        `${sales.id},sales,3,40000,${2 / 3},${-40_000 / 3}`,
        '',
      ]);

      // Another tenant's supervisor sees nothing of it; an agent may not read reports at all.
      const other = await createTenantFixture(harness.prisma, [{ name: 'zed' }]);
      const stranger = await ApiClient.as(harness.url, harness.prisma, other, 'supervisor');
      const theirs = await stranger.get<{ queues: unknown[] }>(`/v1/reports/wait-estimates${period}`);
      expect(theirs).toMatchObject({ status: 200, body: { queues: [] } });
      const agent = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
      expect((await agent.get(`/v1/reports/wait-estimates${period}`)).status).toBe(403);
    });
  },
);
