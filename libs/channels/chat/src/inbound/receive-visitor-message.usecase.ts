// Takes one visitor message to the inbound topic under the REST ingest admission rule. Resolves only once the
// record is on the bus, so the socket ack means durable; a failure rejects with a retriable domain error and
// the widget resends with the same client id (the router drops the duplicate by its channel message id).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import {
  DomainError,
  ErrorCode,
  INBOUND_CONTACT_V1,
  inboundContactSchemas,
  parseWith,
  type InboundContactV1,
} from '@switchboard/contracts';
import { IngestAdmissionGate } from '@switchboard/gateway-api';
import { BUS, BusOverloadedError, type Bus } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import { ChatInboxDirectory } from '../visitors/chat-inbox.directory';
import type { Visitor } from '../visitors/visitor-token.service';
import { visitorChannelMessageId, type VisitorMessageInput } from './visitor-message.schema';

export interface AcceptedVisitorMessage {
  channelMessageId: string;
  receivedAt: string;
}

@Injectable()
export class ReceiveVisitorMessage {
  private readonly logger: Logger;
  private readonly recordSchema: ReturnType<typeof inboundContactSchemas>['record'];

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly admission: IngestAdmissionGate,
    private readonly inboxes: ChatInboxDirectory,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'chat-in' });
    this.recordSchema = inboundContactSchemas(config.urls).record;
  }

  async execute(
    visitor: Visitor,
    input: VisitorMessageInput,
    now = new Date(),
  ): Promise<AcceptedVisitorMessage> {
    const inbox = await this.inboxes.byId(visitor.inboxId);
    if (!inbox || inbox.tenantId !== visitor.tenantId)
      throw new DomainError(ErrorCode.NotFound, 'This chat inbox no longer exists');
    await this.admission.admit();
    const channelMessageId = visitorChannelMessageId(visitor.visitorId, input.clientMessageId);
    const candidate: InboundContactV1 = {
      schema: INBOUND_CONTACT_V1,
      tenantId: visitor.tenantId,
      channel: 'chat',
      inboxId: inbox.id,
      channelMessageId,
      from: { address: visitor.visitorId, ...(input.displayName ? { displayName: input.displayName } : {}) },
      body: input.body,
      sentAt: now.toISOString(),
      // One visitor is one thread: a returning visitor's messages join their open conversation.
      threadKey: visitor.visitorId,
      ...(inbox.queueName ? { queue: inbox.queueName } : {}),
      receivedAt: now.toISOString(),
    };
    const parsed = parseWith(this.recordSchema, candidate);
    if (!parsed.ok) throw new DomainError(ErrorCode.ValidationFailed, 'Invalid chat message', parsed.issues);
    await this.publish(parsed.value);
    this.logger.debug({ tenantId: visitor.tenantId, channelMessageId }, 'chat message accepted');
    return { channelMessageId, receivedAt: candidate.receivedAt };
  }

  private async publish(record: InboundContactV1): Promise<void> {
    try {
      await this.bus.publish(this.config.topics.inbound, [
        { key: record.tenantId, value: JSON.stringify(record) },
      ]);
    } catch (error) {
      if (error instanceof BusOverloadedError)
        throw new DomainError(ErrorCode.Overloaded, 'Too many messages are waiting; retry later', [], {
          retryAfterMs: error.retryAfterMs,
          cause: error,
        });
      this.logger.warn({ err: error }, 'publishing a chat message failed; the visitor retries');
      throw new DomainError(ErrorCode.Unavailable, 'The message could not be stored; retry', [], {
        cause: error,
      });
    }
  }
}
