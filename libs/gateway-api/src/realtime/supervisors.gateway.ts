// The supervisors' socket.io namespace (supervisors and admins; agents are refused at the handshake): the
// tenant's console stream, or only some queues' (`watch`), with the resumable-stream frames of ADR 0026, and
// `command` for reassigning any open conversation of the tenant (`conversation.transfer` only).
import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { SessionValidator, TokenService, type UserPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ConsoleNamespaces, ErrorCode, IdSchema, parseWith, type CommandAck } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { isOriginAllowed } from '@switchboard/platform';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { ForwardAgentCommand } from './agent-command.usecase';
import { commandAck } from './command-ack.util';
import { consoleHandshakeOptions, type ConsoleHandshakeOptions } from './console-handshake.util';
import { ConsoleStreams } from './console-stream.service';
import { authenticateHandshake, HandshakeRefused, type HandshakeIdentity } from './socket-handshake.auth';
import { SocketLimits } from './socket-limits';
import { consoleQueueRoom, consoleSupervisorsRoom, consoleTenantRoom } from './socket-rooms';
import { SocketSessionWatch } from './socket-session.watch';

type SocketData = HandshakeIdentity & { console: ConsoleHandshakeOptions };

/** `watch`: the queues to stream, or null for the whole tenant (the default). */
export const WatchQueuesInputSchema = z.strictObject({ queueIds: z.array(IdSchema).max(500).nullable() });

type WatchAck =
  | { ok: true; queueIds: string[] | null }
  | { ok: false; code: string; message: string; errors?: Array<{ path: string; message: string }> };

@WebSocketGateway({ namespace: ConsoleNamespaces.supervisors })
export class SupervisorsGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(SupervisorsGateway.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionValidator,
    private readonly sessionWatch: SocketSessionWatch,
    private readonly socketLimits: SocketLimits,
    private readonly streams: ConsoleStreams,
    private readonly forwardCommand: ForwardAgentCommand,
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (isOriginAllowed({ origin, host }, this.config.corsOrigins)) return next();
      next(new HandshakeRefused('ORIGIN_NOT_ALLOWED: this origin may not open supervisor sockets'));
    });
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          if (!(error instanceof HandshakeRefused)) this.logger.error(error);
          next(error instanceof HandshakeRefused ? error : new Error('UNAVAILABLE: retry'));
        },
      );
    });
    this.socketLimits.attach(namespace);
    this.streams.register(namespace);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    const { principal } = data;
    this.sessionWatch.watch(socket, principal.sessionId, data.tokenExpiresAt);
    await this.streams.open(socket, {
      tenantId: principal.tenantId,
      agentId: principal.agentId,
      role: principal.role,
      rooms: [consoleSupervisorsRoom(principal.tenantId), consoleTenantRoom(principal.tenantId)],
      ...(data.console.lastSeq !== undefined ? { lastSeq: data.console.lastSeq } : {}),
    });
  }

  /** Streams only these queues of the tenant (plus every agent's presence), or the whole tenant again. */
  @SubscribeMessage('watch')
  async onWatch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<WatchAck> {
    const { tenantId } = principalOf(socket);
    const parsed = parseWith(WatchQueuesInputSchema, body);
    if (!parsed.ok)
      return { ok: false, code: ErrorCode.ValidationFailed, message: 'Invalid watch', errors: parsed.issues };
    const queueIds = parsed.value.queueIds === null ? null : [...new Set(parsed.value.queueIds)];
    if (queueIds) {
      const known = await this.prisma.queue.findMany({
        where: { tenantId, id: { in: queueIds } },
        select: { id: true },
      });
      const knownIds = new Set(known.map(({ id }) => id));
      const unknown = queueIds.findIndex((id) => !knownIds.has(id));
      if (unknown >= 0)
        return {
          ok: false,
          code: ErrorCode.ValidationFailed,
          message: 'Unknown queue',
          errors: [{ path: `queueIds.${unknown}`, message: 'no such queue in this tenant' }],
        };
    }
    for (const room of socket.rooms)
      if (room === consoleTenantRoom(tenantId) || room.startsWith(consoleQueueRoom(tenantId, '')))
        await socket.leave(room);
    const rooms = queueIds?.map((id) => consoleQueueRoom(tenantId, id)) ?? [consoleTenantRoom(tenantId)];
    await socket.join(rooms);
    return { ok: true, queueIds };
  }

  /** A reassign (ADR 0027's outcome ack): the issuer is stamped from the token, never taken from the client. */
  @SubscribeMessage('command')
  onCommand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<CommandAck> {
    return commandAck(() => this.forwardCommand.executeAsSupervisor(principalOf(socket), body), this.logger);
  }

  private async authenticate(socket: Socket): Promise<void> {
    const identity = await authenticateHandshake(socket, this.tokens, this.sessions);
    if (identity.principal.role === 'agent')
      throw new HandshakeRefused('FORBIDDEN: the supervisors namespace is for supervisors and admins');
    const consoleOptions = consoleHandshakeOptions(socket);
    Object.assign(socket.data as SocketData, identity, { console: consoleOptions });
  }
}

function principalOf(socket: Socket): UserPrincipal {
  return (socket.data as SocketData).principal;
}
