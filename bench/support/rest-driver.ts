// The baseline the channels are compared with: one contact per POST /v1/contacts with the tenant's API key,
// on the same gateway in the same run. The 202 means the record is durable on the bus.
import type { ChannelTenant } from './channel-seed';
import {
  CustomerPool,
  RoundRobin,
  type ChannelDriver,
  type SendOutcome,
  type SeqLedger,
} from './channel-driver';

export class RestDriver implements ChannelDriver {
  readonly channel = 'rest';
  private readonly tenants: RoundRobin<ChannelTenant>;
  private readonly customers: CustomerPool;

  constructor(
    private readonly ledger: SeqLedger,
    private readonly baseUrl: string,
    tenants: readonly ChannelTenant[],
    newCustomerShare: number,
  ) {
    this.tenants = new RoundRobin(tenants);
    this.customers = new CustomerPool('rest-customer-', newCustomerShare);
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async send(): Promise<SendOutcome> {
    const tenant = this.tenants.next();
    const seq = this.ledger.take();
    const body = JSON.stringify({
      channel: 'whatsapp',
      channelMessageId: this.ledger.messageId(seq),
      from: { address: this.customers.pick() },
      body: this.ledger.body(seq),
      inboxId: tenant.whatsapp.inboxId,
      sentAt: new Date().toISOString(),
    });
    const startedAt = performance.now();
    this.ledger.sentAt[seq] = startedAt;
    let refusal: string | undefined;
    try {
      const response = await fetch(`${this.baseUrl}/v1/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 202) refusal = `HTTP ${response.status}`;
    } catch (error) {
      refusal = `request failed: ${String(error)}`;
    }
    return {
      seqs: [seq],
      redelivery: false,
      startedAt,
      endedAt: performance.now(),
      ...(refusal ? { refusal } : {}),
    };
  }
}
