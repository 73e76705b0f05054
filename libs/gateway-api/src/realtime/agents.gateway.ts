// The agents' socket.io namespace: JWT in the handshake, one room per agent, commands in, routing events out.
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { bearerToken, TokenService, type UserPrincipal } from '@switchboard/auth';
import { DomainError, type FieldIssue, type RoutingEventV1 } from '@switchboard/contracts';
import type { Namespace, Socket } from 'socket.io';
import { ForwardAgentCommand } from './agent-command.usecase';
import { agentRoom, supervisorRoom } from './socket-rooms';

interface SocketData {
  principal: UserPrincipal;
}

type CommandAck =
  { ok: true; commandId: string } | { ok: false; code: string; message: string; errors?: FieldIssue[] };

@WebSocketGateway({ namespace: '/agents', cors: { origin: true, credentials: true } })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() private namespace!: Namespace;
  private readonly logger = new Logger(AgentsGateway.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly forwardCommand: ForwardAgentCommand,
  ) {}

  afterInit(namespace: Namespace): void {
    // Reject before the connection is established, so an unauthenticated socket never joins a room.
    namespace.use((socket, next) => {
      const token = handshakeToken(socket);
      if (!token) return next(new Error('UNAUTHENTICATED: a token is required'));
      this.tokens.verify(token).then(
        (principal) => {
          (socket.data as SocketData).principal = principal;
          next();
        },
        () => next(new Error('UNAUTHENTICATED: the token is invalid or expired')),
      );
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const principal = principalOf(socket);
    if (principal.agentId) await socket.join(agentRoom(principal.tenantId, principal.agentId));
    if (principal.role !== 'agent') await socket.join(supervisorRoom(principal.tenantId));
    socket.emit('ready', { tenantId: principal.tenantId, agentId: principal.agentId, role: principal.role });
  }

  @SubscribeMessage('command')
  async onCommand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<CommandAck> {
    try {
      const { commandId } = await this.forwardCommand.execute(principalOf(socket), body);
      return { ok: true, commandId };
    } catch (error) {
      if (error instanceof DomainError) {
        const errors = error.issues.length > 0 ? { errors: error.issues } : {};
        return { ok: false, code: error.code, message: error.message, ...errors };
      }
      this.logger.error(error);
      return { ok: false, code: 'UNAVAILABLE', message: 'The command could not be queued; retry' };
    }
  }

  /** Pushes a routing event to the sockets it concerns, never outside its tenant. */
  deliver(event: RoutingEventV1): void {
    const rooms = [supervisorRoom(event.tenantId)];
    if ('agentId' in event && event.agentId) rooms.push(agentRoom(event.tenantId, event.agentId));
    this.namespace.to(rooms).emit(event.type, event);
  }
}

function handshakeToken(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  return bearerToken(socket.handshake.headers.authorization);
}

function principalOf(socket: Socket): UserPrincipal {
  return (socket.data as SocketData).principal;
}
