// The platforms' subscription checks: Meta's `hub.challenge` echo (when the verify token matches) and X's CRC
// (the challenge signed with the consumer secret). Neither stores anything.
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Channel } from '@switchboard/contracts';
import { WebhookInboxes } from './webhook-inboxes.service';
import { safeEqual, xCrcResponseToken } from './webhook-signature.util';

export interface MetaSubscriptionCheck {
  mode?: string;
  verifyToken?: string;
  challenge?: string;
}

@Injectable()
export class VerifyWebhookSubscription {
  constructor(private readonly inboxes: WebhookInboxes) {}

  /** The challenge to echo, when Meta presents the inbox's verify token. */
  async meta(channel: Channel, inboxId: string, check: MetaSubscriptionCheck): Promise<string> {
    const inbox = await this.inboxes.find(channel, inboxId);
    if (check.mode !== 'subscribe' || !check.challenge) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Expected hub.mode=subscribe and hub.challenge', [
        { path: 'hub.mode', message: 'must be subscribe, with hub.challenge and hub.verify_token' },
      ]);
    }
    if (!inbox.verifyToken || !safeEqual(check.verifyToken, inbox.verifyToken)) {
      throw new DomainError(ErrorCode.Forbidden, 'hub.verify_token does not match this inbox');
    }
    return check.challenge;
  }

  /** X's `response_token` for a `crc_token`. */
  async xCrc(inboxId: string, crcToken: string | undefined): Promise<{ response_token: string }> {
    const inbox = await this.inboxes.find('x', inboxId);
    if (!crcToken) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Expected crc_token', [
        { path: 'crc_token', message: 'required' },
      ]);
    }
    if (!inbox.consumerSecret) {
      throw new DomainError(ErrorCode.Forbidden, 'The inbox has no consumer secret configured');
    }
    return { response_token: xCrcResponseToken(crcToken, inbox.consumerSecret) };
  }
}
