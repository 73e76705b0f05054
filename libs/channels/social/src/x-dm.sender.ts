// X (Twitter) API v2: a direct message to the customer's user id, in the one-to-one conversation with them.
import { postJson, type ChannelSender, type SendResult } from '@switchboard/channels-core';
import type { OutboundMessageV1 } from '@switchboard/contracts';
import { credentialsFor, stringAt, type SocialSenderDeps } from './social-sender.deps';

export class XDmSender implements ChannelSender {
  readonly channel = 'x' as const;

  constructor(private readonly deps: SocialSenderDeps) {}

  async send(message: OutboundMessageV1): Promise<SendResult> {
    const inbox = await credentialsFor(this.deps.secrets, message);
    const answer = await postJson(
      `${this.deps.baseUrl}/2/dm_conversations/with/${encodeURIComponent(message.to.address)}/messages`,
      { accessToken: inbox.accessToken, timeoutMs: this.deps.timeoutMs, body: { text: message.body } },
    );
    return { providerMessageId: stringAt(answer, 'data', 'dm_event_id') ?? '', status: 'sent' };
  }
}
