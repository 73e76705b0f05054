// Turns SLA clock outcomes into what the router stores and announces (an sla_events row and an `sla.*`
// event) and into the routing commands a policy's actions ask for. Pure, so each rule is unit-tested.
import type { SlaAction } from '@switchboard/contracts';
import type { EscalationReason, RoutingCommand } from '@switchboard/routing-core';
import type { ClockOutcome } from '@switchboard/sla';
import type { WriteSet } from '../write/write-set';

export interface OutcomeSubject {
  conversationId: string;
  /** The agent offered or assigned the conversation, if any. */
  agentId: string | null;
  queueId: string | null;
  /** Where the contact stands in routing: actions that move work apply only while it is not assigned. */
  routing: 'waiting' | 'offered' | 'assigned' | 'unknown';
}

const EVENT_OF = { warning: 'sla.warning', breached: 'sla.breached', met: 'sla.met' } as const;

export function addOutcomeWrites(
  set: WriteSet,
  outcome: ClockOutcome,
  subject: OutcomeSubject,
  newId: () => string,
): void {
  const applied = appliedActions(outcome, subject).map((a) => a.type);
  set.slaEvents.push({
    id: newId(),
    conversationId: subject.conversationId,
    kind: outcome.kind,
    at: outcome.at,
    deadline: outcome.deadline,
    payload: JSON.stringify({
      target: outcome.target,
      run: outcome.run,
      policyId: outcome.policyId,
      targetMs: outcome.targetMs,
      elapsedMs: outcome.elapsedMs,
      carriedOverMs: outcome.carriedOverMs,
      withinTarget: outcome.withinTarget,
      actions: applied,
    }),
  });
  if (outcome.kind === 'cancelled') return;
  set.events.push({
    type: EVENT_OF[outcome.kind],
    conversationId: subject.conversationId,
    agentId: subject.agentId,
    queueId: subject.queueId,
    target: outcome.target,
    run: outcome.run,
    policyId: outcome.policyId,
    targetMs: Math.round(outcome.targetMs),
    deadline: outcome.deadline === null ? null : new Date(outcome.deadline).toISOString(),
    elapsedMs: Math.round(outcome.elapsedMs),
    carriedOverMs: Math.round(outcome.carriedOverMs),
    withinTarget: outcome.withinTarget,
    actions: applied,
  });
}

/**
 * The routing commands a warning's or breach's actions ask for. Actions that move work (score, skills,
 * overflow, re-offer) apply only to a contact still waiting or offered: an assigned conversation is being
 * worked, and taking it from its agent is a supervisor's call, so for it only `notifySupervisors` applies.
 */
export function escalationCommands(outcome: ClockOutcome, subject: OutcomeSubject): RoutingCommand[] {
  const actions = appliedActions(outcome, subject);
  if (actions.length === 0 || subject.routing === 'assigned' || subject.routing === 'unknown') return [];
  const reason: EscalationReason = {
    cause: outcome.kind === 'warning' ? 'sla-warning' : 'sla-breach',
    target: `${outcome.target}#${outcome.run}`,
  };
  let raiseScoreBy: number | undefined;
  let widenSkills: 'next-ring' | 'outer-ring' | undefined;
  let overflowToQueueId: string | undefined;
  let reoffer = false;
  for (const action of actions) {
    switch (action.type) {
      case 'raiseScore':
        raiseScoreBy = action.by;
        break;
      case 'widenSkills':
        widenSkills = action.to;
        break;
      case 'overflow':
        overflowToQueueId = action.queueId;
        break;
      case 'reoffer':
        reoffer = true;
        break;
      case 'notifySupervisors':
        break;
    }
  }
  const commands: RoutingCommand[] = [];
  if (raiseScoreBy !== undefined || widenSkills !== undefined || overflowToQueueId !== undefined) {
    commands.push({
      type: 'escalateContact',
      contactId: subject.conversationId,
      reason,
      ...(raiseScoreBy !== undefined ? { raiseScoreBy } : {}),
      ...(widenSkills !== undefined ? { widenSkills } : {}),
      ...(overflowToQueueId !== undefined ? { overflowToQueueId } : {}),
    });
  }
  if (reoffer && subject.routing === 'offered' && overflowToQueueId === undefined)
    commands.push({ type: 'rescindOffer', contactId: subject.conversationId, reason });
  return commands;
}

/** The actions that apply to this outcome: onWarning for a warning, onBreach for a breach, none otherwise. */
function appliedActions(outcome: ClockOutcome, subject: OutcomeSubject): readonly SlaAction[] {
  if (outcome.kind !== 'warning' && outcome.kind !== 'breached') return [];
  if (subject.routing !== 'assigned') return outcome.actions;
  return outcome.actions.filter((a) => a.type === 'notifySupervisors');
}
