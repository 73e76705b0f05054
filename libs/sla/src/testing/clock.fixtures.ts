// Test-only helpers for the clock engine: effective SLAs built in one line, and a fold over a list of
// inputs that collects every outcome and the last wake-up instant.
import type { SlaAction } from '@switchboard/contracts';
import type { BusinessCalendar } from '../business-calendar';
import type { ClockInput, ClockOutcome, ConversationClocks } from '../clocks/clock.types';
import { applyClockInput, newConversationClocks } from '../clocks/conversation-clocks.engine';
import type { EffectiveSla, SlaTargetName } from '../policies/sla-policy.matcher';

export const MINUTE = 60_000;
export const WARN: SlaAction[] = [{ type: 'notifySupervisors' }];
export const BREACH: SlaAction[] = [{ type: 'raiseScore', by: 50 }, { type: 'reoffer' }];

export interface SlaSpec {
  policyId?: string;
  calendar?: BusinessCalendar | null;
  warnAtPercent?: number;
  firstResponse?: number | null;
  nextResponse?: number | null;
  resolution?: number | null;
}

/** An effective SLA as the matcher would produce it (every target its class default). */
export function slaOf(spec: SlaSpec): EffectiveSla {
  const targets: Record<SlaTargetName, number | null> = {
    firstResponse: spec.firstResponse ?? null,
    nextResponse: spec.nextResponse ?? null,
    resolution: spec.resolution ?? null,
  };
  const match = (targetMs: number | null) =>
    targetMs === null ? { rule: 'none' as const, targetMs } : { rule: 'default' as const, targetMs };
  return {
    policyId: spec.policyId ?? 'policy-a',
    calendar: spec.calendar ?? null,
    targets,
    warnAtPercent: spec.warnAtPercent ?? 75,
    onWarning: WARN,
    onBreach: BREACH,
    matched: {
      firstResponse: match(targets.firstResponse),
      nextResponse: match(targets.nextResponse),
      resolution: match(targets.resolution),
    },
  };
}

export interface Fold {
  state: ConversationClocks;
  outcomes: ClockOutcome[];
  wakeAt: number | null;
}

/** Applies the inputs in order from `from` (a fresh conversation by default). */
export function fold(
  inputs: readonly ClockInput[],
  from: ConversationClocks = newConversationClocks(),
): Fold {
  let state = from;
  let wakeAt: number | null = null;
  const outcomes: ClockOutcome[] = [];
  for (const input of inputs) {
    const step = applyClockInput(state, input);
    state = step.state;
    wakeAt = step.wakeAt;
    outcomes.push(...step.outcomes);
  }
  return { state, outcomes, wakeAt };
}

/** A compact view of outcomes for assertions: kind, target, run, ISO instant. */
export function brief(outcomes: readonly ClockOutcome[]): string[] {
  return outcomes.map((o) => `${o.kind} ${o.target}#${o.run} ${new Date(o.at).toISOString()}`);
}
