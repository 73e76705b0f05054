// Two routers overlap on one tenant, as during a rebalance: A holds the tenant, B takes it over (epoch bump)
// and offers the agent's only slot; A, still believing the agent free, tries to commit an offer of its own.
// The fence (tenant_owners.epoch) refuses A's whole transaction, so nothing of it is stored, and B carries on.
// And the other order: A's commit is in flight when B takes over; B's epoch bump waits for it, and B's
// rebuild sees it. Built in-process (two stacks, two connection pools) so each overlap happens exactly so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutingEventV1 } from '@switchboard/contracts';
import { openDatabase, type Database } from '@switchboard/persistence';
import { FencedOutError } from '../../libs/routing-service/src/write/batch.writer';
import { createTenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import { auditDatabase, expectCleanAudit } from '../support/faults/database-audit';
import { queryOnce, waitUntil } from '../support/faults/drain';
import {
  buildRouterStack,
  command,
  holdAfterFence,
  inbound,
  type RouterStack,
} from '../support/faults/in-process-router';

describe('fault: two routers overlapping on one tenant (fencing)', () => {
  let database: TestDatabase;
  let url: string;
  const pools: Database[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    url = database.target.url;
  });

  /** A tenant whose one agent is available with room for one chat. */
  async function soloTenant(): Promise<{ t: string; agentId: string }> {
    const tenant = await createTenantFixture(database.prisma, [{ name: 'solo', capacity: { chat: 1 } }]);
    const agentId = tenant.agents[0].id;
    await database.prisma.agent.update({ where: { id: agentId }, data: { status: 'available' } });
    return { t: tenant.id, agentId };
  }

  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await database?.drop();
  });

  function open(): Database {
    const pool = openDatabase({ kind: 'postgres', url });
    pools.push(pool);
    return pool;
  }

  const router = (owner: string): RouterStack => buildRouterStack(open(), owner);

  const snapshot = async (t: string): Promise<Record<string, unknown>> =>
    (
      await queryOnce(
        url,
        `SELECT (SELECT count(*) FROM messages WHERE tenant_id = $1) AS messages,
                (SELECT count(*) FROM conversations WHERE tenant_id = $1) AS conversations,
                (SELECT count(*) FROM offers WHERE tenant_id = $1) AS offers,
                (SELECT count(*) FROM routing_events WHERE tenant_id = $1) AS events,
                (SELECT epoch FROM tenant_owners WHERE tenant_id = $1) AS epoch,
                (SELECT last_seq FROM tenant_owners WHERE tenant_id = $1) AS last_seq`,
        [t],
      )
    )[0];

  it("refuses the stale owner's commit entirely; the new owner routes on correctly", async () => {
    const { t, agentId } = await soloTenant();
    const a = router('router-a');
    const b = router('router-b');

    await a.routing.warm(t);
    expect(a.registry.get(t)?.epoch).toBe(1);

    await b.run(t, [inbound(t, 'first')]);
    expect(b.registry.get(t)?.epoch).toBe(2);
    const [held] = await queryOnce<{ id: string; conversation_id: string }>(
      url,
      `SELECT id, conversation_id FROM offers WHERE agent_id = $1 AND status = 'pending'`,
      [agentId],
    );
    expect(held).toBeDefined();
    const before = await snapshot(t);

    // A's memory still has the agent free, so it offers 'second' to them: an offer B's state has no room for.
    await expect(a.run(t, [inbound(t, 'second')])).rejects.toBeInstanceOf(FencedOutError);
    const refused = a.attempts[a.attempts.length - 1];
    expect(refused.epoch).toBe(1);
    expect(refused.set.offers.map((o) => o.agentId)).toEqual([agentId]);
    expect(refused.set.messages.map((m) => m.channelMessageId)).toEqual(['second']);
    // Nothing of it was written, nothing published, and A let go of the tenant.
    expect(await snapshot(t)).toEqual(before);
    expect(a.published.filter((e) => e.type === 'offer.created')).toEqual([]);
    expect(a.registry.get(t)).toBeUndefined();

    // B gets the record A failed on (Kafka redelivers it to the new owner): queued, the agent is full.
    await b.run(t, [inbound(t, 'second')]);
    const [second] = await queryOnce<{ conversation_id: string }>(
      url,
      `SELECT conversation_id FROM messages WHERE tenant_id = $1 AND channel_message_id = 'second'`,
      [t],
    );
    expect(
      b.published.filter((e) => e.type === 'conversation.queued').map((e) => e.conversationId),
    ).toContain(second.conversation_id);
    expect(b.published.filter((e) => e.type === 'offer.created')).toHaveLength(1);

    // The agent takes the first contact and resolves it: the freed slot goes to 'second'.
    await b.run(t, [command(t, agentId, { type: 'offer.accept', offerId: held.id })]);
    await b.run(t, [
      command(t, agentId, { type: 'conversation.resolve', conversationId: held.conversation_id }),
    ]);
    const offers = b.published.filter((e) => e.type === 'offer.created');
    expect(offers).toHaveLength(2);
    expect(offers[1]).toMatchObject({
      agentId,
      conversationId: second.conversation_id,
    });

    expectCleanAudit(
      await auditDatabase(
        url,
        ['first', 'second'].map((id) => ({ tenantId: t, channel: 'chat', channelMessageId: id })),
        [t],
      ),
    );
    // Every stored offer was published by the owner that stored it, and the log has no gap or stranger.
    const stored = await queryOnce<{ id: string }>(
      url,
      `SELECT id FROM offers WHERE tenant_id = $1 ORDER BY offered_at`,
      [t],
    );
    expect(offers.map((e) => (e as { offerId: string }).offerId)).toEqual(stored.map((r) => r.id));
    const seqs = await queryOnce<{ seq: string }>(
      url,
      `SELECT seq FROM routing_events WHERE tenant_id = $1 ORDER BY seq`,
      [t],
    );
    expect(seqs.map((r) => Number(r.seq))).toEqual(b.published.map((e) => e.seq));
  });

  it("makes a takeover wait for the old owner's commit in flight, and rebuild from it", async () => {
    const { t, agentId } = await soloTenant();
    const held = holdAfterFence(open().sql);
    const a = buildRouterStack(open(), 'router-a', held.sql);
    const b = router('router-b');
    await a.routing.warm(t);

    // A's commit passes its fence and stops there, holding the tenant_owners row, mid-transaction.
    let release = (): void => undefined;
    held.hold = new Promise<void>((resolve) => (release = resolve));
    const aCommit = a.run(t, [inbound(t, 'in-flight')]);
    await waitUntil('A inside its transaction', () => Promise.resolve(a.attempts.length === 1), 10_000, 20);

    // B's takeover (the epoch bump) blocks on that row: PostgreSQL shows it waiting for the lock.
    const bRun = b.run(t, [inbound(t, 'after-takeover')]);
    await waitUntil(
      'B waiting for the tenant_owners row',
      async () =>
        (
          await queryOnce(
            url,
            `SELECT 1 FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND query LIKE 'INSERT INTO tenant_owners%'`,
          )
        ).length === 1,
      10_000,
      50,
    );

    release();
    await aCommit;
    await bRun;
    // A's offer committed before B's epoch existed; B rebuilt from it, so the full agent got nothing more.
    expect(b.registry.get(t)?.epoch).toBe(2);
    const offers = await queryOnce<{ id: string; agent_id: string; body: string }>(
      url,
      `SELECT o.id, o.agent_id, m.body FROM offers o JOIN messages m ON m.conversation_id = o.conversation_id
        WHERE o.tenant_id = $1`,
      [t],
    );
    expect(offers.map(({ agent_id, body }) => ({ agent_id, body }))).toEqual([
      { agent_id: agentId, body: 'in-flight' },
    ]);
    // B made no offer of its own; it only republished A's, which A may not have published before B took over.
    const offerIds = (events: readonly RoutingEventV1[]): string[] =>
      events.flatMap((e) => (e.type === 'offer.created' ? [e.offerId] : []));
    expect(offerIds(b.published).every((id) => id === offers[0].id)).toBe(true);
    expect([...offerIds(a.published), ...offerIds(b.published)]).toContain(offers[0].id);
    const statuses = await queryOnce<{ body: string; status: string }>(
      url,
      `SELECT m.body, c.status FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE c.tenant_id = $1 ORDER BY m.body`,
      [t],
    );
    expect(statuses).toEqual([
      { body: 'after-takeover', status: 'queued' },
      { body: 'in-flight', status: 'offered' },
    ]);
    expectCleanAudit(
      await auditDatabase(
        url,
        ['in-flight', 'after-takeover'].map((id) => ({ tenantId: t, channel: 'chat', channelMessageId: id })),
        [t],
      ),
    );
  });
});
