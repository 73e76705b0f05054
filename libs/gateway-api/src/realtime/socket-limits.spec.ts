import { describe, expect, it } from 'vitest';
import { ConnectionTally, messageBytes } from './socket-limits';

describe('ConnectionTally', () => {
  it('counts open connections per user and forgets users with none', () => {
    const tally = new ConnectionTally(2);
    tally.add('a');
    tally.add('a');
    tally.add('b');
    expect(tally.count('a')).toBe(2);
    tally.remove('a');
    tally.remove('a');
    tally.remove('a');
    expect(tally.count('a')).toBe(0);
    expect(tally.count('b')).toBe(1);
  });
});

describe('messageBytes', () => {
  it('measures the JSON of the arguments in bytes, without the event name or the ack', () => {
    const ack = (): void => undefined;
    expect(messageBytes(['command', { a: 'é' }, ack])).toBe(Buffer.byteLength('[{"a":"é"}]'));
  });
});
