// Baseline for the routing benchmark: the same score and best-fit rule, implemented the obvious way.
// An arriving contact scans every agent; freed capacity scans every waiting contact. No indexes,
// no buckets. It covers only what the benchmark drives (no relaxation, no timers).
import {
  channelClassOf,
  type ChannelClass,
  type ContactInput,
  type RoutingCommand,
  type RoutingDecision,
} from '@switchboard/routing-core';
import type { Router } from './routing-workload';

const CLASSES: ChannelClass[] = ['chat', 'email', 'social', 'voice'];
const PER_MIN = 1 / 60_000;

interface NaiveAgent {
  id: string;
  skills: Map<string, number>;
  languages: Set<string>;
  capacity: Record<ChannelClass, number>;
  load: Record<ChannelClass, number>;
  used: number;
  maxUnits: number;
  available: boolean;
  idleSince: number;
}

interface NaiveContact {
  input: ContactInput;
  cls: ChannelClass;
  arrivedAt: number;
  excluded: Set<string>;
  agent: NaiveAgent | null;
}

export class NaiveRouter implements Router {
  private readonly agents = new Map<string, NaiveAgent>();
  private readonly contacts = new Map<string, NaiveContact>();
  private waiting: NaiveContact[] = [];
  private out: RoutingDecision[] = [];

  constructor(private readonly clock: { t: number }) {}

  nextTimerAt(): number | undefined {
    return undefined;
  }

  apply(cmd: RoutingCommand): RoutingDecision[] {
    this.out = [];
    switch (cmd.type) {
      case 'upsertAgent': {
        const a = cmd.agent;
        const capacity = { chat: 0, email: 0, social: 0, voice: 0, ...a.capacity };
        this.agents.set(a.id, {
          id: a.id,
          skills: new Map(a.skills.map((s) => [s.skill, s.proficiency])),
          languages: new Set(a.languages ?? []),
          capacity,
          load: { chat: 0, email: 0, social: 0, voice: 0 },
          used: 0,
          maxUnits: a.maxUnits ?? Infinity,
          available: a.status === 'available',
          idleSince: this.clock.t,
        });
        break;
      }
      case 'contactArrived': {
        const c: NaiveContact = {
          input: cmd.contact,
          cls: channelClassOf(cmd.contact.channel),
          arrivedAt: this.clock.t,
          excluded: new Set(),
          agent: null,
        };
        this.contacts.set(c.input.id, c);
        this.route(c);
        break;
      }
      case 'offerAccepted':
        this.out.push({
          type: 'assigned',
          offerId: cmd.contactId,
          contactId: cmd.contactId,
          tenantId: '',
          agentId: cmd.agentId,
          at: this.clock.t,
          waitedMs: 0,
        });
        break;
      case 'offerDeclined': {
        const c = this.contacts.get(cmd.contactId) as NaiveContact;
        const agent = this.free(c);
        c.excluded.add(agent.id);
        this.out.push({
          type: 'requeued',
          offerId: cmd.contactId,
          contactId: c.input.id,
          tenantId: '',
          agentId: agent.id,
          cause: 'declined',
          at: this.clock.t,
        });
        this.route(c);
        this.fill(agent);
        break;
      }
      case 'contactCompleted': {
        const c = this.contacts.get(cmd.contactId) as NaiveContact;
        const agent = this.free(c);
        this.contacts.delete(cmd.contactId);
        this.fill(agent);
        break;
      }
      case 'setAgentStatus': {
        const agent = this.agents.get(cmd.agentId) as NaiveAgent;
        agent.available = cmd.status === 'available';
        if (agent.available) this.fill(agent);
        break;
      }
      case 'upsertQueue':
      case 'removeQueue':
      case 'removeAgent':
      case 'contactWithdrawn':
      case 'tick':
      case 'restoreContact':
      case 'restoreOffer':
      case 'restoreAssignment':
      case 'restoreCompleted':
      case 'escalateContact':
      case 'rescindOffer':
      case 'transferContact':
      case 'transferToAgent':
        break; // not driven by the benchmark
    }
    return this.out;
  }

  private score(c: NaiveContact): number {
    const now = this.clock.t;
    const base = (c.input.basePriority ?? 0) + (now - c.arrivedAt) * PER_MIN;
    const urgentAt = (c.input.slaDeadline ?? Infinity) - 300_000;
    return base + (now > urgentAt ? (now - urgentAt) * 10 * PER_MIN : 0);
  }

  private eligible(a: NaiveAgent, c: NaiveContact): boolean {
    if (!a.available || a.load[c.cls] >= a.capacity[c.cls] || a.used + 1 > a.maxUnits) return false;
    if (c.input.language !== undefined && !a.languages.has(c.input.language)) return false;
    if (c.excluded.has(a.id)) return false;
    return (c.input.requiredSkills ?? []).every((r) => (a.skills.get(r.skill) ?? 0) >= r.minProficiency);
  }

  private fit(a: NaiveAgent, c: NaiveContact): number {
    let fit = 0;
    for (const r of c.input.requiredSkills ?? []) fit += a.skills.get(r.skill) ?? 0;
    return fit;
  }

  /** Scans every agent for the contact. */
  private route(c: NaiveContact): void {
    let best: NaiveAgent | undefined;
    let bestFit = -1;
    for (const a of this.agents.values()) {
      if (!this.eligible(a, c)) continue;
      const fit = this.fit(a, c);
      if (best === undefined || fit > bestFit || (fit === bestFit && a.used < best.used)) {
        best = a;
        bestFit = fit;
      }
    }
    if (best === undefined) this.waiting.push(c);
    else this.offer(c, best);
  }

  /** Scans every waiting contact for the agent, as long as it has room. */
  private fill(a: NaiveAgent): void {
    for (;;) {
      let bestIndex = -1;
      let bestScore = -Infinity;
      for (let i = 0; i < this.waiting.length; i++) {
        const c = this.waiting[i];
        if (!this.eligible(a, c)) continue;
        const s = this.score(c);
        if (s > bestScore) {
          bestScore = s;
          bestIndex = i;
        }
      }
      if (bestIndex < 0) return;
      const c = this.waiting[bestIndex];
      this.waiting[bestIndex] = this.waiting[this.waiting.length - 1];
      this.waiting.pop();
      this.offer(c, a);
    }
  }

  private offer(c: NaiveContact, a: NaiveAgent): void {
    c.agent = a;
    a.load[c.cls]++;
    a.used++;
    const score = this.score(c);
    this.out.push({
      type: 'offer',
      offerId: c.input.id,
      contactId: c.input.id,
      tenantId: c.input.tenantId,
      queueId: c.input.queueId,
      channel: c.input.channel,
      agentId: a.id,
      at: this.clock.t,
      expiresAt: this.clock.t + 30_000,
      reason: {
        rule: 'best-fit',
        strategy: 'best-fit',
        queueId: c.input.queueId,
        relaxationStep: 0,
        score: {
          total: score,
          priority: 0,
          escalation: 0,
          aging: 0,
          slaUrgency: 0,
          starvationBoost: 0,
          starved: false,
          waitedMs: 0,
        },
        chosen: { agentId: a.id, skillFit: this.fit(a, c), occupancy: a.used / a.maxUnits, idleMs: 0 },
        beat: [],
      },
    });
  }

  private free(c: NaiveContact): NaiveAgent {
    const a = c.agent as NaiveAgent;
    a.load[c.cls]--;
    a.used--;
    c.agent = null;
    return a;
  }
}

export const NAIVE_CLASSES = CLASSES;
