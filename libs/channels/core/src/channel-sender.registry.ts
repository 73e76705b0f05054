// One sender per channel. Channel modules (social, email, chat) register theirs at start-up; the dispatcher
// looks them up by the outbound record's channel.
import type { Channel } from '@switchboard/contracts';
import type { ChannelSender } from './channel-sender.port';

export class ChannelSenderRegistry {
  private readonly senders = new Map<Channel, ChannelSender>();

  /** Registers a sender, replacing any earlier one for its channel. */
  register(sender: ChannelSender): void {
    this.senders.set(sender.channel, sender);
  }

  get(channel: Channel): ChannelSender | undefined {
    return this.senders.get(channel);
  }

  channels(): Channel[] {
    return [...this.senders.keys()];
  }
}
