// Mail to the gateway's SMTP server through a nodemailer pool (one SMTP connection per lane, messages pipelined
// over it one after another), as a sending mail server would. The 250 after DATA means the record is durable.
// A share of the mails are sent again with the same Message-ID, as a server does when the 250 was lost.
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import type { ChannelTenant } from './channel-seed';
import {
  CustomerPool,
  RecentRequests,
  RoundRobin,
  type ChannelDriver,
  type SendOutcome,
  type SeqLedger,
} from './channel-driver';

export class SmtpDriver implements ChannelDriver {
  readonly channel = 'email';
  private readonly inboxes: RoundRobin<ChannelTenant>;
  private readonly customers: CustomerPool;
  private readonly recent = new RecentRequests<SendMailOptions>();
  private transport?: Transporter;

  constructor(
    private readonly ledger: SeqLedger,
    private readonly smtpPort: number,
    tenants: readonly ChannelTenant[],
    private readonly redeliveryShare: number,
    newCustomerShare: number,
  ) {
    this.inboxes = new RoundRobin(tenants);
    this.customers = new CustomerPool('customer-', newCustomerShare);
  }

  open(lanes: number): Promise<void> {
    this.transport = createTransport({
      host: '127.0.0.1',
      port: this.smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: lanes,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.transport?.close();
    this.transport = undefined;
    return Promise.resolve();
  }

  async send(): Promise<SendOutcome> {
    const transport = this.transport;
    if (!transport) throw new Error('SmtpDriver.send before open');
    const again = Math.random() < this.redeliveryShare ? this.recent.pick() : undefined;
    const seqs: number[] = [];
    const mail = again ?? this.compose(seqs);
    const startedAt = performance.now();
    for (const seq of seqs) this.ledger.sentAt[seq] = startedAt;
    let refusal: string | undefined;
    try {
      await transport.sendMail(mail);
    } catch (error) {
      const failure = error as { responseCode?: number; message?: string };
      refusal = `SMTP ${failure.responseCode ?? '?'} ${failure.message ?? ''}`.trim();
    }
    const endedAt = performance.now();
    if (!refusal && !again) this.recent.add(mail);
    return { seqs, redelivery: again !== undefined, startedAt, endedAt, ...(refusal ? { refusal } : {}) };
  }

  private compose(seqs: number[]): SendMailOptions {
    const seq = this.ledger.take();
    seqs.push(seq);
    const from = `${this.customers.pick()}@customers.bench.test`;
    return {
      from,
      to: this.inboxes.next().emailAddress,
      subject: `Order question ${seq}`,
      messageId: `<${this.ledger.messageId(seq)}@customers.bench.test>`,
      text: this.ledger.body(seq),
    };
  }
}
