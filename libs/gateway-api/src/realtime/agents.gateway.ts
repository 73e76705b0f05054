// The agents' socket.io namespace: JWT in the handshake, one room per agent, commands in, the console stream out
// (ADR 0026; or the routing events themselves, on request), and typing indicators to and from web chat through
// the TypingRelay (across gateways, never stored).
// The socket session watch ends sockets whose token expires or whose session is revoked.
import { Inject, Logger } from '@nestjs/common';
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
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ErrorCode, parseWith, type CommandAck, type RoutingEventV1 } from '@switchboard/contracts';
import { isOriginAllowed } from '@switchboard/platform';
import type { Namespace, Socket } from 'socket.io';
import { ForwardAgentCommand } from './agent-command.usecase';
import { commandAck } from './command-ack.util';
import { consoleHandshakeOptions, type ConsoleHandshakeOptions } from './console-handshake.util';
import { ConsoleStreams } from './console-stream.service';
import { PresenceTracker } from './presence.tracker';
import { AgentTypingInputSchema, TypingRelay } from './typing.relay';
import { SocketLimits } from './socket-limits';
import { authenticateHandshake, HandshakeRefused, type HandshakeIdentity } from './socket-handshake.auth';
import {
  agentRoom,
  consoleAgentRoom,
  consoleSupervisorsRoom,
  consoleTenantRoom,
  supervisorRoom,
} from './socket-rooms';
import { SocketSessionWatch } from './socket-session.watch';

type SocketData = HandshakeIdentity & { console: ConsoleHandshakeOptions };

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
    private readonly typingRelay: TypingRelay,
    private readonly streams: ConsoleStreams,
    private readonly presence: PresenceTracker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    // Sites that only embed the chat widget (CHAT_ORIGINS) pass the server-wide origin rule, but not here.
    namespace.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (isOriginAllowed({ origin, host }, this.config.corsOrigins)) return next();
      next(new HandshakeRefused('ORIGIN_NOT_ALLOWED: this origin may not open agent sockets'));
    });
    // Reject before the connection is established, so an unauthenticated socket never joins a room.
    namespace.use((socket, next) => {
      authenticateHandshake(socket, this.tokens, this.sessions)
        .then((identity) => ({ ...identity, console: consoleHandshakeOptions(socket) }))
        .then(
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
    this.streams.register(namespace);
    // A visitor typing, on this gateway or another, is shown to the conversation's agent here.
    this.typingRelay.addListener(({ from, tenantId, agentId, conversationId, visitorId, typing }) => {
      if (from === 'visitor')
        this.pushToAgent(tenantId, agentId, 'visitor.typing', { conversationId, visitorId, typing });
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const principal = principalOf(socket);
    this.sessionWatch.watch(socket, principal.sessionId, (socket.data as SocketData).tokenExpiresAt);
    const { tenantId, agentId, role } = principal;
    // Presence counts consoles until they disconnect (ADR 0027), whichever stream they read.
    if (agentId) this.presence.attach(socket, tenantId, agentId);
    const options = (socket.data as SocketData).console;
    if (options.stream === 'routing-events') {
      if (agentId) await socket.join(agentRoom(tenantId, agentId));
      if (role !== 'agent') await socket.join(supervisorRoom(tenantId));
      socket.emit('ready', { tenantId, agentId, role });
      return;
    }
    const rooms = agentId ? [consoleAgentRoom(tenantId, agentId)] : [];
    // A supervisor or admin here streams the tenant as well, as on /supervisors.
    if (role !== 'agent') rooms.push(consoleSupervisorsRoom(tenantId), consoleTenantRoom(tenantId));
    await this.streams.open(socket, {
      tenantId,
      agentId,
      role,
      rooms,
      ...(options.lastSeq !== undefined ? { lastSeq: options.lastSeq } : {}),
      ...(role === 'agent' && agentId ? { onlyAgentId: agentId } : {}),
    });
  }

  /** Answered with the router's outcome for the command (ADR 0027), or why it never reached the router. */
  @SubscribeMessage('command')
  onCommand(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<CommandAck> {
    return commandAck(() => this.forwardCommand.execute(principalOf(socket), body), this.logger);
  }

  /** The agent is typing (or stopped) in a conversation; ephemeral, so it is handed on and not stored. */
  @SubscribeMessage('typing')
  onTyping(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): CommandAck | { ok: true } {
    const principal = principalOf(socket);
    const parsed = parseWith(AgentTypingInputSchema, body);
    if (!parsed.ok)
      return {
        ok: false,
        code: ErrorCode.ValidationFailed,
        message: 'Invalid typing event',
        errors: parsed.issues,
      };
    if (!principal.agentId)
      return { ok: false, code: ErrorCode.Forbidden, message: 'Only agents type in conversations' };
    this.typingRelay.publish({
      from: 'agent',
      tenantId: principal.tenantId,
      agentId: principal.agentId,
      ...parsed.value,
    });
    return { ok: true };
  }

  /** Pushes an ephemeral event (a visitor typing) to one agent's sockets on this gateway, on either stream. */
  pushToAgent(tenantId: string, agentId: string, event: string, payload: object): void {
    this.namespace
      .to([agentRoom(tenantId, agentId), consoleAgentRoom(tenantId, agentId)])
      .emit(event, payload);
  }

  /** Pushes a routing event to the routing-event stream's sockets it concerns, never outside its tenant. */
  deliver(event: RoutingEventV1): void {
    const rooms = [supervisorRoom(event.tenantId)];
    if ('agentId' in event && event.agentId) rooms.push(agentRoom(event.tenantId, event.agentId));
    this.namespace.to(rooms).emit(event.type, event);
  }
}

function principalOf(socket: Socket): UserPrincipal {
  return (socket.data as SocketData).principal;
}
