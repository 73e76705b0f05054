// What the EmailSender takes: one reply to a conversation. A PermanentSendError will never succeed
// (dead-letter it); any other error may succeed on a retry. EmailChannelSender adapts the connector
// runtime's outbound record to it.

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

// The connector runtime's own error, so the outbound dispatcher recognises a permanent email failure.
export { PermanentSendError } from '@switchboard/channels-core';
