// Builders for specs and the benchmark: a manual clock and terse inputs with sensible defaults.
import type { AgentInput } from '../model/agent.model';
import type { ContactInput } from '../model/contact.model';
import type { QueuePolicyInput } from '../model/queue.model';
import type { RoutingDecision } from '../model/routing-decision.model';
import { createRoutingEngine, type RoutingEngine } from '../engine/routing-engine';

export const T0 = 1_700_000_000_000;
export const TENANT = 't1';

export class ManualClock {
  constructor(public t = T0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
}

export function queueInput(overrides: Partial<QueuePolicyInput> = {}): QueuePolicyInput {
  return { id: 'q1', tenantId: TENANT, ...overrides };
}

export function agentInput(id: string, overrides: Partial<AgentInput> = {}): AgentInput {
  return {
    id,
    tenantId: TENANT,
    skills: [],
    languages: ['en'],
    capacity: { chat: 1, email: 1, social: 1, voice: 1 },
    status: 'available',
    ...overrides,
  };
}

export function contactInput(id: string, overrides: Partial<ContactInput> = {}): ContactInput {
  return { id, tenantId: TENANT, channel: 'chat', queueId: 'q1', ...overrides };
}

export interface Harness {
  readonly engine: RoutingEngine;
  readonly clock: ManualClock;
}

/** An engine with queue q1 (defaults unless overridden). */
export function harness(queue: Partial<QueuePolicyInput> = {}): Harness {
  const clock = new ManualClock();
  const engine = createRoutingEngine({ clock });
  engine.apply({ type: 'upsertQueue', queue: queueInput(queue) });
  return { engine, clock };
}

export type DecisionOf<K extends RoutingDecision['type']> = Extract<RoutingDecision, { type: K }>;

export function only<K extends RoutingDecision['type']>(
  decisions: readonly RoutingDecision[],
  type: K,
): DecisionOf<K>[] {
  return decisions.filter((d): d is DecisionOf<K> => d.type === type);
}

/** "contact->agent" for every offer, in order: compact assertions. */
export function offerPairs(decisions: readonly RoutingDecision[]): string[] {
  return only(decisions, 'offer').map((d) => `${d.contactId}->${d.agentId}`);
}
