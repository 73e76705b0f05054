import { DomainError } from '@switchboard/contracts';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { IngestAdmissionGate, type IngestAdmissionOptions } from './ingest-admission.gate';

/** A bus whose backlog answers are released by the test, counting how often it was asked. */
class FakeBacklog {
  calls = 0;
  private pending: Array<{ resolve: (n: number) => void; reject: (e: Error) => void }> = [];

  backlog = (groupId: string, topic: string): Promise<number> => {
    expect([groupId, topic]).toEqual(['router', 'inbound']);
    this.calls++;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  };

  answer(value: number | Error): void {
    const next = this.pending.shift();
    if (!next) throw new Error('no backlog request is pending');
    if (value instanceof Error) next.reject(value);
    else next.resolve(value);
  }
}

function setup(overrides: Partial<IngestAdmissionOptions> = {}) {
  const bus = new FakeBacklog();
  const clock = { now: 1_000 };
  const gate = new IngestAdmissionGate({
    bus,
    groupId: 'router',
    topic: 'inbound',
    maxBacklog: 100,
    logger: pino({ level: 'silent' }),
    ttlMs: 300,
    maxWaitMs: 10_000,
    retryAfterMs: 1_500,
    now: () => clock.now,
    ...overrides,
  });
  return { bus, clock, gate };
}

/** Lets a settled fake answer reach the gate before the test looks. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('IngestAdmissionGate', () => {
  it('admits at the bound and refuses above it with an Overloaded error and a retry delay', async () => {
    const { bus, clock, gate } = setup();
    const atBound = gate.admit();
    bus.answer(100);
    await expect(atBound).resolves.toBeUndefined();

    clock.now += 300;
    const above = gate.admit();
    bus.answer(101);
    const error = await above.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'OVERLOADED', retryAfterMs: 1_500 });
    expect((error as Error).message).toContain('more than 100 messages are waiting');
  });

  it('answers from one reading until it is older than the TTL', async () => {
    const { bus, clock, gate } = setup();
    const first = gate.admit();
    bus.answer(500);
    await expect(first).rejects.toMatchObject({ code: 'OVERLOADED' });
    clock.now += 299;
    for (let i = 0; i < 5; i++) await expect(gate.admit()).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(bus.calls).toBe(1);

    clock.now += 1;
    const later = gate.admit();
    expect(bus.calls).toBe(2);
    bus.answer(0);
    await expect(later).resolves.toBeUndefined();
  });

  it('keeps one refresh in flight, shared by every request that arrives meanwhile', async () => {
    const { bus, gate } = setup();
    const waiting = Array.from({ length: 20 }, () => gate.admit());
    expect(bus.calls).toBe(1);
    bus.answer(1_000);
    const outcomes = await Promise.allSettled(waiting);
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(bus.calls).toBe(1);
  });

  it('admits when the backlog cannot be read, and does not ask again until the TTL passes', async () => {
    const { bus, clock, gate } = setup();
    const first = gate.admit();
    bus.answer(new Error('broker down'));
    await expect(first).resolves.toBeUndefined();
    await expect(gate.admit()).resolves.toBeUndefined();
    expect(bus.calls).toBe(1);

    clock.now += 300;
    const recovered = gate.admit();
    bus.answer(101);
    await expect(recovered).rejects.toMatchObject({ code: 'OVERLOADED' });
  });

  it('admits a request whose reading is slower than the wait bound, without starting a second reading', async () => {
    const { bus, gate } = setup({ maxWaitMs: 5 });
    await expect(gate.admit()).resolves.toBeUndefined();
    await expect(gate.admit()).resolves.toBeUndefined();
    expect(bus.calls).toBe(1);
    // The slow reading still lands and is used from then on.
    bus.answer(101);
    await settle();
    await expect(gate.admit()).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(bus.calls).toBe(1);
  });
});
