// The SLA badge of a conversation in the console snapshot, from its stored clock state (libs/sla ConversationClocks):
// a breached target first (it is overdue), else the nearest running deadline, else a paused target.
import {
  ConversationClocksSchema,
  SLA_TARGET_NAMES,
  type ConversationClocks,
  type TargetRun,
} from '@switchboard/sla';
import type { z } from 'zod';
import type { SlaCountdownSchema } from '@switchboard/contracts';

export type SlaCountdown = z.infer<typeof SlaCountdownSchema>;

/** Which badge wins: a breach is what an agent or supervisor must see first; a paused clock counts down nothing. */
const RANK: Record<SlaCountdown['state'], number> = { breached: 0, running: 1, warning: 1, paused: 2 };

/** The countdown of the stored clock state (unknown JSON from the column), or null without a measured target. */
export function slaCountdownOf(stored: unknown): SlaCountdown | null {
  const parsed = ConversationClocksSchema.safeParse(stored);
  return parsed.success ? nearestCountdown(parsed.data) : null;
}

export function nearestCountdown(clocks: ConversationClocks): SlaCountdown | null {
  let best: SlaCountdown | null = null;
  for (const target of SLA_TARGET_NAMES) {
    const run = clocks.runs[target];
    if (!run || run.targetMs === null) continue;
    const candidate: SlaCountdown = {
      target,
      deadline: run.deadline === null ? null : new Date(run.deadline).toISOString(),
      state: stateOf(run),
    };
    if (!best || isNearer(candidate, best)) best = candidate;
  }
  return best;
}

function stateOf(run: TargetRun): SlaCountdown['state'] {
  if (run.breached) return 'breached';
  if (run.runningSince === null) return 'paused';
  return run.warned ? 'warning' : 'running';
}

function isNearer(a: SlaCountdown, b: SlaCountdown): boolean {
  if (RANK[a.state] !== RANK[b.state]) return RANK[a.state] < RANK[b.state];
  if (a.deadline === null || b.deadline === null) return a.deadline !== null;
  return a.deadline < b.deadline;
}
