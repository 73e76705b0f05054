// Rollups across a takeover, on PostgreSQL (two routers need two connections to one database): a contact
// answered by one router and resolved by the next counts once, its handle time runs from the stored
// acceptance, and a fenced-out router's batch rolls its rollups back with everything else.
import { openDatabase, type Database } from '@switchboard/persistence';
import { summarize } from '@switchboard/metrics';
import type { RoutingEventV1 } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRollupRows } from '../../libs/gateway-api/src/reports/rollup-rows.reader';
import { buildRouterStack, command, inbound, type RouterStack } from '../support/faults/in-process-router';
import { createTenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from './test-database';

type Offer = Extract<RoutingEventV1, { type: 'offer.created' }>;

describe('metric rollups across a takeover (postgres)', () => {
  let database: TestDatabase;
  const pools: Database[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await database?.drop();
  });

  function router(owner: string): { stack: RouterStack; pool: Database } {
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    const pool = openDatabase({ kind: 'postgres', url: database.target.url });
    pools.push(pool);
    return { stack: buildRouterStack(pool, owner, pool.sql), pool };
  }

  it('counts a contact once when one router answers it and the next resolves it', async () => {
    const tenant = await createTenantFixture(database.prisma, [{ name: 'solo', capacity: { chat: 1 } }]);
    const [t, agentId] = [tenant.id, tenant.agents[0].id];
    await database.prisma.agent.update({ where: { id: agentId }, data: { status: 'available' } });
    const { stack: a, pool } = router('router-a');
    await a.run(t, [inbound(t, 'first')]);
    const offer = a.published.find((e): e is Offer => e.type === 'offer.created' && e.tenantId === t);
    if (!offer) throw new Error('no offer');
    await a.run(t, [command(t, agentId, { type: 'offer.accept', offerId: offer.offerId })]);

    const { stack: b } = router('router-b');
    await b.run(t, [
      command(t, agentId, { type: 'conversation.resolve', conversationId: offer.conversationId }),
    ]);
    // The old owner is fenced out: its batch, rollups included, rolls back.
    await expect(a.run(t, [command(t, agentId, { type: 'status.set', status: 'away' })])).rejects.toThrow(
      /no longer the owner/,
    );

    const day = summarize(
      await readRollupRows(pool.sql, {
        tenantId: t,
        dimension: 'tenant',
        interval: '1d',
        from: Date.now() - 86_400_000,
        to: Date.now() + 86_400_000,
      }),
    );
    const assignment = await database.prisma.assignment.findFirstOrThrow({
      where: { conversationId: offer.conversationId },
    });
    const resolved = b.published.find((e) => e.type === 'conversation.resolved');
    expect(day).toMatchObject({
      queued: 1,
      answered: 1,
      handled: 1,
      // From the acceptance router A stored to router B's resolution.
      ahtMs: Date.parse(resolved?.at ?? '') - assignment.assignedAt.getTime(),
    });
    // The fenced batch carried staffed time (its "away" closed the agent's available span) that must not
    // be stored: the table holds exactly the staffed time of the batches that committed.
    const staffedOf = (attempts: RouterStack['attempts']): number =>
      attempts
        .flatMap((c) => c.rollups ?? [])
        .filter((r) => r.dimension === 'tenant' && r.interval === '1d')
        .reduce((sum, r) => sum + r.counters.availableMs + r.counters.busyMs + r.counters.wrapUpMs, 0);
    const fenced = a.attempts.slice(-1);
    expect(staffedOf(fenced)).toBeGreaterThan(0);
    expect(day.staffedMs).toBe(staffedOf([...a.attempts.slice(0, -1), ...b.attempts]));
  });
});
