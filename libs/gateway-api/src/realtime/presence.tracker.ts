// Which agents have a console on this gateway, told to the router (ADR 0027): `connected` when an agent's first
// socket here opens, `disconnected` when their last one here closes (socket.io's ping finds dropped ones), and
// every PRESENCE_HEARTBEAT_MS a `heartbeat` per tenant listing them all, which renews this gateway's lease.
// Tabs count once per gateway; the router counts gateways, so tabs on several gateways are one presence.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { PRESENCE_MAX_AGENTS, PRESENCE_V1, type PresenceV1 } from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

export interface PresenceSocket {
  readonly connected: boolean;
  once(event: 'disconnect', listener: () => void): unknown;
}

@Injectable()
export class PresenceTracker implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Random per process start: a restarted gateway is a new one, and the old one's lease simply runs out. */
  readonly gatewayId = randomUUID();
  /** tenant -> agent -> sockets open here. */
  private readonly sockets = new Map<string, Map<string, number>>();
  private readonly logger: Logger;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'presence' });
  }

  onApplicationBootstrap(): void {
    this.heartbeat = setInterval(() => this.beat(), this.config.presence.heartbeatMs);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
  }

  /** Counts the agent's socket until it disconnects. */
  attach(socket: PresenceSocket, tenantId: string, agentId: string): void {
    // Gone while its handshake finished: its disconnect has fired already, so it is never counted.
    if (!socket.connected) return;
    let agents = this.sockets.get(tenantId);
    if (!agents) this.sockets.set(tenantId, (agents = new Map<string, number>()));
    const open = (agents.get(agentId) ?? 0) + 1;
    agents.set(agentId, open);
    if (open === 1) this.send(tenantId, 'connected', [agentId]);
    socket.once('disconnect', () => this.detach(tenantId, agentId));
  }

  /** Whether the agent has a console open on this gateway. */
  holds(tenantId: string, agentId: string): boolean {
    return (this.sockets.get(tenantId)?.get(agentId) ?? 0) > 0;
  }

  /** Agents with a socket here, per tenant. */
  connected(): Map<string, string[]> {
    return new Map([...this.sockets].map(([tenantId, agents]) => [tenantId, [...agents.keys()]]));
  }

  private detach(tenantId: string, agentId: string): void {
    const agents = this.sockets.get(tenantId);
    const open = (agents?.get(agentId) ?? 1) - 1;
    if (open > 0) {
      agents?.set(agentId, open);
      return;
    }
    agents?.delete(agentId);
    if (agents?.size === 0) this.sockets.delete(tenantId);
    this.send(tenantId, 'disconnected', [agentId]);
  }

  private beat(): void {
    for (const [tenantId, agentIds] of this.connected()) {
      for (let i = 0; i < agentIds.length; i += PRESENCE_MAX_AGENTS) {
        this.send(tenantId, 'heartbeat', agentIds.slice(i, i + PRESENCE_MAX_AGENTS));
      }
    }
  }

  /** Unawaited: a lost record is repaired by the next heartbeat, and a socket event never waits on the broker. */
  private send(tenantId: string, kind: PresenceV1['kind'], agentIds: string[]): void {
    const record: PresenceV1 = {
      schema: PRESENCE_V1,
      tenantId,
      gatewayId: this.gatewayId,
      kind,
      agentIds,
      at: new Date().toISOString(),
    };
    this.bus
      .publish(this.config.topics.agentCommands, [{ key: tenantId, value: JSON.stringify(record) }])
      .catch((error: unknown) => this.logger.warn({ err: error, tenantId, kind }, 'presence not sent'));
  }
}
