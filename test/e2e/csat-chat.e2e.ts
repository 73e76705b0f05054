// The CSAT survey on web chat end to end, on the embedded default and on real Kafka and PostgreSQL: after the
// agent resolves, the visitor is sent the survey on the same socket, rates 4 with a comment, and the answer
// is stored once with the agent and channel; a second rating is refused, and a stranger cannot rate it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { availableAgent, chatInbox } from '../support/scenario';
import { VisitorClient } from '../support/visitor-client';

describe.each<Mode>(['embedded', 'kafka+postgres'])('CSAT survey on web chat (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let inboxId: string;
  let alice: AgentClient;
  let supervisor: AgentClient;

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '120', CSAT_CHANNELS: 'chat' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 2 } }]);
    inboxId = await chatInbox(harness, tenant, 'csat');
    alice = await availableAgent(harness, tenant);
    const boss = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    supervisor = await AgentClient.connect(harness.url, boss.token ?? '');
  }, 120_000);

  afterAll(async () => {
    alice?.close();
    supervisor?.close();
    await harness?.close();
  });

  it('surveys the visitor after resolution and stores their rating once', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    const visitor = await VisitorClient.connect(harness.url, session.token);
    expect(await visitor.say('m-1', 'My invoice is wrong')).toMatchObject({ ok: true });
    const conversationId = (await visitor.next('message.stored')).conversationId as string;
    const offer = await alice.next('offer.created', (e) => e.conversationId === conversationId);
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await visitor.next('assigned');
    // Rating before the survey went out is refused: nothing was asked yet.
    expect(await visitor.emit('csat', { conversationId, score: 5 })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });

    expect((await alice.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);
    await visitor.next('resolved');
    const survey = await visitor.next('reply', (r) => r.kind === 'csat-survey');
    expect(survey).toMatchObject({ conversationId });
    expect(
      await harness.prisma.message.findUnique({ where: { id: survey.messageId as string } }),
    ).toMatchObject({
      direction: 'outbound',
      agentId: null,
      systemKind: 'csat-survey',
    });

    expect(await visitor.emit('csat', { conversationId, score: 4, comment: 'Sorted in minutes' })).toEqual({
      ok: true,
    });
    expect(await visitor.emit('csat', { conversationId, score: 1 })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(await visitor.emit('csat', { conversationId, score: 9 })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });

    // Announced once stored, to supervisors and to the agent who handled it.
    const announced = {
      conversationId,
      score: 4,
      comment: 'Sorted in minutes',
      agentId: tenant.agents[0].id,
    };
    expect(await supervisor.next('csat.received', (e) => e.conversationId === conversationId)).toMatchObject({
      ...announced,
      channel: 'chat',
    });
    expect(await alice.next('csat.received', (e) => e.conversationId === conversationId)).toMatchObject(
      announced,
    );

    // Another visitor of the same tenant cannot rate someone else's conversation.
    const stranger = await VisitorClient.connect(
      harness.url,
      (await VisitorClient.session(harness.url, inboxId)).token,
    );
    expect(await stranger.emit('csat', { conversationId, score: 1 })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    stranger.close();

    const stored = await harness.prisma.csatResponse.findMany({ where: { conversationId } });
    expect(stored).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        score: 4,
        comment: 'Sorted in minutes',
        channel: 'chat',
        agentId: tenant.agents[0].id,
      }),
    ]);
    visitor.close();
  });
});
