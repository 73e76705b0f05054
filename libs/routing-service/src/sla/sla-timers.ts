// The router process's SLA wake-ups: one timer driver over every owned tenant's clocks (a 4-ary heap and a
// single host timer, no periodic sweep). Due conversations are handed to their tenant's lane in one batch.
import { TimerDriver, type ScheduledTimer } from '@switchboard/sla';
import type { Logger } from 'pino';
import type { SlaWakeUps } from './sla-clock.step';

export type SlaDueHandler = (tenantId: string, conversationIds: readonly string[]) => void;

export class SlaTimers implements SlaWakeUps {
  private readonly driver: TimerDriver;
  private onDue: SlaDueHandler = () => undefined;

  constructor(now: () => number, logger: Logger) {
    this.driver = new TimerDriver({
      now,
      logger,
      host: {
        setTimeout: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
        clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
      },
      onDue: (batch) => this.deliver(batch),
    });
  }

  /** Set once the service that handles due clocks exists (it needs these timers itself). */
  handleDueWith(handler: SlaDueHandler): void {
    this.onDue = handler;
  }

  schedule(tenantId: string, conversationId: string, dueAt: number): void {
    this.driver.schedule(tenantId, conversationId, dueAt);
  }

  scheduleMany(timers: Iterable<ScheduledTimer>): void {
    this.driver.scheduleMany(timers);
  }

  cancel(tenantId: string, conversationId: string): void {
    this.driver.cancel(tenantId, conversationId);
  }

  dropTenant(tenantId: string): void {
    this.driver.dropTenant(tenantId);
  }

  get size(): number {
    return this.driver.queue.size;
  }

  stop(): Promise<void> {
    return this.driver.stop();
  }

  private deliver(batch: readonly ScheduledTimer[]): void {
    const byTenant = new Map<string, string[]>();
    for (const timer of batch) {
      const keys = byTenant.get(timer.tenantId) ?? [];
      keys.push(timer.key);
      byTenant.set(timer.tenantId, keys);
    }
    for (const [tenantId, keys] of byTenant) this.onDue(tenantId, keys);
  }
}
