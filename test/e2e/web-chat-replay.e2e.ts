// Web chat replay, on real Kafka and PostgreSQL and on the embedded default: a visitor whose socket dropped
// reconnects with the last routing-event seq it saw and is sent what it missed (replies, then the end of the
// conversation), in order and once, before `ready`; a visitor who missed nothing is sent nothing extra.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture } from '../support/fixtures';
import { availableAgent } from '../support/scenario';
import { VisitorClient } from '../support/visitor-client';

describe.each<Mode>(['kafka+postgres', 'embedded'])('web chat replay (%s)', (mode) => {
  let harness: Harness;
  let inboxId: string;
  let alice: AgentClient;

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '60', CSAT_CHANNELS: 'chat' });
    const tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 5 } }]);
    inboxId = (
      await harness.prisma.inbox.create({
        data: { tenantId: tenant.id, channel: 'chat', name: 'Website', address: 'website' },
      })
    ).id;
    alice = await availableAgent(harness, tenant);
  });

  afterAll(async () => {
    alice?.close();
    await harness?.close();
  });

  async function reply(conversationId: string, body: string): Promise<void> {
    const clientMessageId = body.replace(/\W+/g, '-');
    expect(
      (await alice.command({ type: 'conversation.reply', conversationId, body, clientMessageId })).ok,
    ).toBe(true);
    // In the event log and published: what a gateway would push to a connected visitor.
    await alice.next('reply.created', (e) => e.body === body);
  }

  it('replays missed replies in order and once, sends nothing extra when nothing was missed', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    const visitor = await VisitorClient.connect(harness.url, session.token);
    expect(await visitor.say('m-1', 'Hello')).toMatchObject({ ok: true });
    const conversationId = (await visitor.next('message.stored')).conversationId as string;
    const offer = await alice.next('offer.created', (e) => e.conversationId === conversationId);
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await visitor.next('assigned');
    await reply(conversationId, 'Seen live');
    await visitor.next('reply', (r) => r.body === 'Seen live');

    // The socket drops; the agent answers twice meanwhile.
    const cursor = visitor.lastSeq();
    visitor.close();
    await reply(conversationId, 'Missed one');
    await reply(conversationId, 'Missed two');

    // Back with the cursor: both replies, in order, once, before `ready`; not the one already seen.
    const back = await VisitorClient.connect(harness.url, session.token, undefined, cursor);
    expect(back.received()).toEqual(['reply:Missed one', 'reply:Missed two', 'ready']);
    expect(await back.next('ready')).toMatchObject({ conversationId, status: 'assigned', replayed: 2 });
    // A replayed reply is acknowledged like a live one.
    const missed = await back.next('reply', (r) => r.body === 'Missed two');
    expect(await back.emit('receipt', { messageId: missed.messageId })).toEqual({ ok: true });

    // Back again having missed nothing: the next live reply is the first thing after `ready`.
    const upToDate = back.lastSeq();
    back.close();
    const again = await VisitorClient.connect(harness.url, session.token, undefined, upToDate);
    await reply(conversationId, 'Live again');
    await again.next('reply', (r) => r.body === 'Live again');
    expect(again.received()).toEqual(['ready', 'reply:Live again']);
    expect(await again.next('ready')).toMatchObject({ replayed: 0 });

    // The conversation ends while the visitor is away: they learn it on their return.
    const beforeEnd = again.lastSeq();
    again.close();
    expect((await alice.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);
    await alice.next('conversation.resolved', (e) => e.conversationId === conversationId);
    const last = await VisitorClient.connect(harness.url, session.token, undefined, beforeEnd);
    // The CSAT survey that followed the end is replayed with it (ADR 0025).
    expect(last.received()).toEqual(['resolved', expect.stringMatching(/^reply:How did we do\?/), 'ready']);
    expect(await last.next('resolved')).toMatchObject({ conversationId });
    expect(await last.next('ready')).toMatchObject({ conversationId: null });
    last.close();
  });

  it('gives a first-time visitor no replay and a cursor from the log, and refuses a malformed cursor', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    const visitor = await VisitorClient.connect(harness.url, session.token);
    const ready = await visitor.next('ready');
    expect(ready).toMatchObject({ replayed: 0 });
    expect(ready.seq).toBeGreaterThanOrEqual(0);
    visitor.close();
    await expect(VisitorClient.connect(harness.url, session.token, undefined, -1)).rejects.toThrow(
      /UNAUTHENTICATED/,
    );
  });
});
