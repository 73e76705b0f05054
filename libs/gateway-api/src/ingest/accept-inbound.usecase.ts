// Accepts an integrator's message: stamps tenant and arrival time, and answers only after the bus has it,
// so a 202 always means the message is durably queued for the router.
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  INBOUND_CONTACT_V1,
  type InboundContactBody,
  type InboundContactV1,
} from '@switchboard/contracts';
import type { IntegratorPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { BUS, type Bus } from '@switchboard/messaging';

export interface AcceptedInbound {
  status: 'accepted';
  tenantId: string;
  channel: string;
  channelMessageId: string;
  receivedAt: string;
}

@Injectable()
export class AcceptInbound {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    principal: IntegratorPrincipal,
    body: InboundContactBody,
    now = new Date(),
  ): Promise<AcceptedInbound> {
    if (principal.channels.length > 0 && !principal.channels.includes(body.channel)) {
      throw new DomainError(
        ErrorCode.ChannelNotAllowed,
        `This API key may not ingest on channel ${body.channel}`,
        [{ path: 'channel', message: `not allowed for this key; allowed: ${principal.channels.join(', ')}` }],
      );
    }
    const record: InboundContactV1 = {
      ...body,
      schema: INBOUND_CONTACT_V1,
      tenantId: principal.tenantId,
      receivedAt: now.toISOString(),
    };
    await this.bus.publish(this.config.topics.inbound, [
      { key: principal.tenantId, value: JSON.stringify(record) },
    ]);
    return {
      status: 'accepted',
      tenantId: principal.tenantId,
      channel: body.channel,
      channelMessageId: body.channelMessageId,
      receivedAt: record.receivedAt,
    };
  }
}
