// The SLA clock engine: folds one conversation event (or a timer tick) into the conversation's clocks and
// says what fired and when to wake up next. Pure and deterministic: the same state and input always give
// the same step, so persisting the state with the emitted outcomes makes every firing exactly-once.
import {
  NO_SLA,
  SLA_TARGET_NAMES,
  type EffectiveSla,
  type SlaTargetName,
} from '../policies/sla-policy.matcher';
import { SlaError, SlaErrorCode } from '../sla.error';
import type { ClockInput, ClockOutcome, ClockStep, ConversationClocks, TargetRun } from './clock.types';
import {
  elapsedAt,
  fireDue,
  nextDue,
  outcome,
  pauseRun,
  resumeRun,
  retargetRun,
  startRun,
} from './target-run.util';

type Runs = Record<SlaTargetName, TargetRun | null>;
const RESPONSE_TARGETS: readonly SlaTargetName[] = ['firstResponse', 'nextResponse'];

/** The clocks of a conversation that has not opened yet. */
export function newConversationClocks(): ConversationClocks {
  return {
    version: 1,
    status: 'notOpened',
    sla: NO_SLA,
    answered: false,
    lastAt: null,
    transfers: 0,
    runs: { firstResponse: null, nextResponse: null, resolution: null },
    runCounts: { firstResponse: 0, nextResponse: 0, resolution: 0 },
  };
}

/**
 * Applies one input at its instant: first fires every warning and breach due by then, then applies the
 * input (which may end runs as met or cancelled, or start, pause, resume or re-target them), then fires
 * what the input made due at once. An input earlier than the last one counts as happening at the last.
 */
export function applyClockInput(state: ConversationClocks, input: ClockInput): ClockStep {
  if (!Number.isFinite(input.at)) {
    throw new SlaError(SlaErrorCode.InvalidArgument, `input.at must be a finite epoch ms, got ${input.at}`);
  }
  const at = state.lastAt === null ? input.at : Math.max(state.lastAt, input.at);
  const outcomes: ClockOutcome[] = [];
  let next = fire({ ...state, lastAt: at }, at, outcomes);
  next = transition(next, input, at, outcomes);
  next = fire(next, at, outcomes);
  return { state: next, outcomes, wakeAt: clockWakeAt(next) };
}

function transition(
  state: ConversationClocks,
  input: ClockInput,
  at: number,
  outcomes: ClockOutcome[],
): ConversationClocks {
  switch (input.type) {
    case 'opened':
      return state.status === 'notOpened' ? opened(state, input.sla, at) : state;
    case 'customerMessage':
      return isLive(state) ? awaitReply(resume(state, at), at) : state;
    case 'agentReply':
      return isLive(state) ? replied(state, at, outcomes) : state;
    case 'waitingOnCustomer':
      return state.status === 'open' ? pause(state, at) : state;
    case 'resolved':
      return isLive(state) ? resolved(state, at, outcomes, 'met') : state;
    case 'abandoned':
      return isLive(state) ? resolved(state, at, outcomes, 'cancelled') : state;
    case 'reopened':
      return state.status === 'resolved' ? reopened(state, at) : state;
    case 'transferred':
      return transferred(state, input.sla, at);
    case 'tick':
      return state;
  }
}

function isLive(state: ConversationClocks): boolean {
  return state.status === 'open' || state.status === 'waitingOnCustomer';
}

function opened(state: ConversationClocks, sla: EffectiveSla, at: number): ConversationClocks {
  const withSla: ConversationClocks = { ...state, status: 'open', sla };
  return start(start(withSla, 'firstResponse', at), 'resolution', at);
}

/** A customer message awaits a reply unless one is already awaited (the clock counts from the first). */
function awaitReply(state: ConversationClocks, at: number): ConversationClocks {
  if (RESPONSE_TARGETS.some((target) => state.runs[target] !== null)) return state;
  return start(state, state.answered ? 'nextResponse' : 'firstResponse', at);
}

function replied(state: ConversationClocks, at: number, outcomes: ClockOutcome[]): ConversationClocks {
  let next: ConversationClocks = { ...state, answered: true };
  for (const target of RESPONSE_TARGETS) next = end(next, target, 'met', at, outcomes);
  return next;
}

/** An abandoned conversation was not resolved by anyone: its resolution run is cancelled, not met. */
function resolved(
  state: ConversationClocks,
  at: number,
  outcomes: ClockOutcome[],
  resolution: 'met' | 'cancelled',
): ConversationClocks {
  let next = end(state, 'resolution', resolution, at, outcomes);
  for (const target of RESPONSE_TARGETS) next = end(next, target, 'cancelled', at, outcomes);
  return { ...next, status: 'resolved' };
}

/** A reopened conversation gets a fresh resolution run; a customer message that reopens it follows as input. */
function reopened(state: ConversationClocks, at: number): ConversationClocks {
  return start({ ...state, status: 'open' }, 'resolution', at);
}

function transferred(state: ConversationClocks, sla: EffectiveSla, at: number): ConversationClocks {
  const runs = mapRuns(state.runs, (run, target) => retargetRun(run, target, at, state.sla, sla));
  return { ...state, sla, runs, transfers: state.transfers + 1 };
}

function pause(state: ConversationClocks, at: number): ConversationClocks {
  const runs = mapRuns(state.runs, (run) => pauseRun(run, at, state.sla.calendar));
  return { ...state, status: 'waitingOnCustomer', runs };
}

/** The customer answered: paused runs count again from now. */
function resume(state: ConversationClocks, at: number): ConversationClocks {
  if (state.status !== 'waitingOnCustomer') return state;
  const runs = mapRuns(state.runs, (run) => resumeRun(run, at, state.sla));
  return { ...state, status: 'open', runs };
}

function start(state: ConversationClocks, target: SlaTargetName, at: number): ConversationClocks {
  const count = state.runCounts[target] + 1;
  return {
    ...state,
    runs: { ...state.runs, [target]: startRun(state.sla, target, count, at) },
    runCounts: { ...state.runCounts, [target]: count },
  };
}

/** Ends a run, reporting it when it has a target (an unmeasured run ends silently). */
function end(
  state: ConversationClocks,
  target: SlaTargetName,
  kind: 'met' | 'cancelled',
  at: number,
  outcomes: ClockOutcome[],
): ConversationClocks {
  const run = state.runs[target];
  if (run === null) return state;
  if (run.targetMs !== null) outcomes.push(outcome(kind, run, target, at, state.sla));
  return { ...state, runs: { ...state.runs, [target]: null } };
}

/** Fires what is due by `at` across the runs, in time order (warning before breach on a tie). */
function fire(state: ConversationClocks, at: number, outcomes: ClockOutcome[]): ConversationClocks {
  const fired: ClockOutcome[] = [];
  const runs = mapRuns(state.runs, (run, target) => {
    const due = fireDue(run, target, at, state.sla);
    fired.push(...due.outcomes);
    return due.run;
  });
  const rank = (o: ClockOutcome): number => (o.kind === 'warning' ? 0 : 1);
  fired.sort((a, b) => a.at - b.at || rank(a) - rank(b));
  outcomes.push(...fired);
  return { ...state, runs };
}

/** The next instant a warning or breach of these clocks can fire (a stored state's timer); null: none pending. */
export function clockWakeAt(state: ConversationClocks): number | null {
  const due = SLA_TARGET_NAMES.map((target) => state.runs[target])
    .map((run) => (run === null ? null : nextDue(run)))
    .filter((instant): instant is number => instant !== null);
  return due.length === 0 ? null : Math.min(...due);
}

function mapRuns(runs: Readonly<Runs>, map: (run: TargetRun, target: SlaTargetName) => TargetRun): Runs {
  const next: Runs = { ...runs };
  for (const target of SLA_TARGET_NAMES) {
    const run = runs[target];
    if (run !== null) next[target] = map(run, target);
  }
  return next;
}

/** Business ms a target's current run has elapsed at `at` (0 when it is not running), for read models. */
export function clockElapsedMs(state: ConversationClocks, target: SlaTargetName, at: number): number {
  const run = state.runs[target];
  return run === null ? 0 : elapsedAt(run, at, state.sla.calendar);
}
