// Plugs the EmailSender into the connector runtime: the outbound record in, a threaded email reply out. The
// reply's message id is the email's replyId, so a retried send reuses its Message-ID.
import type { ChannelSender, SendResult } from '@switchboard/channels-core';
import type { OutboundMessageV1 } from '@switchboard/contracts';
import type { EmailSender } from './email.sender';

export class EmailChannelSender implements ChannelSender {
  readonly channel = 'email' as const;

  constructor(private readonly email: EmailSender) {}

  send(message: OutboundMessageV1): Promise<SendResult> {
    return this.email.send({
      tenantId: message.tenantId,
      conversationId: message.conversationId,
      replyId: message.messageId,
      to: message.to,
      body: message.body,
      html: message.html ?? undefined,
      inboxId: message.inboxId ?? undefined,
    });
  }
}
