// One tenant's SLA clocks, kept in memory by the router that owns the tenant: the clock state of each
// conversation still measured, and what its policy is matched on. Loaded from `conversations.sla_clocks`
// when the tenant is taken over; every change is written back in the batch that made it.
import { clockWakeAt, type ConversationClocks, type ScheduledTimer } from '@switchboard/sla';
import type { SlaSubject } from '../intake/sla-catalog';

export interface ClockEntry {
  clocks: ConversationClocks;
  /** The policy is matched again on this when the conversation changes queue. */
  subject: SlaSubject;
}

export class SlaClockBook {
  private readonly entries = new Map<string, ClockEntry>();

  get(conversationId: string): ClockEntry | undefined {
    return this.entries.get(conversationId);
  }

  set(conversationId: string, entry: ClockEntry): void {
    this.entries.set(conversationId, entry);
  }

  delete(conversationId: string): void {
    this.entries.delete(conversationId);
  }

  get size(): number {
    return this.entries.size;
  }

  /** When each loaded clock next needs waking, for the timer queue. */
  timers(tenantId: string): ScheduledTimer[] {
    const timers: ScheduledTimer[] = [];
    for (const [key, entry] of this.entries) {
      const dueAt = clockWakeAt(entry.clocks);
      if (dueAt !== null) timers.push({ tenantId, key, dueAt });
    }
    return timers;
  }
}

/** The earliest deadline among running targets, stored as the conversation's `sla_deadline`. */
export function earliestDeadline(clocks: ConversationClocks): number | null {
  let earliest: number | null = null;
  for (const run of Object.values(clocks.runs)) {
    if (run && run.deadline !== null && !run.breached && (earliest === null || run.deadline < earliest))
      earliest = run.deadline;
  }
  return earliest;
}
