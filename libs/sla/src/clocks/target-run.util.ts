// One target run's arithmetic: elapsed business time, pausing, resuming, re-targeting on a transfer, and
// the warning and breach instants. Every instant comes from the business-time maths of the SLA's calendar.
import type { BusinessCalendar } from '../business-calendar';
import { addBusinessTime, businessTimeBetween } from '../business-time';
import type { EffectiveSla, SlaTargetName } from '../policies/sla-policy.matcher';
import { SlaError, SlaErrorCode } from '../sla.error';
import type { ClockOutcome, TargetRun } from './clock.types';

/** A new run, running from `at` against the SLA's target of that name. */
export function startRun(sla: EffectiveSla, target: SlaTargetName, run: number, at: number): TargetRun {
  const fresh: TargetRun = {
    run,
    startedAt: at,
    policyId: sla.policyId,
    targetMs: sla.targets[target],
    elapsedBeforeMs: 0,
    carriedOverMs: 0,
    runningSince: at,
    warnAt: null,
    deadline: null,
    warned: false,
    breached: false,
  };
  return schedule(fresh, sla);
}

/** Business ms of the run at `at` (pauses excluded). */
export function elapsedAt(run: TargetRun, at: number, calendar: BusinessCalendar | null): number {
  if (run.runningSince === null) return run.elapsedBeforeMs;
  return run.elapsedBeforeMs + businessTimeBetween(run.runningSince, at, calendar);
}

/** Closes the running segment at `at`: the run keeps its elapsed time and stops counting. */
export function pauseRun(run: TargetRun, at: number, calendar: BusinessCalendar | null): TargetRun {
  if (run.runningSince === null) return run;
  return {
    ...run,
    elapsedBeforeMs: elapsedAt(run, at, calendar),
    runningSince: null,
    warnAt: null,
    deadline: null,
  };
}

/** Starts counting again from `at`, so the deadline moves by the business time spent paused. */
export function resumeRun(run: TargetRun, at: number, sla: EffectiveSla): TargetRun {
  if (run.runningSince !== null) return run;
  return schedule({ ...run, runningSince: at }, sla);
}

/**
 * The transfer carry-over rule: the run keeps the business time it has elapsed (measured on the old
 * calendar up to `at`) and continues against the new SLA's target and calendar. Warnings and breaches that
 * already fired stay fired, so a transfer never repeats them.
 */
export function retargetRun(
  run: TargetRun,
  target: SlaTargetName,
  at: number,
  from: EffectiveSla,
  to: EffectiveSla,
): TargetRun {
  const running = run.runningSince !== null;
  const elapsed = elapsedAt(run, at, from.calendar);
  const moved: TargetRun = {
    ...run,
    policyId: to.policyId,
    targetMs: to.targets[target],
    elapsedBeforeMs: elapsed,
    carriedOverMs: elapsed,
    runningSince: running ? at : null,
  };
  return running ? schedule(moved, to) : moved;
}

/** Warning and breach instants of a running run; both null while paused or without a target. */
function schedule(run: TargetRun, sla: EffectiveSla): TargetRun {
  if (run.runningSince === null || run.targetMs === null) return { ...run, warnAt: null, deadline: null };
  const warnMs = warningMs(run.targetMs, sla.warnAtPercent);
  return {
    ...run,
    warnAt: run.warned ? null : dueAfter(run, warnMs, sla.calendar),
    deadline: dueAfter(run, run.targetMs, sla.calendar),
  };
}

/** Business ms after which a target warns: rounded up, so it never warns before the percentage. */
export function warningMs(targetMs: number, warnAtPercent: number): number {
  return Math.min(targetMs, Math.ceil((targetMs * warnAtPercent) / 100));
}

/**
 * When the run's elapsed time reaches `budgetMs`; the segment start itself when it already has (a
 * transfer to a tighter target fires at once, not at the next opening). null: the calendar never opens.
 */
function dueAfter(run: TargetRun, budgetMs: number, calendar: BusinessCalendar | null): number | null {
  const since = run.runningSince ?? run.startedAt;
  const remaining = budgetMs - run.elapsedBeforeMs;
  if (remaining <= 0) return since;
  try {
    return addBusinessTime(since, remaining, calendar);
  } catch (error) {
    // A calendar with no open hours never lets the time run out; the run simply never fires.
    if (error instanceof SlaError && error.code === SlaErrorCode.CalendarNeverOpen) return null;
    throw error;
  }
}

/** The warning and breach of a running run that are due by `at`, in time order, and the run marking them fired. */
export function fireDue(
  run: TargetRun,
  target: SlaTargetName,
  at: number,
  sla: EffectiveSla,
): { run: TargetRun; outcomes: ClockOutcome[] } {
  const outcomes: ClockOutcome[] = [];
  let next = run;
  if (next.warnAt !== null && !next.warned && next.warnAt <= at) {
    outcomes.push(outcome('warning', next, target, next.warnAt, sla));
    next = { ...next, warned: true, warnAt: null };
  }
  if (next.deadline !== null && !next.breached && next.deadline <= at) {
    outcomes.push(outcome('breached', next, target, next.deadline, sla));
    next = { ...next, breached: true };
  }
  return { run: next, outcomes };
}

/** The instant of the run's next pending warning or breach, or null. */
export function nextDue(run: TargetRun): number | null {
  const due = [run.warned ? null : run.warnAt, run.breached ? null : run.deadline].filter(
    (instant): instant is number => instant !== null,
  );
  return due.length === 0 ? null : Math.min(...due);
}

/** An outcome of `run` at `at`; callers only report runs that have a target. */
export function outcome(
  kind: ClockOutcome['kind'],
  run: TargetRun,
  target: SlaTargetName,
  at: number,
  sla: EffectiveSla,
): ClockOutcome {
  const targetMs = run.targetMs ?? 0;
  const elapsedMs = elapsedAt(run, at, sla.calendar);
  const actions = kind === 'warning' ? sla.onWarning : kind === 'breached' ? sla.onBreach : [];
  return {
    kind,
    target,
    run: run.run,
    at,
    policyId: run.policyId,
    targetMs,
    deadline: run.deadline,
    elapsedMs,
    carriedOverMs: run.carriedOverMs,
    withinTarget: elapsedMs < targetMs,
    actions,
  };
}
