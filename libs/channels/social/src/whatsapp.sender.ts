// WhatsApp Cloud API: a text message to the customer's number from the inbox's phone-number id, quoting the
// customer's latest message when there is one.
import { postJson, type ChannelSender, type SendResult } from '@switchboard/channels-core';
import type { OutboundMessageV1 } from '@switchboard/contracts';
import { credentialsFor, stringAt, type SocialSenderDeps } from './social-sender.deps';

export class WhatsAppSender implements ChannelSender {
  readonly channel = 'whatsapp' as const;

  constructor(private readonly deps: SocialSenderDeps) {}

  async send(message: OutboundMessageV1): Promise<SendResult> {
    const inbox = await credentialsFor(this.deps.secrets, message);
    const answer = await postJson(`${this.deps.baseUrl}/${encodeURIComponent(inbox.accountId)}/messages`, {
      accessToken: inbox.accessToken,
      timeoutMs: this.deps.timeoutMs,
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: message.to.address,
        type: 'text',
        text: { body: message.body, preview_url: false },
        ...(message.inReplyTo ? { context: { message_id: message.inReplyTo } } : {}),
      },
    });
    return { providerMessageId: stringAt(answer, 'messages', 0, 'id') ?? '', status: 'sent' };
  }
}
