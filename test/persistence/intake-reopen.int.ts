// Reopening against the real databases: a router taking a tenant over rebuilds its memory of recently resolved
// conversations, so the customer's next message reopens theirs (its resolution cleared, its next offer numbered
// after the first); and a batch whose memory had to forget some reads them back with one set-based query.
import type { InboundContactV1, RoutingEventV1 } from '@switchboard/contracts';
import { openDatabase, type Database } from '@switchboard/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityKey, TenantIntakeState } from '../../libs/routing-service/src/intake/intake-state';
import { prepareIntake } from '../../libs/routing-service/src/intake/intake-lookups';
import { buildRouterStack, command, inbound, type RouterStack } from '../support/faults/in-process-router';
import { createTenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from './test-database';

const WINDOW = 60 * 60_000;

type Offer = Extract<RoutingEventV1, { type: 'offer.created' }>;
const offers = (stack: RouterStack): Offer[] =>
  stack.published.filter((e): e is Offer => e.type === 'offer.created');

// PostgreSQL only: two routers need two connections to one database (the embedded stack is covered by
// test/e2e/reopen.e2e.ts).
describe('reopening across a takeover (postgres)', () => {
  let database: TestDatabase;
  let url: string;
  const pools: Database[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    url = database.target.url;
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await database?.drop();
  });

  /** One router on its own connection pool, as each router process has. */
  function router(owner: string): { stack: RouterStack; pool: Database } {
    const pool = openDatabase({ kind: 'postgres', url });
    pools.push(pool);
    return { stack: buildRouterStack(pool, owner, pool.sql, { reopenWindowMs: WINDOW }), pool };
  }

  /** A tenant whose one agent (available) was offered, accepted and resolved the customer's first message. */
  async function resolvedOnce(a: RouterStack, firstId: string) {
    const tenant = await createTenantFixture(database.prisma, [{ name: 'solo', capacity: { chat: 1 } }]);
    const [t, agentId] = [tenant.id, tenant.agents[0].id];
    await database.prisma.agent.update({ where: { id: agentId }, data: { status: 'available' } });
    await a.run(t, [inbound(t, firstId)]);
    const [offer] = offers(a).filter((o) => o.tenantId === t);
    await a.run(t, [command(t, agentId, { type: 'offer.accept', offerId: offer.offerId })]);
    await a.run(t, [
      command(t, agentId, { type: 'conversation.resolve', conversationId: offer.conversationId }),
    ]);
    return { t, agentId, conversationId: offer.conversationId };
  }

  /** The customer of `firstId` writing again. */
  function followUp(t: string, firstId: string, id: string) {
    const item = inbound(t, id);
    if (item.kind !== 'inbound') throw new Error('expected an inbound item');
    item.record.from = { address: `${firstId}@customers.test` };
    return item;
  }

  it('a new owner reopens the conversation its predecessor resolved, for the same agent', async () => {
    const a = router('router-a').stack;
    const { t, agentId, conversationId } = await resolvedOnce(a, 'first');
    const b = router('router-b').stack;
    await b.run(t, [followUp(t, 'first', 'again')]);
    expect(b.published.find((e) => e.type === 'conversation.reopened')).toMatchObject({
      conversationId,
      previousAgentId: agentId,
    });
    expect(offers(b)).toMatchObject([{ conversationId, agentId, offerId: `${conversationId}:2` }]);
    const stored = await database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(stored).toMatchObject({ status: 'offered', resolvedAt: null });
    expect(await database.prisma.conversation.count({ where: { tenantId: t } })).toBe(1);
    expect(await database.prisma.message.count({ where: { conversationId } })).toBe(2);
  });

  it('a reopened conversation still waiting when a router takes over keeps preferring its previous agent', async () => {
    const a = router('router-d').stack;
    const { t, agentId, conversationId } = await resolvedOnce(a, 'waiting');
    await a.run(t, [command(t, agentId, { type: 'status.set', status: 'offline' })]);
    await a.run(t, [followUp(t, 'waiting', 'waiting-again')]);
    expect(a.published.filter((e) => e.type === 'conversation.reopened')).toHaveLength(1);
    expect(offers(a).filter((o) => o.conversationId === conversationId)).toHaveLength(1);

    const b = router('router-e').stack;
    await b.run(t, [command(t, agentId, { type: 'status.set', status: 'available' })]);
    expect(offers(b)).toMatchObject([
      { conversationId, agentId, offerId: `${conversationId}:2`, reason: { rule: 'sticky-last' } },
    ]);
  });

  it('reads the resolved conversations a batch misses, once memory has forgotten some', async () => {
    const { stack: a, pool } = router('router-c');
    const { t, agentId, conversationId } = await resolvedOnce(a, 'lookup');
    const state = new TenantIntakeState();
    state.resolvedComplete = false;
    const { record } = followUp(t, 'lookup', 'lookup-again') as { record: InboundContactV1 };
    await prepareIntake(pool.sql, t, state, [record], { windowMs: WINDOW, now: Date.now() });
    const customerId = state.identities.get(identityKey('chat', 'lookup@customers.test')) ?? '';
    expect(state.resolvedConversationFor(customerId, 'chat', undefined, Date.now() - WINDOW)).toMatchObject({
      id: conversationId,
      lastAgentId: agentId,
      offerAttempts: 1,
    });
  });
});
