// The host-facing engine: commands in, decisions out, time from an injected clock.
// Deterministic: the same commands with the same clock readings give the same decisions.
import type { AgentView } from '../model/agent.model';
import type { ContactView } from '../model/contact.model';
import type { RoutingCommand } from '../model/routing-command.model';
import type { RoutingDecision } from '../model/routing-decision.model';
import { invalid } from '../model/routing.error';
import { removeAgent, setAgentStatus, upsertAgent } from './agent-commands.handler';
import {
  contactArrived,
  contactCompleted,
  contactWithdrawn,
  respondToOffer,
} from './contact-commands.handler';
import { escalateContact, rescindOffer } from './escalation-commands.handler';
import { reevaluate } from './matching';
import { removeQueue, upsertQueue } from './queue-commands.handler';
import {
  restoreAssignment,
  restoreCompleted,
  restoreContact,
  restoreOffer,
} from './restore-commands.handler';
import { RoutingState } from './routing-state';
import { runDueTimers } from './timer.handler';
import { transferContact, transferToAgent } from './transfer-commands.handler';
import { agentLoad, agentView, contactView, queueStats, type AgentLoad, type QueueStats } from './views';
import { waitContextOf, type WaitContext } from './wait-context.view';

export interface RoutingClock {
  /** Epoch milliseconds. A clock that steps backwards is treated as standing still. */
  now(): number;
}

export interface RoutingEngineOptions {
  readonly clock: RoutingClock;
  /** How many beaten agents an offer's explanation lists. Default 3. */
  readonly explainTopN?: number;
}

export interface RoutingEngine {
  /** Applies one command atomically; throws RoutingError (state unchanged) when it is invalid. */
  apply(command: RoutingCommand): RoutingDecision[];
  /** When the host must next send { type: 'tick' }; undefined when no timer is armed. */
  nextTimerAt(): number | undefined;
  getAgent(agentId: string): AgentView | undefined;
  getContact(contactId: string): ContactView | undefined;
  getQueueStats(queueId: string): QueueStats | undefined;
  /** Every queue's counts and every agent's load, for a wallboard; O(contacts + agents), never on the hot path. */
  listLoad(): { queues: QueueStats[]; agents: AgentLoad[] };
  /** Place in line and serving capacity of a waiting contact; undefined unless it waits. */
  getWaitContext(contactId: string): WaitContext | undefined;
}

export function createRoutingEngine(options: RoutingEngineOptions): RoutingEngine {
  const explainTopN = options.explainTopN ?? 3;
  if (!Number.isInteger(explainTopN) || explainTopN < 0)
    throw invalid('explainTopN: must be an integer >= 0');
  const state = new RoutingState(explainTopN);
  const clock = options.clock;
  state.now = readClock(clock, -Infinity);

  return {
    apply(command) {
      state.now = readClock(clock, state.now);
      state.out = [];
      dispatch(state, command);
      reevaluate(state);
      return state.out; // a fresh array per apply: the host may keep it
    },
    nextTimerAt: () => state.nextTimerAt(),
    getAgent(agentId) {
      const agent = state.agents.get(agentId);
      return agent === undefined ? undefined : agentView(agent);
    },
    getContact(contactId) {
      const c = state.contacts.get(contactId);
      // Scores are shown as of the clock now; reading it does not move the engine's time.
      return c === undefined ? undefined : contactView(c, readClock(clock, state.now));
    },
    getQueueStats(queueId) {
      const queue = state.queues.get(queueId);
      return queue === undefined ? undefined : queueStats(queue);
    },
    getWaitContext: (contactId) => waitContextOf(state, contactId),
    listLoad: () => ({
      queues: [...state.queues.values()].map(queueStats),
      agents: [...state.agents.values()].map(agentLoad),
    }),
  };
}

function readClock(clock: RoutingClock, previous: number): number {
  const t = clock.now();
  if (typeof t !== 'number' || !Number.isFinite(t))
    throw invalid('clock.now() must return epoch milliseconds');
  return t > previous ? t : previous;
}

function dispatch(state: RoutingState, command: RoutingCommand): void {
  switch (command.type) {
    case 'upsertQueue':
      return upsertQueue(state, command.queue);
    case 'removeQueue':
      return removeQueue(state, command.queueId);
    case 'upsertAgent':
      return upsertAgent(state, command.agent);
    case 'setAgentStatus':
      return setAgentStatus(state, command.agentId, command.status);
    case 'removeAgent':
      return removeAgent(state, command.agentId);
    case 'contactArrived':
      return contactArrived(state, command.contact);
    case 'offerAccepted':
    case 'offerDeclined':
      return respondToOffer(state, command);
    case 'contactCompleted':
      return contactCompleted(state, command.contactId, command.agentStatus);
    case 'contactWithdrawn':
      return contactWithdrawn(state, command.contactId);
    case 'escalateContact':
      return escalateContact(state, command);
    case 'rescindOffer':
      return rescindOffer(state, command);
    case 'transferContact':
      return transferContact(state, command);
    case 'transferToAgent':
      return transferToAgent(state, command);
    case 'tick':
      return runDueTimers(state);
    case 'restoreContact':
      return restoreContact(state, command.contact);
    case 'restoreOffer':
      return restoreOffer(
        state,
        command.contact,
        command.agentId,
        command.offerId,
        command.offeredAt,
        command.expiresAt,
      );
    case 'restoreAssignment':
      return restoreAssignment(state, command.contact, command.agentId);
    case 'restoreCompleted':
      return restoreCompleted(state);
    default:
      throw invalid(`unknown command type '${String((command as { type?: unknown }).type)}'`);
  }
}
