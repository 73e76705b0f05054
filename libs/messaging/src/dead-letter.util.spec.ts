import { DeadLetterV1Schema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import type { ConsumedMessage } from './bus.port';
import { deadLetterMessage, toDeadLetter } from './dead-letter.util';
import { backoffDelay } from './retry.util';

const message = (value: Buffer): ConsumedMessage => ({
  topic: 'in',
  partition: 2,
  offset: '41',
  key: 'tenant-1',
  value,
  headers: {},
});

describe('dead letters', () => {
  it('keep the original text, the source position and the reason', () => {
    const letter = toDeadLetter(
      message(Buffer.from('{"oops"')),
      { code: 'INVALID_JSON', reason: 'bad' },
      new Date(0),
    );
    expect(DeadLetterV1Schema.parse(letter)).toMatchObject({
      code: 'INVALID_JSON',
      value: '{"oops"',
      valueEncoding: 'utf8',
      source: { topic: 'in', partition: 2, offset: '41', key: 'tenant-1' },
    });
  });

  it('keep binary values intact as base64', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const letter = toDeadLetter(message(bytes), { code: 'INVALID_JSON', reason: 'bad' }, new Date(0));
    expect(letter.valueEncoding).toBe('base64');
    expect(Buffer.from(letter.value, 'base64').equals(bytes)).toBe(true);
  });

  it('stay keyed by the original key so one tenant keeps its order', () => {
    expect(deadLetterMessage(message(Buffer.from('x')), { code: 'C', reason: 'r' }, new Date(0)).key).toBe(
      'tenant-1',
    );
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, scaled by jitter', () => {
    const options = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect(backoffDelay(0, options, () => 0.999)).toBe(99);
    expect(backoffDelay(3, options, () => 0.5)).toBe(400);
    expect(backoffDelay(10, options, () => 0.5)).toBe(500);
    expect(backoffDelay(10, options, () => 0)).toBe(0);
  });
});
