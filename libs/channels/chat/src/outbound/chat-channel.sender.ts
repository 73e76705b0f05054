// The chat channel's sender. A chat reply needs no platform call: the `reply.created` event it came from is
// read by every gateway, and the one holding the visitor's socket pushes it (ADR 0016). Sending therefore
// only confirms the reply is on its way (`sent`); the widget's receipt later reports it `delivered`.
import type { OutboundMessageV1 } from '@switchboard/contracts';
import type { ChannelSender, SendResult } from '@switchboard/channels-core';

export class ChatChannelSender implements ChannelSender {
  readonly channel = 'chat' as const;

  send(message: OutboundMessageV1): Promise<SendResult> {
    return Promise.resolve({ providerMessageId: `chat:${message.messageId}`, status: 'sent' });
  }
}
