// Creating, settling and forgetting contacts. "Settling" a waiting contact applies the relaxation
// steps that are due, refreshes its score phase, files it in the right bucket and arms its timer.
import { classIndexOfChannel, isChannel } from '../model/channel.model';
import type { SkillRequirement } from '../model/contact.model';
import type { AppliedEscalation, RestoredContactInput } from '../model/contact.model';
import { invalid, RoutingError, RoutingErrorCode } from '../model/routing.error';
import {
  checkEscalationPoints,
  checkId,
  checkNonNegative,
  checkPriority,
  checkReason,
  checkRequirements,
  checkTime,
} from '../policy/input-validation.util';
import { starvationBoundFor } from '../policy/queue-policy';
import { nextStepDueAt, requirementsAtStep } from '../policy/relaxation.policy';
import { nextPhaseChangeAfter, PHASE_STARVED, phaseAt } from '../scoring/score.util';
import { ContactState } from './contact-state';
import type { QueueState } from './queue-state';
import type { RoutingState } from './routing-state';

/** Validates a contact and builds its runtime state; nothing is filed or indexed yet. */
export function buildContact(state: RoutingState, input: RestoredContactInput): ContactState {
  checkId(input.id, 'contact.id');
  checkId(input.tenantId, 'contact.tenantId');
  if (state.contacts.has(input.id)) {
    throw new RoutingError(RoutingErrorCode.DuplicateContact, `contact '${input.id}' is already routed`);
  }
  if (!isChannel(input.channel)) throw invalid(`contact.channel: unknown channel '${String(input.channel)}'`);
  const queue = state.queue(input.queueId, input.tenantId);
  checkRequirements(input.requiredSkills ?? [], 'contact.requiredSkills');
  checkRequirements(input.optionalSkills ?? [], 'contact.optionalSkills');
  const arrivedAt =
    input.arrivedAt === undefined ? state.now : checkTime(input.arrivedAt, 'contact.arrivedAt');
  const enteredQueueAt =
    input.enteredQueueAt === undefined
      ? arrivedAt
      : checkTime(input.enteredQueueAt, 'contact.enteredQueueAt');
  const c = new ContactState(
    input.id,
    input.tenantId,
    input.channel,
    classIndexOfChannel(input.channel),
    checkPriority(input.basePriority ?? 0, 'contact.basePriority'),
    // Kept as given (inputs are treated as immutable): copying costs on every arrival.
    input.requiredSkills ?? NONE,
    input.optionalSkills ?? NONE,
    input.language === undefined ? -1 : state.languages.intern(checkId(input.language, 'contact.language')),
    input.language,
    input.customerTier,
    input.preferredAgentId,
    input.lastAgentId,
    input.lastHandledAt === undefined ? undefined : checkTime(input.lastHandledAt, 'contact.lastHandledAt'),
    arrivedAt,
    input.slaDeadline === undefined ? undefined : checkTime(input.slaDeadline, 'contact.slaDeadline'),
    queue,
    enteredQueueAt,
  );
  c.offerAttempts = Math.max(0, Math.floor(input.offerAttempts ?? 0));
  c.stepIndex = Math.min(Math.max(0, Math.floor(input.relaxationStep ?? 0)), queue.policy.steps.length);
  for (const agentId of input.excludedAgentIds ?? []) c.exclude(agentId);
  restoreEscalations(c, input.escalations);
  if (c.optionalSkills.length > 0) {
    c.optionalIds = c.optionalSkills.map((r) => state.skills.intern(r.skill));
    c.optionalMins = c.optionalSkills.map((r) => r.minProficiency);
  }
  applyQueueScoring(c);
  compileRing(state, c);
  return c;
}

function restoreEscalations(c: ContactState, escalations: readonly AppliedEscalation[] | undefined): void {
  if (escalations === undefined || escalations.length === 0) return;
  c.escalations = escalations.map((e) => ({
    reason: checkReason(e.reason, 'contact.escalations'),
    raisedBy: e.raisedBy,
  }));
  c.escalationPoints = checkEscalationPoints(
    escalations.reduce((sum, e) => sum + checkNonNegative(e.raisedBy, 'contact.escalations.raisedBy'), 0),
    'contact.escalations',
  );
}

/** Registers a built contact with the engine and its queue. */
export function registerContact(state: RoutingState, c: ContactState): void {
  state.contacts.set(c.id, c);
  c.queue.contacts.add(c);
}

/** Forgets a contact entirely (completed or withdrawn). */
export function forgetContact(state: RoutingState, c: ContactState): void {
  state.unfile(c);
  state.setTimer(c, Infinity);
  state.dirtyContacts.delete(c);
  c.queue.contacts.delete(c);
  state.contacts.delete(c.id);
}

/** Copies the queue's scoring parameters onto the contact (after arrival, overflow or policy change). */
export function applyQueueScoring(c: ContactState): void {
  const policy = c.queue.policy;
  c.urgentAt = c.slaDeadline === undefined ? Infinity : c.slaDeadline - policy.urgencyWindowMs;
  c.starvedAt = c.arrivedAt + starvationBoundFor(policy, c.tier);
}

const MAX_CACHED_RINGS = 10_000;
const NONE: readonly SkillRequirement[] = [];

export function compileRing(state: RoutingState, c: ContactState): void {
  const rings = c.queue.rings;
  let reqs = rings.get(c.stepIndex, c, state.skills);
  if (reqs === undefined) {
    reqs = requirementsAtStep(c.queue.policy, c, c.stepIndex, (skill) => state.skills.intern(skill));
    if (rings.size >= MAX_CACHED_RINGS) rings.clear(); // bounded; a miss only costs a recompile
    rings.set(c.stepIndex, c, state.skills, reqs);
  }
  c.reqs = reqs;
}

export interface SettleOptions {
  /** Apply relaxation steps that are due (false during restore: the next tick applies them). */
  readonly applySteps: boolean;
  /** Emit 'escalated' when the phase rises (false for new and restored contacts). */
  readonly announce: boolean;
}

/** Settle options by occasion, shared so the hot path allocates none. */
export const SETTLE_ARRIVAL: SettleOptions = { applySteps: true, announce: false };
export const SETTLE_RESTORE: SettleOptions = { applySteps: false, announce: false };
export const SETTLE_UPDATE: SettleOptions = { applySteps: true, announce: true };

/**
 * Brings a waiting contact up to date at state.now and (re)files it.
 * Returns true when its ring or queue changed, i.e. more agents may now be eligible.
 */
export function settleWaiting(state: RoutingState, c: ContactState, options: SettleOptions): boolean {
  const widened = options.applySteps && applyDueSteps(state, c);
  const phase = phaseAt(c, state.now);
  if (options.announce && phase > c.phase) {
    state.emit({
      type: 'escalated',
      contactId: c.id,
      tenantId: c.tenantId,
      queueId: c.queue.id,
      cause: phase === PHASE_STARVED ? 'starvation' : 'sla-urgency',
      at: state.now,
    });
  }
  c.phase = phase;
  state.unfile(c);
  state.file(c);
  const stepDue = nextStepDueAt(c.queue.policy, c.stepIndex, c.enteredQueueAt);
  state.setTimer(c, Math.min(stepDue, nextPhaseChangeAfter(c, state.now)));
  return widened;
}

function applyDueSteps(state: RoutingState, c: ContactState): boolean {
  let widened = false;
  for (;;) {
    const step = c.queue.policy.steps[c.stepIndex];
    const dueAt = nextStepDueAt(c.queue.policy, c.stepIndex, c.enteredQueueAt);
    if (step === undefined || dueAt > state.now) return widened;
    widened = true;
    if (step.action !== 'overflow') {
      applyRelaxStep(state, c, step.action);
      continue;
    }
    const target = state.queues.get(step.queueId);
    if (target === undefined || target.policy.tenantId !== c.tenantId) {
      c.stepIndex += 1; // removeQueue guards against this; skipping keeps a stale plan harmless
      continue;
    }
    const from = c.queue;
    const stepNumber = c.stepIndex + 1;
    moveToQueue(state, c, target, dueAt);
    state.emit({
      type: 'overflowed',
      contactId: c.id,
      tenantId: c.tenantId,
      fromQueueId: from.id,
      toQueueId: target.id,
      step: stepNumber,
      at: state.now,
    });
  }
}

/** Applies the contact's next ring (the plan's step at stepIndex, which must not be an overflow). */
export function applyRelaxStep(
  state: RoutingState,
  c: ContactState,
  action: 'drop-optional' | 'lower-proficiency',
): void {
  c.stepIndex += 1;
  compileRing(state, c);
  state.emit({
    type: 'relaxed',
    contactId: c.id,
    tenantId: c.tenantId,
    queueId: c.queue.id,
    step: c.stepIndex,
    action,
    requiredSkills: c.reqs.list,
    at: state.now,
  });
}

/** Moves the contact to another queue whose plan starts at ring 0 from `at`; age and escalations stay. */
export function moveToQueue(state: RoutingState, c: ContactState, target: QueueState, at: number): void {
  c.queue.contacts.delete(c);
  target.contacts.add(c);
  c.queue = target;
  c.enteredQueueAt = at;
  c.stepIndex = 0;
  applyQueueScoring(c);
  compileRing(state, c);
}
