// The ingest benchmark's record stream: switchboard.inbound-contact.v1 records keyed by tenant, 80% follow-ups
// from a customer whose conversation is still open (same address and channel, so they thread into it) and 20%
// first messages from new customers. Every record carries its sequence number in its channel message id and
// at the start of its body, so the routing event it causes can be matched back to it.
import { INBOUND_CONTACT_V1, type Channel, type InboundContactV1 } from '@switchboard/contracts';
import { BENCH_QUEUE } from './bench-tenants';

export interface BenchRecord {
  readonly seq: number;
  readonly tenantId: string;
  readonly value: string;
  readonly opensConversation: boolean;
}

interface Customer {
  readonly channel: Channel;
  readonly address: string;
  messages: number;
}

const CHANNELS: readonly Channel[] = ['chat', 'email', 'whatsapp'];
const TIERS = ['standard', 'standard', 'silver', 'gold', 'platinum'] as const;
const BODY =
  'Hello, I was charged twice for my last order and the tracking page has not updated since Monday. ' +
  'Could someone look into it and call me back?';

export class IngestWorkload {
  private seq = 0;
  private readonly customers: Customer[][];
  private readonly random: () => number;

  constructor(
    private readonly runId: string,
    private readonly tenantIds: readonly string[],
    private readonly followUpShare: number,
    seed = 42,
  ) {
    this.customers = tenantIds.map(() => []);
    this.random = mulberry32(seed);
  }

  get produced(): number {
    return this.seq;
  }

  /** The next `count` records, all stamped with the same sentAt/receivedAt. */
  take(count: number, sentAt = new Date()): BenchRecord[] {
    const out: BenchRecord[] = new Array<BenchRecord>(count);
    const iso = sentAt.toISOString();
    for (let i = 0; i < count; i++) out[i] = this.next(iso);
    return out;
  }

  /** address -> messages sent, per tenant: what the database must hold once every record is stored. */
  expectedThreads(): Map<string, Map<string, number>> {
    const result = new Map<string, Map<string, number>>();
    this.tenantIds.forEach((tenantId, t) => {
      result.set(tenantId, new Map(this.customers[t].map((c) => [`${c.channel}|${c.address}`, c.messages])));
    });
    return result;
  }

  private next(iso: string): BenchRecord {
    const seq = this.seq++;
    const t = seq % this.tenantIds.length;
    const tenantId = this.tenantIds[t];
    const pool = this.customers[t];
    const followUp = pool.length > 0 && this.random() < this.followUpShare;
    const customer = followUp ? pool[Math.floor(this.random() * pool.length)] : this.newCustomer(t, seq);
    customer.messages++;
    const record: InboundContactV1 = {
      schema: INBOUND_CONTACT_V1,
      tenantId,
      channel: customer.channel,
      channelMessageId: `bm-${this.runId}-${seq}`,
      from: { address: customer.address, displayName: 'Bench Customer' },
      body: `bi:${seq} ${BODY}`,
      sentAt: iso,
      receivedAt: iso,
      queue: BENCH_QUEUE,
      tier: TIERS[seq % TIERS.length],
      priority: seq % 10 === 0 ? 60 : 10,
      ...(customer.channel === 'email' && !followUp ? { subject: `Order problem ${seq}` } : {}),
    };
    return { seq, tenantId, value: JSON.stringify(record), opensConversation: !followUp };
  }

  private newCustomer(t: number, seq: number): Customer {
    const channel = CHANNELS[this.customers[t].length % CHANNELS.length];
    const id = `${this.runId}-${seq}`;
    const address =
      channel === 'email' ? `c-${id}@bench.test` : channel === 'whatsapp' ? `wa-${id}` : `visitor-${id}`;
    const customer: Customer = { channel, address, messages: 0 };
    this.customers[t].push(customer);
    return customer;
  }
}

/** A small seeded PRNG, so two runs produce the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
