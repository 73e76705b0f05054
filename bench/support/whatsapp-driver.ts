// Signed WhatsApp Cloud API webhook deliveries to POST /v1/channels/whatsapp/:inboxId/webhook, as Meta sends them:
// a batch of messages per delivery, X-Hub-Signature-256 over the raw body with the inbox's app secret, and a
// share of redeliveries (the same body again, as Meta does when it missed a 200). One HTTP request per lane at
// a time; the 200 means every message in it is durable on the bus.
import { createHmac } from 'node:crypto';
import type { ChannelTenant } from './channel-seed';
import {
  CustomerPool,
  RecentRequests,
  RoundRobin,
  type ChannelDriver,
  type SendOutcome,
  type SeqLedger,
} from './channel-driver';

interface Delivery {
  readonly inboxId: string;
  readonly raw: string;
  readonly signature: string;
}

export interface WhatsAppDriverOptions {
  readonly baseUrl: string;
  readonly tenants: readonly ChannelTenant[];
  readonly appSecret: string;
  readonly messagesPerDelivery: number;
  readonly redeliveryShare: number;
  readonly newCustomerShare: number;
}

export class WhatsAppDriver implements ChannelDriver {
  readonly channel = 'whatsapp';
  private readonly inboxes: RoundRobin<ChannelTenant>;
  private readonly customers: CustomerPool;
  private readonly recent = new RecentRequests<Delivery>();

  constructor(
    private readonly ledger: SeqLedger,
    private readonly options: WhatsAppDriverOptions,
  ) {
    this.inboxes = new RoundRobin(options.tenants);
    this.customers = new CustomerPool('1999', options.newCustomerShare);
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async send(): Promise<SendOutcome> {
    const again = Math.random() < this.options.redeliveryShare ? this.recent.pick() : undefined;
    const seqs: number[] = [];
    const delivery = again ?? this.build(seqs);
    const startedAt = performance.now();
    for (const seq of seqs) this.ledger.sentAt[seq] = startedAt;
    const refusal = await this.post(delivery);
    const endedAt = performance.now();
    if (!refusal && !again) this.recent.add(delivery);
    return { seqs, redelivery: again !== undefined, startedAt, endedAt, ...(refusal ? { refusal } : {}) };
  }

  private build(seqs: number[]): Delivery {
    const tenant = this.inboxes.next();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const messages = Array.from({ length: this.options.messagesPerDelivery }, () => {
      const seq = this.ledger.take();
      seqs.push(seq);
      const from = this.customers.pick();
      return {
        from,
        id: this.ledger.messageId(seq),
        timestamp,
        type: 'text',
        text: { body: this.ledger.body(seq) },
      };
    });
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba-bench',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '15550000000',
                  phone_number_id: tenant.whatsapp.phoneNumberId,
                },
                contacts: messages.map((m) => ({ wa_id: m.from, profile: { name: `Customer ${m.from}` } })),
                messages,
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', this.options.appSecret).update(raw).digest('hex')}`;
    return { inboxId: tenant.whatsapp.inboxId, raw, signature };
  }

  private async post(delivery: Delivery): Promise<string | undefined> {
    try {
      const response = await fetch(
        `${this.options.baseUrl}/v1/channels/whatsapp/${delivery.inboxId}/webhook`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': delivery.signature },
          body: delivery.raw,
        },
      );
      await response.arrayBuffer();
      return response.status === 200 ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return `request failed: ${String(error)}`;
    }
  }
}
