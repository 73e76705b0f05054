// The SQL journal on both databases it runs against (PGlite for the embedded default, PostgreSQL to keep the
// SQL portable), and the in-process bus redelivering across a real close and reopen of a PGlite directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessBus, type ConsumedBatch } from '@switchboard/messaging';
import { openDatabase, SqlBusJournal } from '@switchboard/persistence';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';

const quiet = pino({ level: 'silent' });

describe.each(['pglite', 'postgres'] as const)('SqlBusJournal on %s', (kind) => {
  let database: TestDatabase;
  let journal: SqlBusJournal;

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    journal = new SqlBusJournal(database.prisma);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('stores a batch in one append and reads it back byte for byte, in order', async () => {
    const binary = Buffer.from([0, 255, 10, 13, 0x80]);
    await journal.append('t1', [
      { offset: 0, key: 'tenant-a', value: Buffer.from('{"a":1}'), headers: { 'x-type': 'contact' } },
      { offset: 1, key: null, value: binary, headers: {} },
      { offset: 2, key: 'tenant-b', value: Buffer.alloc(0), headers: { a: 'é', b: '' } },
    ]);
    const rows = await journal.read('t1', 0, 10);
    expect(rows.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(rows[0]).toMatchObject({ key: 'tenant-a', headers: { 'x-type': 'contact' } });
    expect(rows[0].value.toString()).toBe('{"a":1}');
    expect(rows[1].key).toBeNull();
    expect(Buffer.isBuffer(rows[1].value) && rows[1].value.equals(binary)).toBe(true);
    expect(rows[2].headers).toEqual({ a: 'é', b: '' });
    expect((await journal.read('t1', 1, 1)).map((r) => r.offset)).toEqual([1]);
  });

  it('refuses an offset twice, so two writers can never both think they stored it', async () => {
    await journal.append('t2', [{ offset: 0, key: 'k', value: Buffer.from('a'), headers: {} }]);
    await expect(
      journal.append('t2', [{ offset: 0, key: 'k', value: Buffer.from('b'), headers: {} }]),
    ).rejects.toThrow();
    expect((await journal.read('t2', 0, 10)).map((r) => r.value.toString())).toEqual(['a']);
  });

  it('continues offsets from stored rows and from committed positions past trimmed rows', async () => {
    await journal.append('t3', [
      { offset: 0, key: 'k', value: Buffer.from('a'), headers: {} },
      { offset: 1, key: 'k', value: Buffer.from('b'), headers: {} },
    ]);
    await journal.commit('g', 't3', 2);
    await journal.commit('g', 't3', 2);
    expect(await journal.trim('t3', 2)).toBe(2);
    expect(await journal.read('t3', 0, 10)).toEqual([]);
    const next = await journal.nextOffsets();
    expect(next.get('t3')).toBe(2);
    expect(next.get('t1')).toBe(3);
    expect(await journal.positions('g')).toEqual(new Map([['t3', 2]]));
  });

  it('runs the bus: what was published and not consumed is delivered by the next instance', async () => {
    const before = new InProcessBus(quiet, { journal });
    await before.publish('t4', [
      { key: 'k', value: 'one' },
      { key: 'k', value: 'two' },
    ]);
    await before.close();
    const after = new InProcessBus(quiet, { journal });
    const seen: string[] = [];
    await after.subscribe({
      groupId: 'g4',
      topics: ['t4'],
      fromBeginning: true,
      handleBatch: (batch: ConsumedBatch) => {
        seen.push(...batch.messages.map((m) => `${m.offset}:${m.value.toString()}`));
        return Promise.resolve();
      },
    });
    await expect.poll(() => seen).toEqual(['0:one', '1:two']);
    await expect.poll(async () => (await journal.positions('g4')).get('t4')).toBe(2);
    await after.close();
  });
});

describe('in-process bus on a PGlite directory across a reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bus-journal-'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('redelivers from the directory what the first process accepted but never consumed', async () => {
    const first = openDatabase({ kind: 'pglite', dataDir: dir });
    await first.migrate();
    const bus = new InProcessBus(quiet, { journal: new SqlBusJournal(first.prisma) });
    await bus.publish('inbound', [{ key: 'tenant', value: 'accepted' }]);
    // No bus.close(): the process stops right after the publish resolved.
    await first.close();

    const second = openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await second.migrate();
      const reopened = new InProcessBus(quiet, { journal: new SqlBusJournal(second.prisma) });
      const seen: string[] = [];
      await reopened.subscribe({
        groupId: 'router',
        topics: ['inbound'],
        fromBeginning: true,
        handleBatch: (batch) => {
          seen.push(...batch.messages.map((m) => m.value.toString()));
          return Promise.resolve();
        },
      });
      await expect.poll(() => seen).toEqual(['accepted']);
      await reopened.publish('inbound', [{ key: 'tenant', value: 'next' }]);
      await expect.poll(() => seen).toEqual(['accepted', 'next']);
      await reopened.close();
    } finally {
      await second.close();
    }
  });
});
