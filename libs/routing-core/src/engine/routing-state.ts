// Everything the engine knows, with the low-level moves that keep the indexes consistent:
// filing waiting contacts into buckets, arming per-contact timers, and syncing agent pools.
import type { RoutingDecision } from '../model/routing-decision.model';
import { RoutingError, RoutingErrorCode } from '../model/routing.error';
import { ContactBucket, bucketSlotOf } from '../indexing/contact-bucket';
import { TenantIndex } from '../indexing/tenant.index';
import { IndexedHeap } from '../structures/indexed-heap';
import { NameRegistry } from '../structures/name-registry';
import { bucketKey, slopeOf } from '../scoring/score.util';
import type { AgentState } from './agent-state';
import type { ContactState } from './contact-state';
import type { QueueState } from './queue-state';

function timerBefore(a: ContactState, b: ContactState): boolean {
  return a.timerAt < b.timerAt || (a.timerAt === b.timerAt && a.id < b.id);
}

const timerSlot = {
  get: (c: ContactState): number => c.timerPos,
  set: (c: ContactState, i: number): void => {
    c.timerPos = i;
  },
};

export class RoutingState {
  now = 0;
  readonly tenants = new Map<string, TenantIndex>();
  readonly agents = new Map<string, AgentState>();
  readonly contacts = new Map<string, ContactState>();
  readonly queues = new Map<string, QueueState>();
  readonly timers = new IndexedHeap<ContactState>(timerBefore, timerSlot);
  readonly skills = new NameRegistry();
  readonly languages = new NameRegistry();
  /** Contacts whose eligibility may have grown since the last re-evaluation. */
  readonly dirtyContacts = new Set<ContactState>();
  /** Agents whose capacity or eligibility may have grown since the last re-evaluation. */
  readonly dirtyAgents = new Set<AgentState>();
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
    c.slope = slopeOf(c, c.phase);
    const slot = bucketSlotOf(c);
    let bucket = c.reqs.buckets.get(slot);
    if (bucket === undefined) {
      const tenant = this.tenant(c.tenantId);

      bucket = new ContactBucket(
        slot,
        tenant,
        c.classIndex,
        c.languageId,
        c.reqs,
        tenant.filingOf(c.reqs),
        c.slope,
      );
      c.reqs.buckets.set(slot, bucket);
      tenant.addBucket(bucket);
    }
    bucket.heap.push(c);
    bucket.refreshHead();
    if (c.excluded === null) bucket.clean++;
    c.bucket = bucket;
  }

  unfile(c: ContactState): void {
    const bucket = c.bucket;
    if (bucket === null) return;
    bucket.heap.remove(c);
    bucket.refreshHead();
    if (c.excluded === null) bucket.clean--;
    c.bucket = null;
    if (bucket.heap.size === 0) {
      bucket.reqs.buckets.delete(bucket.slot);
      bucket.tenant.removeBucket(bucket);
    }
  }

  setTimer(c: ContactState, at: number): void {
    if (at === c.timerAt) return;
    c.timerAt = at;
    if (!Number.isFinite(at)) this.timers.remove(c);
    else if (this.timers.has(c)) this.timers.update(c);
    else this.timers.push(c);
  }

  syncAgent(agent: AgentState): void {
    agent.tenant.syncAgent(agent);
  }

  nextTimerAt(): number | undefined {
    return this.timers.peek()?.timerAt;
  }
}
