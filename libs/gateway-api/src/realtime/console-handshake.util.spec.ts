import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { consoleHandshakeOptions } from './console-handshake.util';

const socketWith = (auth: unknown) => ({ handshake: { auth } }) as unknown as Socket;

describe('consoleHandshakeOptions', () => {
  it('defaults to the console stream without a cursor, and reads lastSeq (0 included)', () => {
    expect(consoleHandshakeOptions(socketWith({ token: 'x' }))).toEqual({ stream: 'console' });
    expect(consoleHandshakeOptions(socketWith({ token: 'x', lastSeq: 0 }))).toEqual({
      stream: 'console',
      lastSeq: 0,
    });
    expect(consoleHandshakeOptions(socketWith({ token: 'x', stream: 'routing-events', lastSeq: 7 }))).toEqual(
      {
        stream: 'routing-events',
        lastSeq: 7,
      },
    );
  });

  it('refuses a cursor that is not a non-negative integer, and an unknown stream, naming the field', () => {
    for (const lastSeq of [-1, 1.5, '3', Number.NaN])
      expect(() => consoleHandshakeOptions(socketWith({ token: 'x', lastSeq }))).toThrow(
        /^VALIDATION_FAILED: lastSeq/,
      );
    expect(() => consoleHandshakeOptions(socketWith({ token: 'x', stream: 'raw' }))).toThrow(
      /^VALIDATION_FAILED: stream/,
    );
  });
});
