// The console stream of this gateway's sockets, on both namespaces: opens each connection (ready, then the replay
// of what it missed or resync, ADR 0026) and pushes every live console event to the rooms it concerns. Sockets
// still being replayed are left out of the room broadcast and get live events through their own gate.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import type { ConsoleEvent, RoutingEventV1 } from '@switchboard/contracts';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { routeConsoleEvent } from './console-event.mapper';
import { ConsoleStreamGate } from './console-stream.gate';
import { ConsoleStreamReplay } from './console-stream.replay';
import { consoleReplayingRoom } from './socket-rooms';

export interface ConsoleStreamOpening {
  tenantId: string;
  agentId: string | null;
  role: string;
  /** The rooms the socket streams from; its replay is what these rooms were pushed. */
  rooms: string[];
  /** The last seq the console applied (handshake `lastSeq`), if it has one. */
  lastSeq?: number;
  /** Set for a socket that only hears one agent's events: its replay reads only those from the log. */
  onlyAgentId?: string;
}

interface Replaying {
  socket: Socket;
  gate: ConsoleStreamGate;
}

@Injectable()
export class ConsoleStreams {
  private readonly namespaces: Namespace[] = [];
  /** Per tenant, the sockets whose replay is running, by socket id. */
  private readonly replaying = new Map<string, Map<string, Replaying>>();
  private readonly logger: Logger;

  constructor(
    private readonly replay: ConsoleStreamReplay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'console-streams' });
  }

  /** A namespace whose sockets stream console events (agents, supervisors). */
  register(namespace: Namespace): void {
    this.namespaces.push(namespace);
  }

  /** Pushes a routing event's console event, if any, to the sockets it concerns. */
  deliver(routing: RoutingEventV1): void {
    const routed = routeConsoleEvent(routing);
    if (routed) this.push(routed.event, routed.rooms);
  }

  /** Pushes a console event to these rooms (all of one tenant), through the gates of sockets being replayed. */
  push(event: ConsoleEvent, rooms: readonly string[]): void {
    if (rooms.length === 0) return;
    const except = consoleReplayingRoom(event.tenantId);
    for (const namespace of this.namespaces)
      namespace
        .to([...rooms])
        .except(except)
        .emit(event.type, event);
    for (const { socket, gate } of this.replaying.get(event.tenantId)?.values() ?? [])
      if (rooms.some((room) => socket.rooms.has(room))) gate.offer(event);
  }

  /** Joins the socket to its rooms, sends `ready`, then the replay and `replayed`, or `resync`. */
  async open(socket: Socket, opening: ConsoleStreamOpening): Promise<void> {
    const { tenantId } = opening;
    const gate = new ConsoleStreamGate((event) => socket.emit(event.type, event));
    const tenantReplaying = this.replaying.get(tenantId) ?? new Map<string, Replaying>();
    this.replaying.set(tenantId, tenantReplaying);
    tenantReplaying.set(socket.id, { socket, gate });
    // Joined before the head is read: an event is either committed by then (replayed) or published after the
    // join (held by the gate), so nothing falls between the two.
    await socket.join([consoleReplayingRoom(tenantId), ...opening.rooms]);
    try {
      const headSeq = await this.replay.headSeq(tenantId);
      socket.emit('ready', { tenantId, agentId: opening.agentId, role: opening.role, headSeq });
      if (opening.lastSeq !== undefined) await this.catchUp(socket, opening, opening.lastSeq, headSeq);
      gate.release(headSeq);
    } catch (error) {
      this.logger.error({ err: error, tenantId }, 'console stream could not be opened');
      socket.emit('exception', { code: 'UNAVAILABLE', message: 'The stream could not be opened; reconnect' });
      socket.disconnect(true);
    } finally {
      tenantReplaying.delete(socket.id);
      if (tenantReplaying.size === 0) this.replaying.delete(tenantId);
      void socket.leave(consoleReplayingRoom(tenantId));
    }
  }

  private async catchUp(socket: Socket, opening: ConsoleStreamOpening, lastSeq: number, headSeq: number) {
    if (lastSeq > headSeq) {
      socket.emit('resync', { reason: 'cursor-ahead', headSeq });
      return;
    }
    if (headSeq - lastSeq > this.config.sockets.consoleReplayWindow) {
      socket.emit('resync', { reason: 'beyond-replay-window', headSeq });
      return;
    }
    let count = 0;
    const range = { tenantId: opening.tenantId, afterSeq: lastSeq, toSeq: headSeq };
    await this.replay.read({ ...range, agentId: opening.onlyAgentId }, (routing) => {
      const routed = routeConsoleEvent(routing);
      if (!routed || !routed.rooms.some((room) => socket.rooms.has(room))) return;
      socket.emit(routed.event.type, routed.event);
      count++;
    });
    socket.emit('replayed', { fromSeq: lastSeq, toSeq: headSeq, count });
  }
}
