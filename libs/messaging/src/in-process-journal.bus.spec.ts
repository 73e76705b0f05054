import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ConsumedBatch, SubscribeOptions } from './bus.port';
import { InProcessBus } from './in-process.bus';
import { MemoryBusJournal } from './testing/memory-bus.journal';

const quiet = pino({ level: 'silent' });
const msg = (value: string) => ({ key: 'tenant-a', value });
const many = (count: number, prefix = 'm') => Array.from({ length: count }, (_, i) => msg(`${prefix}${i}`));

/** Subscribes and records every delivered value and offset. */
async function collect(bus: InProcessBus, overrides: Partial<SubscribeOptions> = {}) {
  const seen: Array<{ value: string; offset: string }> = [];
  await bus.subscribe({
    groupId: 'router',
    topics: ['inbound'],
    fromBeginning: true,
    handleBatch: (batch: ConsumedBatch) => {
      seen.push(...batch.messages.map((m) => ({ value: m.value.toString(), offset: m.offset })));
      return Promise.resolve();
    },
    ...overrides,
  });
  return seen;
}

describe('InProcessBus with a journal', () => {
  it('resolves publish only after the journal append has completed', async () => {
    const journal = new MemoryBusJournal();
    let open!: () => void;
    journal.gate = new Promise<void>((resolve) => (open = resolve));
    const bus = new InProcessBus(quiet, { journal });
    let resolved = false;
    const publishing = bus.publish('inbound', [msg('a')]).then(() => (resolved = true));

    await expect.poll(() => journal.calls.append).toBe(1);
    expect(resolved).toBe(false);
    expect(journal.offsetsOf('inbound')).toEqual([]);

    open();
    await publishing;
    expect(journal.offsetsOf('inbound')).toEqual([0]);
    await bus.close();
  });

  it('stores concurrent publishes with one append per flush, in order, with consecutive offsets', async () => {
    const journal = new MemoryBusJournal();
    let open!: () => void;
    journal.gate = new Promise<void>((resolve) => (open = resolve));
    const bus = new InProcessBus(quiet, { journal });
    const first = bus.publish('inbound', [msg('a')]);
    await expect.poll(() => journal.calls.append).toBe(1);
    const rest = [bus.publish('inbound', [msg('b'), msg('c')]), bus.publish('inbound', [msg('d')])];
    open();
    await Promise.all([first, ...rest]);

    expect(journal.calls.append).toBe(2);
    expect(journal.offsetsOf('inbound')).toEqual([0, 1, 2, 3]);
    const seen = await collect(bus);
    await expect.poll(() => seen.map((s) => s.value)).toEqual(['a', 'b', 'c', 'd']);
    await bus.close();
  });

  it('commits the position once per handled batch', async () => {
    const journal = new MemoryBusJournal();
    const bus = new InProcessBus(quiet, { journal });
    const seen = await collect(bus);
    await bus.publish('inbound', many(3));
    await expect.poll(() => journal.stored.get('router')?.get('inbound')).toBe(3);
    expect(seen).toHaveLength(3);
    expect(journal.calls.commit).toBe(1);
    await bus.close();
  });

  it('redelivers after a restart what was accepted but not consumed, and continues the offsets', async () => {
    const journal = new MemoryBusJournal();
    const before = new InProcessBus(quiet, { journal });
    const handled = await collect(before);
    await before.publish('inbound', [msg('handled')]);
    await expect.poll(() => journal.stored.get('router')?.get('inbound')).toBe(1);
    await before.close();
    // Accepted while nothing consumed them, then the process "died": only the journal has them.
    const crashed = new InProcessBus(quiet, { journal });
    await crashed.publish('inbound', [msg('lost?'), msg('no')]);

    const after = new InProcessBus(quiet, { journal });
    const redelivered = await collect(after);
    await expect.poll(() => redelivered.map((s) => s.value)).toEqual(['lost?', 'no']);
    expect(redelivered.map((s) => s.offset)).toEqual(['1', '2']);
    await after.publish('inbound', [msg('new')]);
    await expect.poll(() => redelivered.at(-1)).toEqual({ value: 'new', offset: '3' });
    expect(handled.map((s) => s.value)).toEqual(['handled']);
    await after.close();
    await crashed.close();
  });

  it('redelivers a batch whose handler succeeded but whose position was never committed', async () => {
    const journal = new MemoryBusJournal();
    const before = new InProcessBus(quiet, { journal });
    await before.publish('inbound', [msg('x')]);
    let calls = 0;
    await before.subscribe({
      groupId: 'router',
      topics: ['inbound'],
      fromBeginning: true,
      // Fails forever, as if the process died mid-batch.
      handleBatch: () => Promise.reject(new Error(`attempt ${++calls}`)),
    });
    await expect.poll(() => calls).toBeGreaterThan(0);
    await before.close();

    const after = new InProcessBus(quiet, { journal });
    const seen = await collect(after);
    await expect.poll(() => seen.map((s) => s.value)).toEqual(['x']);
    await after.close();
  });

  it('keeps offsets increasing after every row of a topic was consumed and trimmed', async () => {
    const journal = new MemoryBusJournal();
    const before = new InProcessBus(quiet, { journal });
    const seen = await collect(before);
    await before.publish('inbound', many(1_200));
    await expect.poll(() => seen.length).toBe(1_200);
    await expect.poll(() => journal.calls.trim).toBeGreaterThan(0);
    await before.close();
    expect(journal.offsetsOf('inbound').length).toBeLessThan(1_200);

    const after = new InProcessBus(quiet, { journal });
    const next = await collect(after);
    await after.publish('inbound', [msg('next')]);
    await expect.poll(() => next).toEqual([{ value: 'next', offset: '1200' }]);
    await after.close();
  });

  it('keeps a topic nobody reads (dead letters) only in the journal, trimmed to the retention', async () => {
    const journal = new MemoryBusJournal();
    const bus = new InProcessBus(quiet, { journal, maxBacklog: 10, unreadRetention: 100 });
    for (let i = 0; i < 12; i++) await bus.publish('dead-letter', many(100, `d${i}-`));
    const stored = journal.offsetsOf('dead-letter');
    expect(stored.length).toBeGreaterThanOrEqual(100);
    expect(stored.length).toBeLessThan(1_200);
    expect(stored.at(-1)).toBe(1_199);

    // A reader that comes later (an operator's tool) finds them in the journal, not in memory.
    const readsBefore = journal.calls.read;
    const seen = await collect(bus, { groupId: 'operator', topics: ['dead-letter'] });
    await expect.poll(() => seen.length).toBe(stored.length);
    expect(journal.calls.read).toBeGreaterThan(readsBefore);
    await bus.close();
  });

  it('rejects a publish whose append failed, and later publishes reuse no offset', async () => {
    const journal = new MemoryBusJournal();
    const bus = new InProcessBus(quiet, { journal });
    const seen = await collect(bus);
    await bus.publish('inbound', [msg('first')]);
    journal.failAppendsAfter = 1;
    await expect(bus.publish('inbound', [msg('refused')])).rejects.toThrow(/journal unavailable/);
    journal.failAppendsAfter = undefined;
    await bus.publish('inbound', [msg('second')]);

    await expect.poll(() => seen.map((s) => s.value)).toEqual(['first', 'second']);
    expect(seen.map((s) => s.offset)).toEqual(['0', '1']);
    await bus.close();
  });

  it('bounds the backlog of a read topic with a journal too', async () => {
    const journal = new MemoryBusJournal();
    const bus = new InProcessBus(quiet, { journal, maxBacklog: 3 });
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    await collect(bus, { handleBatch: () => blocked });
    await bus.publish('inbound', many(3));
    await expect(bus.publish('inbound', [msg('over')])).rejects.toMatchObject({
      name: 'BusOverloadedError',
      backlog: 3,
    });
    expect(journal.offsetsOf('inbound')).toEqual([0, 1, 2]);
    release();
    await bus.close();
  });

  it('keeps a topic ensured with a retention in memory only: delivered, but never journaled or committed', async () => {
    const journal = new MemoryBusJournal();
    const bus = new InProcessBus(quiet, { journal });
    await bus.ensureTopics(['stats'], 1, { retentionMs: 60_000 });
    const seen = await collect(bus, { groupId: 'gateway', topics: ['stats'], fromBeginning: false });
    await bus.publish('stats', [msg('s1'), msg('s2')]);
    await bus.publish('inbound', [msg('a')]);
    await expect.poll(() => seen.map((s) => s.value)).toEqual(['s1', 's2']);
    // The journaled topic next to it proves the journal was in use all along.
    expect(journal.offsetsOf('inbound')).toEqual([0]);
    expect(journal.offsetsOf('stats')).toEqual([]);
    expect(journal.stored.get('gateway')?.get('stats')).toBeUndefined();
    await bus.close();
  });

  it('keeps a memory-only topic out of the journal from its first use, however it is ensured', async () => {
    const journal = new MemoryBusJournal();
    const bus = new InProcessBus(quiet, { journal, memoryOnlyTopics: ['events'] });
    // Ensured without a retention, as the router ensures its output topics: still memory only.
    await bus.ensureTopics(['events', 'inbound'], 1);
    const seen = await collect(bus, { groupId: 'gateway', topics: ['events'], fromBeginning: false });
    await bus.publish('events', [msg('e1'), msg('e2')]);
    await bus.publish('inbound', [msg('a')]);
    await expect.poll(() => seen.map((s) => s.value)).toEqual(['e1', 'e2']);
    expect(journal.offsetsOf('inbound')).toEqual([0]);
    expect(journal.offsetsOf('events')).toEqual([]);
    await bus.close();
  });
});
