// The shape every outbound channel sender has: a channel name and a send that either resolves with the
// provider's id or throws. A PermanentSendError will never succeed (dead-letter it); any other error may
// succeed on a retry.

export interface OutboundReply {
  tenantId: string;
  conversationId: string;
  /** Our id for this reply; a retried send reuses it, so the recipient can recognise the duplicate. */
  replyId: string;
  /** The customer's address on the channel. */
  to: { address: string; displayName?: string };
  body: string;
  html?: string;
  /** The inbox the conversation came in through; without it, the tenant's first inbox of the channel. */
  inboxId?: string;
}

export interface SendResult {
  providerMessageId: string;
  status: 'sent';
}

export interface ChannelSender {
  readonly channel: string;
  send(message: OutboundReply): Promise<SendResult>;
}

export class PermanentSendError extends Error {
  readonly retriable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentSendError';
  }
}
