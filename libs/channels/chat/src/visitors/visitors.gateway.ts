// The visitors' socket.io namespace: a visitor token in the handshake (never a console token), one room per
// visitor, messages in (acknowledged once durable), typing both ways, reply receipts; replies, queue status and
// assignment pushed out by the VisitorEventRelay, and what a reconnecting visitor missed replayed from the
// routing event log before it goes live. The socket limits of the agents' namespace apply here too.
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
import { DomainError, ErrorCode, parseWith, type FieldIssue } from '@switchboard/contracts';
import { CsatAnswerSchema, RecordCsatAnswer, SocketLimits, TypingRelay } from '@switchboard/gateway-api';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { ReceiveVisitorMessage } from '../inbound/receive-visitor-message.usecase';
import {
  VisitorMessageInputSchema,
  VisitorReceiptInputSchema,
  VisitorTypingInputSchema,
} from '../inbound/visitor-message.schema';
import { VisitorConversations } from '../live/visitor-conversations';
import { VisitorPresence } from '../live/visitor-presence';
import { VisitorReplayReader } from '../live/visitor-replay.reader';
import type { VisitorPush } from '../live/visitor-push.util';
import { ChatInboxDirectory } from './chat-inbox.directory';
import { ChatOriginPolicy, ORIGIN_NOT_ALLOWED_FOR_INBOX } from './chat-origin.policy';
import { ReplayGate } from './replay.gate';
import { VisitorTokenService, type Visitor } from './visitor-token.service';
import { visitorRoom } from './visitor-rooms';

interface VisitorSocketData {
  visitor: Visitor;
  limitKey: string;
  /** The last routing event seq the widget saw (handshake `lastSeq`): the replay starts after it. */
  resumeAfter?: number;
  gate: ReplayGate;
}

const HandshakeSchema = z.object({
  token: z.string(),
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

export type VisitorAck =
  | { ok: true; channelMessageId?: string }
  | { ok: false; code: string; message: string; retryAfterMs?: number; errors?: FieldIssue[] };

@WebSocketGateway({ namespace: '/visitors' })
export class VisitorsGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() private namespace!: Namespace;
  private readonly logger = new Logger(VisitorsGateway.name);

  constructor(
    private readonly tokens: VisitorTokenService,
    private readonly receive: ReceiveVisitorMessage,
    private readonly conversations: VisitorConversations,
    private readonly presence: VisitorPresence,
    private readonly replay: VisitorReplayReader,
    private readonly typing: TypingRelay,
    private readonly socketLimits: SocketLimits,
    private readonly inboxes: ChatInboxDirectory,
    private readonly origins: ChatOriginPolicy,
    private readonly csat: RecordCsatAnswer,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const auth = HandshakeSchema.safeParse(socket.handshake.auth);
      if (!auth.success)
        return next(
          new Error('UNAUTHENTICATED: a visitor token (and optionally a whole lastSeq) is required'),
        );
      this.tokens.verify(auth.data.token).then(
        ({ tenantId, inboxId, visitorId }) => {
          const data: VisitorSocketData = {
            visitor: { tenantId, inboxId, visitorId },
            limitKey: `visitor:${tenantId}:${visitorId}`,
            ...(auth.data.lastSeq === undefined ? {} : { resumeAfter: auth.data.lastSeq }),
            gate: new ReplayGate(({ event, payload }) => socket.emit(event, payload)),
          };
          Object.assign(socket.data as VisitorSocketData, data);
          next();
        },
        () => next(new Error('UNAUTHENTICATED: the visitor token is invalid or expired')),
      );
    });
    // The origin is judged against the token's inbox: its own allowed origins, or the server-wide ones.
    namespace.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      this.inboxes.byId(visitorOf(socket).inboxId).then(
        (inbox) =>
          this.origins.allows({ origin, host }, inbox?.allowedOrigins ?? [])
            ? next()
            : next(new Error(ORIGIN_NOT_ALLOWED_FOR_INBOX)),
        (error: unknown) => {
          this.logger.error(error);
          next(new Error('UNAVAILABLE: retry'));
        },
      );
    });
    this.socketLimits.attach(namespace);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { visitor, resumeAfter, gate } = socket.data as VisitorSocketData;
    // Joined first, then read: an event is either published after the join (live, held by the gate until the
    // replay is out) or committed before the read (replayed), so nothing falls between the two (ADR 0016).
    await socket.join(visitorRoom(visitor.tenantId, visitor.visitorId));
    const { missed, cursor } = await this.missed(visitor, resumeAfter);
    this.presence.replayed(visitor, missed);
    // The thread resumes: the visitor learns their open conversation and where it stands.
    const state = await this.presence.resume(visitor).catch((error: unknown) => {
      this.logger.error(error);
      return { conversationId: null };
    });
    gate.open(missed, () =>
      socket.emit('ready', {
        visitorId: visitor.visitorId,
        inboxId: visitor.inboxId,
        ...state,
        // The cursor the widget sends back when it reconnects (it also advances it with every push's seq).
        seq: cursor,
        replayed: missed.length,
      }),
    );
  }

  /**
   * What the visitor missed since their cursor, and the cursor after it. A visitor without one (a first visit)
   * has nothing replayed and starts from the log's current end.
   */
  private async missed(
    visitor: Visitor,
    resumeAfter: number | undefined,
  ): Promise<{ missed: VisitorPush[]; cursor: number | null }> {
    try {
      if (resumeAfter === undefined)
        return { missed: [], cursor: await this.replay.highWater(visitor.tenantId) };
      const missed = await this.replay.missedSince(visitor, resumeAfter);
      return { missed, cursor: missed.reduce((max, push) => Math.max(max, push.seq), resumeAfter) };
    } catch (error) {
      this.logger.error(error);
      return { missed: [], cursor: resumeAfter ?? null };
    }
  }

  @SubscribeMessage('message')
  async onMessage(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<VisitorAck> {
    const parsed = parseWith(VisitorMessageInputSchema, body);
    if (!parsed.ok)
      return {
        ok: false,
        code: ErrorCode.ValidationFailed,
        message: 'Invalid message',
        errors: parsed.issues,
      };
    try {
      const accepted = await this.receive.execute(visitorOf(socket), parsed.value);
      return { ok: true, channelMessageId: accepted.channelMessageId };
    } catch (error) {
      if (error instanceof DomainError) {
        const retry = error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {};
        return { ok: false, code: error.code, message: error.message, ...retry };
      }
      this.logger.error(error);
      return { ok: false, code: ErrorCode.Unavailable, message: 'The message could not be stored; retry' };
    }
  }

  /** The visitor is typing: shown to the assigned agent on whichever gateway they are (never stored). */
  @SubscribeMessage('typing')
  onTyping(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): VisitorAck {
    const parsed = parseWith(VisitorTypingInputSchema, body);
    if (!parsed.ok) return { ok: false, code: ErrorCode.ValidationFailed, message: 'Invalid typing event' };
    const visitor = visitorOf(socket);
    const binding = this.conversations.ofVisitor(visitor.tenantId, visitor.visitorId);
    if (binding?.agentId)
      this.typing.publish({
        from: 'visitor',
        tenantId: visitor.tenantId,
        agentId: binding.agentId,
        conversationId: binding.conversationId,
        visitorId: visitor.visitorId,
        typing: parsed.value.typing,
      });
    return { ok: true };
  }

  /**
   * The visitor ended the chat. Before an agent answered, the router closes the conversation as abandoned
   * (`conversation.abandoned` reaches the widget as `resolved`); afterwards it changes nothing.
   */
  @SubscribeMessage('end')
  async onEnd(@ConnectedSocket() socket: Socket): Promise<VisitorAck> {
    try {
      const conversationId = await this.presence.ended(visitorOf(socket));
      return conversationId
        ? { ok: true }
        : { ok: false, code: ErrorCode.NotFound, message: 'No open conversation to end' };
    } catch (error) {
      this.logger.error(error);
      return { ok: false, code: ErrorCode.Unavailable, message: 'The chat could not be ended; retry' };
    }
  }

  /** The widget showed a reply: reported as delivered to the reply's author (through the router). */
  @SubscribeMessage('receipt')
  async onReceipt(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<VisitorAck> {
    const parsed = parseWith(VisitorReceiptInputSchema, body);
    if (!parsed.ok) return { ok: false, code: ErrorCode.ValidationFailed, message: 'Invalid receipt' };
    try {
      const known = await this.presence.delivered(visitorOf(socket), parsed.value.messageId);
      return known
        ? { ok: true }
        : { ok: false, code: ErrorCode.NotFound, message: 'No such reply to this visitor' };
    } catch (error) {
      this.logger.error(error);
      return { ok: false, code: ErrorCode.Unavailable, message: 'The receipt could not be stored; retry' };
    }
  }

  /** The visitor rates a surveyed conversation of theirs: 1-5 with an optional comment, stored once. */
  @SubscribeMessage('csat')
  async onCsat(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<VisitorAck> {
    const parsed = parseWith(CsatAnswerSchema, body);
    if (!parsed.ok)
      return {
        ok: false,
        code: ErrorCode.ValidationFailed,
        message: 'Invalid rating',
        errors: parsed.issues,
      };
    const visitor = visitorOf(socket);
    try {
      await this.csat.execute(
        { tenantId: visitor.tenantId, channel: 'chat', address: visitor.visitorId },
        parsed.value,
      );
      return { ok: true };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message };
      this.logger.error(error);
      return { ok: false, code: ErrorCode.Unavailable, message: 'The rating could not be stored; retry' };
    }
  }

  /**
   * Pushes an event to one visitor's sockets on this gateway, through each socket's replay gate; `seq` is the
   * routing event's, for pushes that are events (a replayed one is not sent twice).
   */
  toVisitor(tenantId: string, visitorId: string, event: string, payload: object, seq?: number): void {
    for (const id of this.namespace.adapter.rooms.get(visitorRoom(tenantId, visitorId)) ?? []) {
      const socket = this.namespace.sockets.get(id);
      if (socket) (socket.data as VisitorSocketData).gate.offer({ event, payload, ...(seq ? { seq } : {}) });
    }
  }

  /** Whether the visitor has a socket on this gateway (only then is their queue status worth reading). */
  isHere(tenantId: string, visitorId: string): boolean {
    return (this.namespace.adapter.rooms.get(visitorRoom(tenantId, visitorId))?.size ?? 0) > 0;
  }
}

function visitorOf(socket: Socket): Visitor {
  return (socket.data as VisitorSocketData).visitor;
}
