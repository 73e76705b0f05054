// The port every outbound connector implements: send one reply through its channel, or say why not. A
// PermanentSendError means retrying cannot help (the platform refused the message); any other error is
// treated as retriable (the platform or the network is having a bad moment).
import type { Channel, OutboundMessageV1 } from '@switchboard/contracts';

export interface SendResult {
  /** The platform's id for the sent message (wamid, mid, DM event id, SMTP Message-ID). */
  providerMessageId: string;
  /** `delivered` only when the platform confirms delivery synchronously; most say `sent`. */
  status: 'sent' | 'delivered';
}

export interface ChannelSender {
  readonly channel: Channel;
  send(message: OutboundMessageV1): Promise<SendResult>;
}

/** Poison: the same message will never be accepted, so it is dead-lettered at once. */
export class PermanentSendError extends Error {
  readonly retriable = false;

  constructor(message: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/** A failure worth retrying, optionally with the wait the platform asked for (Retry-After). */
export class RetriableSendError extends Error {
  readonly retriable = true;

  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetriableSendError';
  }
}
