// Throttles socket.io handshakes per client address, before any namespace verifies a token: a flood of
// handshakes with bad tokens is refused like a flood of bad API keys. The address is Express's own `req.ip`,
// so TRUST_PROXY applies to sockets exactly as to REST.
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import type { SocketHandshakeAdmission } from '@switchboard/platform';
import type { Express, Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { RateLimiter, type RateLimitRule } from './rate-limiter';

@Injectable()
export class SocketHandshakeThrottle implements SocketHandshakeAdmission {
  private readonly perIp: RateLimitRule;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly http: HttpAdapterHost,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Its own count at the same rate as HTTP: a shift's consoles connecting do not eat the REST allowance.
    this.perIp = { name: 'socket-handshake-ip', limit: config.rateLimits.ipPerSecond, windowMs: 1_000 };
  }

  async refusal(req: IncomingMessage): Promise<string | null> {
    const verdict = await this.limiter.hit(this.perIp, this.clientIp(req));
    if (verdict.allowed) return null;
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    return `RATE_LIMITED: too many socket handshakes from this address; retry in ${seconds} s`;
  }

  /** Express's `req.ip` for a request Express never saw: its getter applied to this request's socket and headers. */
  private clientIp(req: IncomingMessage): string {
    const express = this.http.httpAdapter.getInstance<Express>();
    const view = Object.create(express.request) as Request;
    Object.defineProperties(view, {
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    });
    return view.ip ?? req.socket.remoteAddress ?? 'unknown';
  }
}
