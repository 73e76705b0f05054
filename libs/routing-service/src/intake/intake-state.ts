// One tenant's intake memory, kept by the router that owns the tenant (its single writer): who each channel
// address belongs to, which conversations are open for each customer, channel and thread, and which channel
// message ids were stored recently. It is a cache in front of Postgres: what it lacks is looked up once per
// batch, and the whole of it is dropped (and rebuilt) whenever a write fails or ownership moves.

export interface OpenConversation {
  id: string;
  customerId: string;
  channel: string;
  threadKey: string | null;
  createdAt: number;
  /** The latest inbound text, shown with an offer. */
  preview: string;
}

/** A Map that forgets its oldest entries beyond a bound; forgetting only costs a later lookup. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly bound: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.bound) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}

export const identityKey = (channel: string, address: string): string => `${channel}\u0000${address}`;
export const messageKey = (channel: string, channelMessageId: string): string =>
  `${channel}\u0000${channelMessageId}`;
const customerChannelKey = (customerId: string, channel: string): string => `${customerId}\u0000${channel}`;

export interface IntakeStateBounds {
  identities: number;
  recentMessages: number;
}

const DEFAULT_BOUNDS: IntakeStateBounds = { identities: 200_000, recentMessages: 200_000 };

export class TenantIntakeState {
  /** (channel, address) -> customer. */
  readonly identities: BoundedMap<string, string>;
  /** address -> the customer that first used it on any channel; merges a person across channels. */
  readonly addresses: BoundedMap<string, string>;
  /** Channel message ids stored (or found stored) recently. */
  readonly recentMessages: BoundedMap<string, true>;
  private readonly open = new Map<string, OpenConversation>();
  /** Open conversations per customer and channel, oldest first. */
  private readonly openByCustomerChannel = new Map<string, OpenConversation[]>();

  constructor(bounds: IntakeStateBounds = DEFAULT_BOUNDS) {
    this.identities = new BoundedMap(bounds.identities);
    this.addresses = new BoundedMap(bounds.identities);
    this.recentMessages = new BoundedMap(bounds.recentMessages);
  }

  /**
   * The conversation a message joins: with a channel thread id only that thread; without one the customer's
   * newest open conversation on the channel.
   */
  openConversationFor(customerId: string, channel: string, threadKey: string | undefined) {
    const list = this.openByCustomerChannel.get(customerChannelKey(customerId, channel));
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      if (threadKey === undefined || list[i].threadKey === threadKey) return list[i];
    }
    return undefined;
  }

  conversation(id: string): OpenConversation | undefined {
    return this.open.get(id);
  }

  addOpen(conversation: OpenConversation): void {
    this.open.set(conversation.id, conversation);
    const key = customerChannelKey(conversation.customerId, conversation.channel);
    const list = this.openByCustomerChannel.get(key) ?? [];
    list.push(conversation);
    list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    this.openByCustomerChannel.set(key, list);
  }

  close(conversationId: string): void {
    const conversation = this.open.get(conversationId);
    if (!conversation) return;
    this.open.delete(conversationId);
    const key = customerChannelKey(conversation.customerId, conversation.channel);
    const rest = (this.openByCustomerChannel.get(key) ?? []).filter((c) => c.id !== conversationId);
    if (rest.length > 0) this.openByCustomerChannel.set(key, rest);
    else this.openByCustomerChannel.delete(key);
  }

  rememberIdentity(channel: string, address: string, customerId: string): void {
    this.identities.set(identityKey(channel, address), customerId);
    if (!this.addresses.has(address)) this.addresses.set(address, customerId);
  }

  openCount(): number {
    return this.open.size;
  }
}
