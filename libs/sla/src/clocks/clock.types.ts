// The clock engine's JSON contract: the per-conversation state the caller persists, the inputs it feeds in
// and the outcomes it gets back. Everything is plain data (numbers are epoch ms or business ms).
import type { SlaAction } from '@switchboard/contracts';
import type { EffectiveSla, SlaTargetName } from '../policies/sla-policy.matcher';

export type ConversationStatus = 'notOpened' | 'open' | 'waitingOnCustomer' | 'resolved';

/** One run of one target: from the event that starts it to the reply or resolution that ends it. */
export interface TargetRun {
  /** 1 for this target's first run in the conversation, then counting up: (target, run) names a run. */
  readonly run: number;
  readonly startedAt: number;
  /** The policy and target the run is measured against now (a transfer may change both). */
  readonly policyId: string | null;
  readonly targetMs: number | null;
  /** Business ms elapsed before the running segment (pauses and transfers close segments). */
  readonly elapsedBeforeMs: number;
  /** Business ms elapsed under earlier policies, before the latest transfer. */
  readonly carriedOverMs: number;
  /** Start of the running segment; null while paused. */
  readonly runningSince: number | null;
  /** When the warning is due; null once fired, while paused, or without a target. */
  readonly warnAt: number | null;
  /** When the target runs out in the running segment; null while paused or without a target. */
  readonly deadline: number | null;
  readonly warned: boolean;
  readonly breached: boolean;
}

/** Persist this beside the events it produced: the fired flags make each warning and breach exactly-once. */
export interface ConversationClocks {
  readonly version: 1;
  readonly status: ConversationStatus;
  /** The SLA in force: matched at opening, matched again on each transfer. */
  readonly sla: EffectiveSla;
  /** Whether an agent has replied yet: a later customer message starts nextResponse, not firstResponse. */
  readonly answered: boolean;
  /** The latest instant applied; earlier inputs are treated as happening at this instant. */
  readonly lastAt: number | null;
  readonly transfers: number;
  readonly runs: Readonly<Record<SlaTargetName, TargetRun | null>>;
  /** Runs started so far per target, to number the next one. */
  readonly runCounts: Readonly<Record<SlaTargetName, number>>;
}

export type ClockInput =
  | { readonly type: 'opened'; readonly at: number; readonly sla: EffectiveSla }
  | { readonly type: 'customerMessage'; readonly at: number }
  | { readonly type: 'agentReply'; readonly at: number }
  | { readonly type: 'waitingOnCustomer'; readonly at: number }
  | { readonly type: 'resolved'; readonly at: number }
  /** Closed because the customer left before an answer: like resolved, but the resolution is not met either. */
  | { readonly type: 'abandoned'; readonly at: number }
  | { readonly type: 'reopened'; readonly at: number }
  | { readonly type: 'transferred'; readonly at: number; readonly sla: EffectiveSla }
  | { readonly type: 'tick'; readonly at: number };
export type ClockInputType = ClockInput['type'];

/**
 * warning: the run passed warnAtPercent of its target; breached: it ran out; met: a reply (response
 * targets) or the resolution (resolution target) ended it; cancelled: resolved with a response still owed, or
 * any run still going when the customer abandoned.
 */
export type ClockOutcomeKind = 'warning' | 'breached' | 'met' | 'cancelled';

export interface ClockOutcome {
  readonly kind: ClockOutcomeKind;
  readonly target: SlaTargetName;
  readonly run: number;
  /** When it happened: the due instant for warning and breached, the input's instant otherwise. */
  readonly at: number;
  readonly policyId: string | null;
  readonly targetMs: number;
  /** The instant the target runs out as of `at`; null while paused. */
  readonly deadline: number | null;
  /** Business ms of the run at `at`, pauses excluded, earlier policies' time included. */
  readonly elapsedMs: number;
  /** The part of elapsedMs spent before the latest transfer (0 when never transferred). */
  readonly carriedOverMs: number;
  /** elapsedMs < targetMs: a reply exactly on the deadline is late (the breach fires first). */
  readonly withinTarget: boolean;
  /** The policy's onWarning for a warning, onBreach for a breach, none otherwise. */
  readonly actions: readonly SlaAction[];
}

export interface ClockStep {
  readonly state: ConversationClocks;
  /** In time order; warnings before breaches at the same instant. */
  readonly outcomes: readonly ClockOutcome[];
  /** The next instant a warning or breach can fire (call again with a tick then); null: nothing pending. */
  readonly wakeAt: number | null;
}
