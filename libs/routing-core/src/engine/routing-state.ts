// Everything the engine knows, with the low-level moves that keep the indexes consistent:
// filing waiting contacts into buckets, arming per-contact timers, and syncing agent pools.
import type { RoutingDecision } from '../model/routing-decision.model';
import { RoutingError, RoutingErrorCode } from '../model/routing.error';
import { ContactBucket, bucketSlotOf } from '../indexing/contact-bucket';
import { TenantIndex } from '../indexing/tenant.index';
import { KeyedHeap } from '../structures/keyed-heap';
import { NameRegistry } from '../structures/name-registry';
import { SlotSet } from '../structures/slot-set';
import { bucketKey, slopeOf } from '../scoring/score.util';
import type { AgentState } from './agent-state';
import type { ContactState } from './contact-state';
import type { QueueState } from './queue-state';

/** Timers come out by time (the heap key), then by contact id. */
function idBefore(a: ContactState, b: ContactState): boolean {
  return a.id < b.id;
}

const timerSlot = {
  get: (c: ContactState): number => c.timerPos,
  set: (c: ContactState, i: number): void => {
    c.timerPos = i;
  },
};

const dirtyContactSlot = {
  get: (c: ContactState): number => c.dirtyPos,
  set: (c: ContactState, i: number): void => {
    c.dirtyPos = i;
  },
};

const dirtyAgentSlot = {
  get: (a: AgentState): number => a.dirtyPos,
  set: (a: AgentState, i: number): void => {
    a.dirtyPos = i;
  },
};

export class RoutingState {
  now = 0;
  readonly tenants = new Map<string, TenantIndex>();
  readonly agents = new Map<string, AgentState>();
  readonly contacts = new Map<string, ContactState>();
  readonly queues = new Map<string, QueueState>();
  readonly timers = new KeyedHeap<ContactState>(idBefore, timerSlot);
  readonly skills = new NameRegistry();
  readonly languages = new NameRegistry();
  /** Contacts whose eligibility may have grown since the last re-evaluation. */
  readonly dirtyContacts = new SlotSet<ContactState>(dirtyContactSlot);
  /** Agents whose capacity or eligibility may have grown since the last re-evaluation. */
  readonly dirtyAgents = new SlotSet<AgentState>(dirtyAgentSlot);
  /** True between the first restore command and restoreCompleted: state is rebuilt, nothing is offered. */
  restoring = false;
  /** Global offer sequence; orders round-robin. */
  offerSeq = 0;
  out: RoutingDecision[] = [];

  constructor(readonly explainTopN: number) {}

  tenant(tenantId: string): TenantIndex {
    let index = this.tenants.get(tenantId);
    if (index === undefined) {
      index = new TenantIndex(tenantId);
      this.tenants.set(tenantId, index);
    }
    return index;
  }

  agent(agentId: string): AgentState {
    const agent = this.agents.get(agentId);
    if (agent === undefined)
      throw new RoutingError(RoutingErrorCode.UnknownAgent, `unknown agent '${agentId}'`);
    return agent;
  }

  contact(contactId: string): ContactState {
    const contact = this.contacts.get(contactId);
    if (contact === undefined)
      throw new RoutingError(RoutingErrorCode.UnknownContact, `unknown contact '${contactId}'`);
    return contact;
  }

  queue(queueId: string, tenantId: string): QueueState {
    const queue = this.queues.get(queueId);
    if (queue === undefined)
      throw new RoutingError(RoutingErrorCode.UnknownQueue, `unknown queue '${queueId}'`);
    if (queue.policy.tenantId !== tenantId) {
      throw new RoutingError(RoutingErrorCode.TenantMismatch, `queue '${queueId}' belongs to another tenant`);
    }
    return queue;
  }

  emit(decision: RoutingDecision): void {
    this.out.push(decision);
  }

  /** Puts a waiting contact in the bucket matching its current queue, phase and ring. */
  file(c: ContactState): void {
    c.key = bucketKey(c, c.phase);
    const slot = bucketSlotOf(c);
    const buckets = c.reqs.buckets;
    let bucket = slot < buckets.length ? buckets[slot] : undefined;
    if (bucket === undefined) {
      const tenant = this.tenant(c.tenantId);
      const filing = tenant.filingOf(c.reqs);
      const home = tenant.homeOf(filing);
      bucket = new ContactBucket(home, c.reqs, slopeOf(c, c.phase), c.classIndex, c.languageId, filing);
      while (buckets.length < slot) buckets.push(undefined);
      buckets[slot] = bucket;
    }
    bucket.add(c);
    c.bucket = bucket;
  }

  unfile(c: ContactState): void {
    const bucket = c.bucket;
    if (bucket === null) return;
    bucket.delete(c);
    c.bucket = null;
  }

  /** Arms the contact's single timer at `at` (Infinity disarms it). */
  setTimer(c: ContactState, at: number): void {
    if (this.timers.has(c)) {
      if (!Number.isFinite(at)) this.timers.remove(c);
      else if (this.timers.keyOf(c) !== at) this.timers.setKey(c, at);
    } else if (Number.isFinite(at)) {
      this.timers.push(c, at);
    }
  }

  syncAgent(agent: AgentState): void {
    agent.tenant.syncAgent(agent);
  }

  nextTimerAt(): number | undefined {
    const at = this.timers.peekKey();
    return at === Infinity ? undefined : at;
  }
}
