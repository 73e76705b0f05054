// A console's `command` ack carries the router's outcome for that command (ADR 0027): done, or the refusal's code,
// and validation errors name the field. Two tabs of one agent racing on one offer get exactly one `ok`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { postChatContact } from '../support/scenario';

interface Ack {
  ok: boolean;
  commandId?: string;
  code?: string;
  message?: string;
  errors?: Array<{ path: string }>;
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('command outcomes in the ack (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let tabs: AgentClient[] = [];

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '60' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 2 } }]);
    const { email, password } = tenant.agents[0];
    const token = await AgentClient.login(harness.url, tenant.slug, email, password);
    tabs = [await AgentClient.connect(harness.url, token), await AgentClient.connect(harness.url, token)];
  });

  afterAll(async () => {
    for (const tab of tabs) tab.close();
    await harness?.close();
  });

  it("answers with the router's outcome: ok once applied", async () => {
    const ack = (await tabs[0].command({ type: 'status.set', status: 'available' })) as Ack;
    expect(ack).toEqual({ ok: true, commandId: expect.any(String) as string });
    // The outcome came after the commit: the event it announces is already on its way.
    await tabs[0].next('agent.status-changed', (e) => e.status === 'available');
  });

  it('gives exactly one of two tabs racing on one offer (accept and decline) ok, the other OFFER_NOT_LIVE', async () => {
    await postChatContact(harness, tenant, 'race-1');
    const offer = await tabs[0].next('offer.created', (e) => e.preview === 'Hello from race-1');
    const acks = (await Promise.all([
      tabs[0].command({ type: 'offer.accept', offerId: offer.offerId }),
      tabs[1].command({ type: 'offer.decline', offerId: offer.offerId }),
    ])) as Ack[];
    const winners = acks.filter((a) => a.ok);
    const losers = acks.filter((a) => !a.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([
      expect.objectContaining({ ok: false, code: 'OFFER_NOT_LIVE', commandId: expect.any(String) as string }),
    ]);
    expect(losers[0].message).toContain(String(offer.offerId));
    const closed = await tabs[0].next('offer.closed', (e) => e.offerId === offer.offerId);
    const stored = await harness.prisma.offer.findUniqueOrThrow({ where: { id: offer.offerId as string } });
    // The ack that won describes what was stored.
    expect(stored.status).toBe(acks[0].ok ? 'accepted' : 'declined');
    expect(closed.outcome).toBe(stored.status);
  });

  it('gives exactly one of two tabs accepting one offer ok, the other OFFER_NOT_LIVE', async () => {
    await postChatContact(harness, tenant, 'race-2');
    const offer = await tabs[0].next('offer.created', (e) => e.preview === 'Hello from race-2');
    const acks = (await Promise.all([
      tabs[0].command({ type: 'offer.accept', offerId: offer.offerId }),
      tabs[1].command({ type: 'offer.accept', offerId: offer.offerId }),
    ])) as Ack[];
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok)).toEqual([
      expect.objectContaining({ ok: false, code: 'OFFER_NOT_LIVE', commandId: expect.any(String) as string }),
    ]);
    await tabs[0].next('assignment.created', (e) => e.offerId === offer.offerId);
    expect(await harness.prisma.assignment.count({ where: { offerId: offer.offerId as string } })).toBe(1);
  });

  it('refuses a malformed command at the gateway, naming the field, with no command id', async () => {
    const missing = (await tabs[0].command({ type: 'offer.accept' })) as Ack;
    expect(missing).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', errors: [{ path: 'offerId' }] });
    expect(missing.commandId).toBeUndefined();
    const unknown = (await tabs[0].command({ type: 'conversation.teleport' })) as Ack;
    expect(unknown).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', errors: [{ path: 'type' }] });
  });

  it("refuses a command on a conversation that is not the agent's with FORBIDDEN", async () => {
    const ack = (await tabs[0].command({
      type: 'conversation.resolve',
      conversationId: '00000000-0000-7000-8000-000000000000',
    })) as Ack;
    expect(ack).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
