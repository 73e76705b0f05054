// Rebuilds an engine from what a host would have persisted (inputs plus decisions), the way the router
// does after a restart, so specs can compare the rebuilt state with the original.
import type { RestoredContactInput } from '../model/contact.model';
import type { RoutingCommand } from '../model/routing-command.model';
import { createRoutingEngine, type RoutingEngine } from '../engine/routing-engine';
import type { RunResult } from './random-world.fixtures';
import { ManualClock } from './routing.fixtures';

export function restoreCommands(run: RunResult): RoutingCommand[] {
  const { engine, model, queues } = run;
  const commands: RoutingCommand[] = [];
  for (const queue of queues.values()) commands.push({ type: 'upsertQueue', queue });
  for (const [id, agent] of model.agents) {
    const view = engine.getAgent(id);
    if (view === undefined) continue;
    commands.push({
      type: 'upsertAgent',
      agent: { ...agent, status: view.status, idleSince: view.idleSince, missedOffers: view.missedOffers },
    });
  }
  for (const [id, input] of model.contacts) {
    const view = engine.getContact(id);
    if (view === undefined) continue;
    const contact: RestoredContactInput = {
      ...input,
      queueId: view.queueId,
      arrivedAt: view.arrivedAt,
      enteredQueueAt: view.enteredQueueAt,
      relaxationStep: view.relaxationStep,
      excludedAgentIds: view.excludedAgentIds,
      // The host stores every offer, so it restores their count (the router counts a conversation's offers).
      offerAttempts: view.offerAttempts,
      escalations: view.escalations,
    };
    if (view.state === 'waiting') commands.push({ type: 'restoreContact', contact });
    else if (view.state === 'assigned')
      commands.push({ type: 'restoreAssignment', contact, agentId: view.agentId ?? '' });
    else
      commands.push({
        type: 'restoreOffer',
        contact,
        agentId: view.agentId ?? '',
        offerId: view.offerId ?? '',
        expiresAt: view.offerExpiresAt ?? 0,
      });
  }
  commands.push({ type: 'restoreCompleted' });
  return commands;
}

export function restoreInto(run: RunResult): { engine: RoutingEngine; decisions: string[] } {
  const engine = createRoutingEngine({ clock: new ManualClock(run.clock.t) });
  const decisions: string[] = [];
  for (const cmd of restoreCommands(run)) decisions.push(...engine.apply(cmd).map((d) => JSON.stringify(d)));
  return { engine, decisions };
}
