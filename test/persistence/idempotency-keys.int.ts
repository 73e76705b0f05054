// The Idempotency-Key store on PostgreSQL, used by two processes at once (two gateways, or one before and one
// after a restart): the primary key lets exactly one claim a key, and the kept answer is found by the other.
import { openDatabase, type Database } from '@switchboard/persistence';
import { afterEach, describe, expect, it } from 'vitest';
import { IdempotencyKeyStore } from '../../libs/gateway-api/src/ingest/idempotency/idempotency-key.store';
import { createTestDatabase, type TestDatabase } from './test-database';

const HOUR = 3_600_000;

describe('IdempotencyKeyStore across processes', () => {
  let db: TestDatabase | undefined;
  let second: Database | undefined;
  afterEach(async () => {
    await second?.close();
    await db?.drop();
    db = second = undefined;
  });

  async function twoGateways(): Promise<[IdempotencyKeyStore, IdempotencyKeyStore, string]> {
    db = await createTestDatabase({ kind: 'postgres' });
    second = openDatabase(db.target);
    const tenant = await db.prisma.tenant.create({ data: { slug: 'idem', name: 'Idem' } });
    return [new IdempotencyKeyStore(db.prisma), new IdempotencyKeyStore(second.prisma), tenant.id];
  }

  it('lets exactly one of many concurrent claims win, and the other process replays its answer', async () => {
    const [a, b, tenantId] = await twoGateways();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).claim(tenantId, 'k1', 'hash-1', HOUR)),
    );
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind !== 'claimed').every((c) => c.kind === 'in-flight')).toBe(true);
    await a.complete(tenantId, 'k1', 202, { status: 'accepted' });
    // A fresh store on its own connection, as a restarted gateway would have.
    expect(await b.claim(tenantId, 'k1', 'hash-1', HOUR)).toEqual({
      kind: 'replay',
      status: 202,
      body: { status: 'accepted' },
    });
    expect(await b.claim(tenantId, 'k1', 'hash-2', HOUR)).toEqual({ kind: 'different-body' });
  });

  it('frees a released key, and takes over an expired one', async () => {
    const [a, b, tenantId] = await twoGateways();
    expect(await a.claim(tenantId, 'k2', 'h', HOUR)).toEqual({ kind: 'claimed' });
    await a.release(tenantId, 'k2');
    expect(await b.claim(tenantId, 'k2', 'h', HOUR)).toEqual({ kind: 'claimed' });
    await b.complete(tenantId, 'k2', 202, { n: 1 });
    await db!.prisma.idempotencyKey.update({
      where: { tenantId_key: { tenantId, key: 'k2' } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await a.claim(tenantId, 'k2', 'other-body', HOUR)).toEqual({ kind: 'claimed' });
    await db!.prisma.idempotencyKey.update({
      where: { tenantId_key: { tenantId, key: 'k2' } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await a.sweep()).toBe(1);
  });

  it('takes over a claim its gateway abandoned mid-request, but not one still running', async () => {
    const [a, b, tenantId] = await twoGateways();
    expect(await a.claim(tenantId, 'k3', 'h', HOUR)).toEqual({ kind: 'claimed' });
    expect(await b.claim(tenantId, 'k3', 'h', HOUR)).toEqual({ kind: 'in-flight' });
    await db!.prisma.idempotencyKey.update({
      where: { tenantId_key: { tenantId, key: 'k3' } },
      data: { createdAt: new Date(Date.now() - 61_000) },
    });
    expect(await b.claim(tenantId, 'k3', 'h', HOUR)).toEqual({ kind: 'claimed' });
  });
});
