// Messenger and Instagram share Meta's Send API: a text message to the page-scoped (or Instagram-scoped) id of
// the customer, from the inbox's page. One instance per platform.
import { postJson, type ChannelSender, type SendResult } from '@switchboard/channels-core';
import type { OutboundMessageV1 } from '@switchboard/contracts';
import { credentialsFor, stringAt, type SocialSenderDeps } from './social-sender.deps';

export class MetaSendApiSender implements ChannelSender {
  constructor(
    readonly channel: 'messenger' | 'instagram',
    private readonly deps: SocialSenderDeps,
  ) {}

  async send(message: OutboundMessageV1): Promise<SendResult> {
    const inbox = await credentialsFor(this.deps.secrets, message);
    const answer = await postJson(`${this.deps.baseUrl}/${encodeURIComponent(inbox.accountId)}/messages`, {
      accessToken: inbox.accessToken,
      timeoutMs: this.deps.timeoutMs,
      body: {
        recipient: { id: message.to.address },
        // A reply to the customer's own message, inside the platform's standard messaging window.
        messaging_type: 'RESPONSE',
        message: { text: message.body },
      },
    });
    return { providerMessageId: stringAt(answer, 'message_id') ?? '', status: 'sent' };
  }
}
