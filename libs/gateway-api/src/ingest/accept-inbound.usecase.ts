// Accepts an integrator's message: checks what only the server knows (channel allowed, queue exists, room to
// take work), stamps tenant and arrival time, and answers only after the bus has it, so a 202 always means the
// message is durably queued for the router. Every refusal is a domain error with a code.
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  INBOUND_CONTACT_V1,
  inboxRefusal,
  type InboundContactBody,
  type InboundContactV1,
} from '@switchboard/contracts';
import type { IntegratorPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { BUS, BusOverloadedError, type Bus } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import { InboxDefaultsDirectory } from './inbox-defaults.directory';
import { IngestAdmissionGate } from './ingest-admission.gate';
import { InboundPublishBatcher } from './inbound-publish.batcher';
import { QueueNamesDirectory } from './queue-names.directory';

/** What a caller is told to wait when the bus cannot take a message at all. */
export const BUS_UNAVAILABLE_RETRY_AFTER_MS = 5_000;

export interface AcceptedInbound {
  status: 'accepted';
  tenantId: string;
  channel: string;
  channelMessageId: string;
  receivedAt: string;
}

@Injectable()
export class AcceptInbound {
  private readonly logger: Logger;
  private readonly batcher: InboundPublishBatcher;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly admission: IngestAdmissionGate,
    private readonly queues: QueueNamesDirectory,
    private readonly inboxes: InboxDefaultsDirectory,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'ingest' });
    this.batcher = new InboundPublishBatcher((messages) =>
      this.bus.publish(this.config.topics.inbound, messages),
    );
  }

  async execute(
    principal: IntegratorPrincipal,
    body: InboundContactBody,
    now = new Date(),
  ): Promise<AcceptedInbound> {
    this.assertChannelAllowed(principal, body);
    const queue = body.queue ?? (await this.inboxDefaultQueue(principal.tenantId, body));
    await this.assertQueueExists(principal.tenantId, queue);
    await this.admission.admit();
    const record: InboundContactV1 = {
      ...body,
      ...(queue !== undefined ? { queue } : {}),
      schema: INBOUND_CONTACT_V1,
      tenantId: principal.tenantId,
      receivedAt: now.toISOString(),
    };
    await this.publish(record);
    return {
      status: 'accepted',
      tenantId: principal.tenantId,
      channel: body.channel,
      channelMessageId: body.channelMessageId,
      receivedAt: record.receivedAt,
    };
  }

  private assertChannelAllowed(principal: IntegratorPrincipal, body: InboundContactBody): void {
    if (principal.channels.length === 0 || principal.channels.includes(body.channel)) return;
    throw new DomainError(
      ErrorCode.ChannelNotAllowed,
      `This API key may not ingest on channel ${body.channel}`,
      [{ path: 'channel', message: `not allowed for this key; allowed: ${principal.channels.join(', ')}` }],
    );
  }

  /**
   * Checks the named inbox (as the router does for records from Kafka) and returns its default queue, which a
   * record naming no queue waits in.
   */
  private async inboxDefaultQueue(tenantId: string, body: InboundContactBody): Promise<string | undefined> {
    if (body.inboxId === undefined) return undefined;
    const inbox = await this.inboxes.find(tenantId, body.inboxId);
    const refusal = inboxRefusal({ channel: body.channel, inboxId: body.inboxId }, inbox);
    if (refusal) throw refusal;
    return inbox?.defaultQueue ?? undefined;
  }

  /** Same code and issue as the router's dead letter for an unknown queue, so both transports agree. */
  private async assertQueueExists(tenantId: string, queue: string | undefined): Promise<void> {
    if (queue === undefined || (await this.queues.has(tenantId, queue))) return;
    throw new DomainError(ErrorCode.NotFound, `Queue ${queue} does not exist for this tenant`, [
      { path: 'queue', message: 'no such queue' },
    ]);
  }

  private async publish(record: InboundContactV1): Promise<void> {
    try {
      await this.batcher.publish({ key: record.tenantId, value: JSON.stringify(record) });
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /** A failed publish is always worth retrying (the channel message id makes a resend safe): 503, never 500. */
  private refusal(error: unknown): DomainError {
    if (error instanceof BusOverloadedError) {
      return new DomainError(
        ErrorCode.Overloaded,
        'Ingest is paused: too many messages are waiting to be routed. Retry later.',
        [],
        { retryAfterMs: error.retryAfterMs, cause: error },
      );
    }
    this.logger.warn({ err: error }, 'publishing an inbound message failed; answering 503');
    return new DomainError(
      ErrorCode.Unavailable,
      'The message bus is unavailable, so the message may not have been queued. Retry later; resending is safe.',
      [],
      { retryAfterMs: BUS_UNAVAILABLE_RETRY_AFTER_MS, cause: error },
    );
  }
}
