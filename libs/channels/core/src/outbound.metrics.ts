// Outbound metrics, registered on the process's prom-client registry (served at /metrics).
import { Counter, type Registry } from 'prom-client';

export interface OutboundMetrics {
  /** Replies handled, by channel and outcome (`sent`, `delivered`, or the failure code). */
  sends: Counter<'channel' | 'outcome'>;
  /** Retries scheduled after a retriable failure, by channel. */
  retries: Counter<'channel'>;
}

export function createOutboundMetrics(registry: Registry): OutboundMetrics {
  return {
    sends: new Counter({
      name: 'switchboard_outbound_sends_total',
      help: 'Replies the outbound dispatcher finished, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    retries: new Counter({
      name: 'switchboard_outbound_retries_total',
      help: 'Send retries scheduled after a retriable failure, by channel',
      labelNames: ['channel'],
      registers: [registry],
    }),
  };
}
