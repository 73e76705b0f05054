// One tenant's intake memory, kept by the router that owns the tenant (its single writer): who each channel
// address belongs to, which conversations are open (or were resolved within the reopen window) for each
// customer, channel and thread, and which channel message ids were stored recently. It is a cache in front of Postgres: what it lacks is looked up once per
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

/** A conversation resolved recently enough that the customer writing again may reopen it. */
export interface ResolvedConversation {
  id: string;
  customerId: string;
  channel: string;
  threadKey: string | null;
  createdAt: number;
  resolvedAt: number;
  /** The agent last assigned it, preferred when it reopens. */
  lastAgentId: string | null;
  /** Offers it has had; the routing core numbers its next offer after them. */
  offerAttempts: number;
}

/** A Map that forgets its oldest entries beyond a bound; forgetting only costs a later lookup. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(
    private readonly bound: number,
    private readonly onForget?: (value: V) => void,
  ) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.bound) {
      const oldest = this.entries().next();
      if (!oldest.done) {
        this.delete(oldest.value[0]);
        this.onForget?.(oldest.value[1]);
      }
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
  resolved: number;
}

const DEFAULT_BOUNDS: IntakeStateBounds = { identities: 200_000, recentMessages: 200_000, resolved: 100_000 };

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
  /** Resolved within the reopen window, oldest resolution first, so the bound forgets the stalest. */
  private readonly resolved: BoundedMap<string, ResolvedConversation>;
  private readonly resolvedByCustomerChannel = new Map<string, Set<string>>();
  /**
   * True while every conversation resolved within the window is in memory: it was loaded whole at the
   * rebuild and the router (the only writer that resolves) keeps it in step. The bound forgetting one makes it
   * false, and batches then look up what they miss.
   */
  resolvedComplete = true;

  constructor(bounds: Partial<IntakeStateBounds> = {}) {
    const b = { ...DEFAULT_BOUNDS, ...bounds };
    this.identities = new BoundedMap(b.identities);
    this.addresses = new BoundedMap(b.identities);
    this.recentMessages = new BoundedMap(b.recentMessages);
    this.resolved = new BoundedMap(b.resolved, (forgotten) => {
      this.unindexResolved(forgotten);
      this.resolvedComplete = false;
    });
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

  /** Forgets an open conversation; with `resolution` it is remembered as resolved, so it can reopen. */
  close(
    conversationId: string,
    resolution?: Pick<ResolvedConversation, 'resolvedAt' | 'lastAgentId' | 'offerAttempts'>,
  ): void {
    const conversation = this.open.get(conversationId);
    if (!conversation) return;
    this.open.delete(conversationId);
    const key = customerChannelKey(conversation.customerId, conversation.channel);
    const rest = (this.openByCustomerChannel.get(key) ?? []).filter((c) => c.id !== conversationId);
    if (rest.length > 0) this.openByCustomerChannel.set(key, rest);
    else this.openByCustomerChannel.delete(key);
    if (resolution) {
      const { id, customerId, channel, threadKey, createdAt } = conversation;
      this.rememberResolved({ id, customerId, channel, threadKey, createdAt, ...resolution });
    }
  }

  /**
   * Remembers a resolution unless memory knows better: the conversation reopened, or resolved again, in this
   * chunk before the database (read before the chunk commits) could see it.
   */
  rememberResolved(conversation: ResolvedConversation): void {
    if (this.open.has(conversation.id)) return;
    const known = this.resolved.get(conversation.id);
    if (known && known.resolvedAt > conversation.resolvedAt) return;
    this.resolved.delete(conversation.id);
    this.resolved.set(conversation.id, conversation);
    const key = customerChannelKey(conversation.customerId, conversation.channel);
    const ids = this.resolvedByCustomerChannel.get(key) ?? new Set<string>();
    ids.add(conversation.id);
    this.resolvedByCustomerChannel.set(key, ids);
  }

  /**
   * The resolved conversation a message would reopen, if it was resolved at or after `notBefore`: with a thread
   * key only that thread's, without one the customer's most recently resolved on the channel.
   */
  resolvedConversationFor(
    customerId: string,
    channel: string,
    threadKey: string | undefined,
    notBefore: number,
  ): ResolvedConversation | undefined {
    const ids = this.resolvedByCustomerChannel.get(customerChannelKey(customerId, channel));
    let best: ResolvedConversation | undefined;
    for (const id of ids ?? []) {
      const c = this.resolved.get(id);
      if (!c || c.resolvedAt < notBefore) continue;
      if (threadKey !== undefined && c.threadKey !== threadKey) continue;
      if (!best || c.resolvedAt > best.resolvedAt) best = c;
    }
    return best;
  }

  /**
   * Forgets conversations resolved before `cutoff` (they can no longer reopen). Memory holds them in order of
   * resolution, so this stops at the first one still inside the window; forgetting these keeps memory complete.
   */
  forgetResolvedBefore(cutoff: number): void {
    for (const c of this.resolved.values()) {
      if (c.resolvedAt >= cutoff) return;
      this.resolved.delete(c.id);
      this.unindexResolved(c);
    }
  }

  /** Moves a resolved conversation back to the open ones. */
  reopen(conversationId: string, preview: string): OpenConversation | undefined {
    const resolved = this.resolved.get(conversationId);
    if (!resolved) return undefined;
    this.resolved.delete(conversationId);
    this.unindexResolved(resolved);
    const { id, customerId, channel, threadKey, createdAt } = resolved;
    const open = { id, customerId, channel, threadKey, createdAt, preview };
    this.addOpen(open);
    return open;
  }

  private unindexResolved(conversation: ResolvedConversation): void {
    const key = customerChannelKey(conversation.customerId, conversation.channel);
    const ids = this.resolvedByCustomerChannel.get(key);
    ids?.delete(conversation.id);
    if (ids?.size === 0) this.resolvedByCustomerChannel.delete(key);
  }

  rememberIdentity(channel: string, address: string, customerId: string): void {
    this.identities.set(identityKey(channel, address), customerId);
    if (!this.addresses.has(address)) this.addresses.set(address, customerId);
  }

  openCount(): number {
    return this.open.size;
  }
}
