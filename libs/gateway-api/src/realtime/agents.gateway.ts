// The agents' socket.io namespace: JWT in the handshake, one room per agent, commands in, routing events out.
// The socket session watch ends sockets whose token expires or whose session is revoked.
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
import { SessionValidator, TokenService, type UserPrincipal } from '@switchboard/auth';
import { DomainError, type FieldIssue, type RoutingEventV1 } from '@switchboard/contracts';
import type { Namespace, Socket } from 'socket.io';
import { ForwardAgentCommand } from './agent-command.usecase';
import { SocketLimits } from './socket-limits';
import { authenticateHandshake, HandshakeRefused, type HandshakeIdentity } from './socket-handshake.auth';
import { agentRoom, supervisorRoom } from './socket-rooms';
import { SocketSessionWatch } from './socket-session.watch';

type SocketData = HandshakeIdentity;

type CommandAck =
  { ok: true; commandId: string } | { ok: false; code: string; message: string; errors?: FieldIssue[] };

// CORS, the allowed origins and the message size cap are set for the whole server by the socket.io adapter.
@WebSocketGateway({ namespace: '/agents' })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() private namespace!: Namespace;
  private readonly logger = new Logger(AgentsGateway.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionValidator,
    private readonly sessionWatch: SocketSessionWatch,
    private readonly forwardCommand: ForwardAgentCommand,
    private readonly socketLimits: SocketLimits,
  ) {}

  afterInit(namespace: Namespace): void {
    // Reject before the connection is established, so an unauthenticated socket never joins a room.
    namespace.use((socket, next) => {
      authenticateHandshake(socket, this.tokens, this.sessions).then(
        (identity) => {
          Object.assign(socket.data as SocketData, identity);
          next();
        },
        (error: unknown) => {
          if (!(error instanceof HandshakeRefused)) this.logger.error(error);
          next(error instanceof HandshakeRefused ? error : new Error('UNAVAILABLE: retry'));
        },
      );
    });
    this.socketLimits.attach(namespace);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const principal = principalOf(socket);
    this.sessionWatch.watch(socket, principal.sessionId, (socket.data as SocketData).tokenExpiresAt);
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

function principalOf(socket: Socket): UserPrincipal {
  return (socket.data as SocketData).principal;
}
