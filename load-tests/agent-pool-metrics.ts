// The Node agent driver's figures, written in the shape of k6's `--summary-export` so load-report.ts reads
// both drivers alike: counters as `{count}`, trends as `{med, p(95), p(99), max, count}`.
import { percentile, sortedValues } from './load-report-stats';

export type CounterName =
  | 'agents_ready'
  | 'offers_received'
  | 'offers_during_arrivals'
  | 'offers_without_marker'
  | 'offer_events_repeated'
  | 'offers_closed_not_accepted'
  | 'assignments_created'
  | 'conversations_resolved'
  | 'commands_rejected'
  | 'command_acks_failed'
  | 'agents_status_forced'
  | 'agent_socket_errors';

export type TrendName = 'offer_latency_ms' | 'assign_latency_ms' | 'command_ack_ms';

export class AgentPoolMetrics {
  private readonly counters = new Map<CounterName, number>();
  private readonly trends = new Map<TrendName, number[]>();

  add(name: CounterName, n = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + n);
  }

  count(name: CounterName): number {
    return this.counters.get(name) ?? 0;
  }

  sample(name: TrendName, ms: number): void {
    const values = this.trends.get(name) ?? [];
    values.push(ms);
    this.trends.set(name, values);
  }

  /** `{ metrics: { name: { count } | { med, p(95), p(99), max, count } } }`, as k6 exports it. */
  toSummary(): { metrics: Record<string, Record<string, number>> } {
    const metrics: Record<string, Record<string, number>> = {};
    for (const [name, count] of this.counters) metrics[name] = { count };
    for (const [name, values] of this.trends) {
      const sorted = sortedValues(values);
      metrics[name] = {
        med: percentile(sorted, 50),
        'p(95)': percentile(sorted, 95),
        'p(99)': percentile(sorted, 99),
        max: sorted.length ? sorted[sorted.length - 1] : 0,
        count: sorted.length,
      };
    }
    return { metrics };
  }
}
