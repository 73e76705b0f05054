// Email channel metrics on the process's registry (/metrics): what the SMTP server answered, by SMTP reply
// code, and what became of replies handed to the relay.
import { Counter, type Registry } from 'prom-client';

export const EMAIL_METRICS = Symbol('EMAIL_METRICS');

export interface EmailMetrics {
  /** `code` is the SMTP reply: 250, 451, 452, 550, 552, 554. */
  inbound: Counter<'code'>;
  /** `outcome`: sent, permanent-failure, retriable-failure. */
  outbound: Counter<'outcome'>;
}

export function createEmailMetrics(registry: Registry): EmailMetrics {
  return {
    inbound: new Counter({
      name: 'switchboard_email_inbound_total',
      help: 'Messages the SMTP server answered at DATA or RCPT TO, by SMTP reply code',
      labelNames: ['code'],
      registers: [registry],
    }),
    outbound: new Counter({
      name: 'switchboard_email_outbound_total',
      help: 'Email replies handed to SMTP_RELAY_URL, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
