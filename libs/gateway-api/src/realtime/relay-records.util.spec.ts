import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validRecords, type SkipReason } from './relay-records.util';

const Schema = z.strictObject({ n: z.number() });
const message = (offset: string, value: string) => ({
  offset,
  value: Buffer.from(value),
  key: null,
  headers: {},
});

describe('validRecords', () => {
  it('yields the records that parse and pass the contract, in order, and says why it skipped the rest', () => {
    const skipped: SkipReason[] = [];
    const messages = [
      message('0', '{"n":1}'),
      message('1', 'not json'),
      message('2', '{"n":"two"}'),
      message('3', '{"n":3}'),
    ] as unknown as Parameters<typeof validRecords>[0];
    expect([...validRecords(messages, Schema, (s) => skipped.push(s))]).toEqual([{ n: 1 }, { n: 3 }]);
    expect(skipped.map((s) => [s.offset, s.reason])).toEqual([
      ['1', 'unparseable'],
      ['2', 'invalid'],
    ]);
  });
});
