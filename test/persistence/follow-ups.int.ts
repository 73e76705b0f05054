// Follow-ups against real PostgreSQL through the router's own batch writer: a follow-up scheduled and cancelled
// in one batch is stored cancelled, and a follow-up whose timer goes off twice (as after a restart) fires once,
// bringing its resolved conversation back to the agent with its next offer numbered after the first.
import type { RoutingEventV1 } from '@switchboard/contracts';
import { openDatabase, type Database } from '@switchboard/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouterStack, command, inbound, type RouterStack } from '../support/faults/in-process-router';
import { createTenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from './test-database';

type Offer = Extract<RoutingEventV1, { type: 'offer.created' }>;

describe('follow-ups in the router batch (postgres)', () => {
  let database: TestDatabase;
  let pool: Database;
  let stack: RouterStack;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    pool = openDatabase({ kind: 'postgres', url: database.target.url });
    stack = buildRouterStack(pool, 'router-a');
  });
  afterAll(async () => {
    await pool?.close();
    await database?.drop();
  });

  /** A tenant whose one agent holds the conversation of message `id`. */
  async function held(id: string) {
    const tenant = await createTenantFixture(database.prisma, [{ name: 'solo', capacity: { chat: 2 } }]);
    const [t, agentId] = [tenant.id, tenant.agents[0].id];
    await database.prisma.agent.update({ where: { id: agentId }, data: { status: 'available' } });
    await stack.run(t, [inbound(t, id)]);
    const offer = stack.published.find((e): e is Offer => e.type === 'offer.created' && e.tenantId === t);
    if (!offer) throw new Error('no offer');
    await stack.run(t, [command(t, agentId, { type: 'offer.accept', offerId: offer.offerId })]);
    return { t, agentId, conversationId: offer.conversationId };
  }

  const inAMinute = (): string => new Date(Date.now() + 60_000).toISOString();
  /** Published events of a kind, each once: a takeover republishes what may not have gone out (at least once). */
  const ofTenant = (t: string, type: RoutingEventV1['type']) => [
    ...new Map(
      stack.published.filter((e) => e.tenantId === t && e.type === type).map((e) => [e.eventId, e]),
    ).values(),
  ];

  it('stores a follow-up scheduled and cancelled in one batch as cancelled', async () => {
    const { t, agentId, conversationId } = await held('same-batch');
    const schedule = command(t, agentId, { type: 'conversation.follow-up', conversationId, at: inAMinute() });
    const followUpId = schedule.kind === 'command' ? schedule.record.commandId : '';
    await stack.run(t, [
      schedule,
      command(t, agentId, { type: 'conversation.follow-up-cancel', followUpId }),
    ]);
    const row = await database.prisma.followUp.findUniqueOrThrow({ where: { id: followUpId } });
    expect(row).toMatchObject({ status: 'cancelled', firedAt: null, agentId, conversationId });
    expect(row.cancelledAt).not.toBeNull();
    expect(ofTenant(t, 'follow-up.scheduled')).toHaveLength(1);
    expect(ofTenant(t, 'follow-up.cancelled')).toHaveLength(1);
    // Its timer was disarmed too: going off anyway, it finds the follow-up cancelled and does nothing.
    await stack.routing.followUpsDue(t, [followUpId]);
    expect(ofTenant(t, 'follow-up.due')).toEqual([]);
  });

  it('fires once however often its timer goes off, reopening the resolved conversation for its agent', async () => {
    const { t, agentId, conversationId } = await held('twice');
    const schedule = command(t, agentId, {
      type: 'conversation.follow-up',
      conversationId,
      at: inAMinute(),
      note: 'check the parcel',
    });
    const followUpId = schedule.kind === 'command' ? schedule.record.commandId : '';
    await stack.run(t, [schedule, command(t, agentId, { type: 'conversation.resolve', conversationId })]);
    // A redelivered scheduling command stores nothing twice.
    await stack.run(t, [schedule]);
    expect(ofTenant(t, 'follow-up.scheduled')).toHaveLength(1);

    await stack.routing.followUpsDue(t, [followUpId]);
    // As after a restart: the tenant is rebuilt from the database and the timer goes off again.
    stack.registry.drop(t);
    await stack.routing.followUpsDue(t, [followUpId]);

    expect(ofTenant(t, 'follow-up.due')).toMatchObject([
      { followUpId, reopened: true, note: 'check the parcel' },
    ]);
    const offers = ofTenant(t, 'offer.created') as Offer[];
    expect(offers.map((o) => [o.offerId, o.agentId, o.preview])).toEqual([
      [`${conversationId}:1`, agentId, 'twice'],
      [`${conversationId}:2`, agentId, 'check the parcel'],
    ]);
    const row = await database.prisma.followUp.findUniqueOrThrow({ where: { id: followUpId } });
    expect(row.status).toBe('fired');
    const conversation = await database.prisma.conversation.findUniqueOrThrow({
      where: { id: conversationId },
    });
    expect(conversation).toMatchObject({ status: 'offered', resolvedAt: null });
    const dueRows = await database.prisma.routingEvent.count({
      where: { tenantId: t, type: 'follow-up.due' },
    });
    expect(dueRows).toBe(1);
  });
});
