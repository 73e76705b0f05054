import type { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { AppConfig } from '@switchboard/config';
import express from 'express';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';
import { SocketHandshakeThrottle } from './socket-handshake.throttle';

/** A handshake request as engine.io sees it: raw headers and the peer's socket address. */
const handshake = (peer: string, forwardedFor?: string): IncomingMessage =>
  ({
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    socket: { remoteAddress: peer },
  }) as unknown as IncomingMessage;

describe('SocketHandshakeThrottle', () => {
  const storage = new ThrottlerStorageService();
  afterEach(() => storage.onApplicationShutdown());

  function throttle(trustProxy: string | undefined, limit: number): SocketHandshakeThrottle {
    const app = express();
    if (trustProxy) app.set('trust proxy', trustProxy);
    const host = { httpAdapter: { getInstance: () => app } } as unknown as HttpAdapterHost;
    const config = { rateLimits: { ipPerSecond: limit } } as AppConfig;
    return new SocketHandshakeThrottle(new RateLimiter(storage), host, config);
  }

  it('counts per peer address without a trusted proxy, whatever X-Forwarded-For claims', async () => {
    const limiter = throttle(undefined, 2);
    const answers = [];
    for (const claimed of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      answers.push(await limiter.refusal(handshake('10.0.0.5', claimed)));
    expect(answers.slice(0, 2)).toEqual([null, null]);
    expect(answers[2]).toMatch(/^RATE_LIMITED: too many socket handshakes from this address; retry in 1 s$/);
    expect(await limiter.refusal(handshake('10.0.0.6'))).toBeNull();
  });

  it('counts per client behind a trusted proxy (TRUST_PROXY), as req.ip does for REST', async () => {
    const limiter = throttle('loopback', 1);
    expect(await limiter.refusal(handshake('127.0.0.1', '198.51.100.1'))).toBeNull();
    expect(await limiter.refusal(handshake('127.0.0.1', '198.51.100.2'))).toBeNull();
    expect(await limiter.refusal(handshake('127.0.0.1', '198.51.100.1'))).toMatch(/^RATE_LIMITED/);
  });
});
