// Bus metrics, registered on whichever prom-client registry the process exposes at /metrics.
import { Counter, Gauge, type Registry } from 'prom-client';

/** Nest injection token for the process's bus metrics (created once per registry). */
export const BUS_METRICS = Symbol('BUS_METRICS');

export interface BusMetrics {
  consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  deadLettered: Counter<'topic' | 'code'>;
}

export function createBusMetrics(registry: Registry): BusMetrics {
  return {
    consumerLag: new Gauge({
      name: 'switchboard_consumer_lag',
      help: 'Records behind the partition high watermark when the last batch was fetched',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'switchboard_dead_lettered_total',
      help: 'Records sent to the dead-letter topic, by source topic and reason code',
      labelNames: ['topic', 'code'],
      registers: [registry],
    }),
  };
}
