// An in-memory inbox store for tests: credentials per tenant and channel (and per inbox id).
import type { InboxCredentials, InboxRef, InboxSecretsReader } from '../inbox-secrets.port';

export class MemoryInboxSecretsReader implements InboxSecretsReader {
  private readonly byChannel = new Map<string, InboxCredentials>();
  private readonly byId = new Map<string, InboxCredentials>();
  readonly reads: InboxRef[] = [];

  add(tenantId: string, channel: string, credentials: InboxCredentials): this {
    this.byChannel.set(`${tenantId}\u0000${channel}`, credentials);
    this.byId.set(`${tenantId}\u0000${credentials.inboxId}`, credentials);
    return this;
  }

  read(ref: InboxRef): Promise<InboxCredentials | undefined> {
    this.reads.push(ref);
    const found = ref.inboxId
      ? this.byId.get(`${ref.tenantId}\u0000${ref.inboxId}`)
      : this.byChannel.get(`${ref.tenantId}\u0000${ref.channel}`);
    return Promise.resolve(found);
  }
}
