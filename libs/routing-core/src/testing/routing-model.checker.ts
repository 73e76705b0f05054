// An independent model of what the engine has decided, rebuilt only from the commands it was given and
// the decisions it returned. Property specs use it to check the invariants without trusting engine
// internals (only the current ring and score come from the engine's read-only views).
import type { AgentInput, AgentStatus } from '../model/agent.model';
import { channelClassOf, type ChannelClass } from '../model/channel.model';
import type { ContactInput, ContactView } from '../model/contact.model';
import type { RoutingCommand } from '../model/routing-command.model';
import type { RoutingDecision } from '../model/routing-decision.model';
import type { RoutingEngine } from '../engine/routing-engine';

interface Holding {
  readonly agentId: string;
  readonly state: 'offered' | 'assigned';
}

export class RoutingModel {
  readonly agents = new Map<string, AgentInput>();
  readonly status = new Map<string, AgentStatus>();
  readonly contacts = new Map<string, ContactInput>();
  readonly holding = new Map<string, Holding>();
  readonly excluded = new Map<string, Set<string>>();
  readonly violations: string[] = [];

  constructor(private readonly engine: RoutingEngine) {}

  /** Mirrors a command the engine accepted (call before observe). */
  command(cmd: RoutingCommand): void {
    switch (cmd.type) {
      case 'upsertAgent':
        this.agents.set(cmd.agent.id, cmd.agent);
        if (cmd.agent.status !== undefined) this.status.set(cmd.agent.id, cmd.agent.status);
        else if (!this.status.has(cmd.agent.id)) this.status.set(cmd.agent.id, 'offline');
        return;
      case 'setAgentStatus':
        this.status.set(cmd.agentId, cmd.status);
        return;
      case 'removeAgent':
        this.agents.delete(cmd.agentId);
        this.status.delete(cmd.agentId);
        return;
      case 'contactArrived':
        this.contacts.set(cmd.contact.id, cmd.contact);
        return;
      case 'offerAccepted':
        this.holding.set(cmd.contactId, { agentId: cmd.agentId, state: 'assigned' });
        return;
      case 'offerDeclined':
      case 'escalateContact':
      case 'rescindOffer':
      case 'transferToAgent': // the queue and skills stay; who holds it next is observed from the decisions
        return;
      case 'transferContact': {
        // What the host would persist: the new queue and, when given, the new skills.
        const input = this.contacts.get(cmd.contactId);
        if (input === undefined) return;
        this.contacts.set(cmd.contactId, {
          ...input,
          queueId: cmd.toQueueId,
          ...(cmd.requiredSkills === undefined ? {} : { requiredSkills: cmd.requiredSkills }),
        });
        return;
      }
      case 'contactCompleted':
      case 'contactWithdrawn': {
        const held = this.holding.get(cmd.contactId);
        this.contacts.delete(cmd.contactId);
        this.holding.delete(cmd.contactId);
        this.excluded.delete(cmd.contactId);
        if (cmd.type === 'contactCompleted' && cmd.agentStatus !== undefined && held !== undefined) {
          this.status.set(held.agentId, cmd.agentStatus);
        }
        return;
      }
      case 'upsertQueue':
      case 'removeQueue':
      case 'tick':
      case 'restoreContact':
      case 'restoreOffer':
      case 'restoreAssignment':
      case 'restoreCompleted':
        return; // no model state to mirror (restores are not driven through the model)
    }
  }

  /** Replays decisions in order, checking each offer against the model as it stood at that moment. */
  observe(decisions: readonly RoutingDecision[]): void {
    const offered = new Set<string>();
    for (const d of decisions) {
      switch (d.type) {
        case 'offer':
          this.checkOffer(d.contactId, d.agentId, d.reason.score.total, offered);
          offered.add(d.contactId);
          this.holding.set(d.contactId, { agentId: d.agentId, state: 'offered' });
          break;
        case 'requeued':
          if (this.holding.get(d.contactId)?.agentId !== d.agentId)
            this.fail(`requeue of ${d.contactId} from a non-holder`);
          this.holding.delete(d.contactId);
          if (d.cause === 'declined' || d.cause === 'timeout') this.excludedFor(d.contactId).add(d.agentId);
          break;
        case 'offerRescinded':
          if (d.cause !== 'withdrawn' && this.holding.get(d.contactId)?.agentId !== d.agentId)
            this.fail(`rescind of ${d.contactId} from a non-holder`);
          this.holding.delete(d.contactId);
          if (d.cause === 'rescinded') this.excludedFor(d.contactId).add(d.agentId);
          break;
        case 'contactTransferred':
          // A transferred offer was already let go by the 'offerRescinded' just before.
          if (d.fromState === 'assigned' && this.holding.get(d.contactId)?.agentId !== d.agentId)
            this.fail(`transfer of ${d.contactId} from a non-holder`);
          this.holding.delete(d.contactId);
          if (d.fromState === 'assigned' && d.agentId !== undefined)
            this.excludedFor(d.contactId).add(d.agentId);
          break;
        case 'agentStatusChanged':
          this.status.set(d.agentId, d.to);
          break;
        case 'assigned':
        case 'relaxed':
        case 'overflowed':
        case 'escalated':
        case 'contactEscalated':
          break; // do not change who holds what
      }
    }
  }

  /** Work conservation: no waiting contact has an eligible agent left with room. */
  checkWorkConserving(): void {
    for (const contactId of this.contacts.keys()) {
      if (this.holding.has(contactId)) continue;
      const view = this.engine.getContact(contactId);
      if (view === undefined) continue;
      for (const agentId of this.agents.keys()) {
        if (this.eligible(agentId, contactId, view))
          this.fail(`idle eligible agent ${agentId} while ${contactId} waits`);
      }
    }
  }

  /** Capacity: what the model says each agent holds never exceeds its capacity. */
  checkCapacity(): void {
    for (const [agentId, agent] of this.agents) {
      const view = this.engine.getAgent(agentId);
      for (const cls of ['chat', 'email', 'social', 'voice'] as const) {
        const held = this.load(agentId, cls);
        if (view !== undefined && view.load[cls] !== held) this.fail(`load mismatch ${agentId}/${cls}`);
      }
      for (const cls of ['chat', 'email', 'social', 'voice'] as const) {
        if (this.load(agentId, cls) > (agent.capacity[cls] ?? 0))
          this.fail(`capacity exceeded for ${agentId}/${cls}`);
      }
      if (this.units(agent) > (agent.maxUnits ?? Infinity) + 1e-9) this.fail(`units exceeded for ${agentId}`);
    }
  }

  eligible(agentId: string, contactId: string, view: ContactView): boolean {
    const agent = this.agents.get(agentId);
    const contact = this.contacts.get(contactId);
    if (agent === undefined || contact === undefined) return false;
    if (this.status.get(agentId) !== 'available' || agent.tenantId !== contact.tenantId) return false;
    const cls = channelClassOf(contact.channel);
    if (!this.hasRoom(agent, cls)) return false;
    if (contact.language !== undefined && !(agent.languages ?? []).includes(contact.language)) return false;
    const prof = (skill: string): number =>
      Math.max(0, ...agent.skills.filter((s) => s.skill === skill).map((s) => s.proficiency));
    if (!view.currentRequirements.every((r) => prof(r.skill) >= r.minProficiency)) return false;
    return !this.excludedFor(contactId).has(agentId);
  }

  private checkOffer(
    contactId: string,
    agentId: string,
    score: number,
    offeredNow: ReadonlySet<string>,
  ): void {
    if (this.holding.has(contactId)) this.fail(`second live offer/assignment for ${contactId}`);
    const view = this.engine.getContact(contactId);
    const agent = this.agents.get(agentId);
    if (view === undefined || agent === undefined)
      return this.fail(`offer for unknown ${contactId}/${agentId}`);
    if (!this.eligible(agentId, contactId, view))
      return this.fail(`offer of ${contactId} to ineligible ${agentId}`);
    // Priority: nobody still waiting that this agent could take scores higher.
    for (const otherId of this.contacts.keys()) {
      if (otherId === contactId || this.holding.has(otherId) || offeredNow.has(otherId)) continue;
      const other = this.engine.getContact(otherId);
      if (other === undefined || other.state !== 'waiting') continue;
      if (other.score > score + 1e-6 && this.eligible(agentId, otherId, other)) {
        this.fail(`offer of ${contactId} (${score}) to ${agentId} skipped ${otherId} (${other.score})`);
      }
    }
  }

  private hasRoom(agent: AgentInput, cls: ChannelClass): boolean {
    if (this.load(agent.id, cls) >= (agent.capacity[cls] ?? 0)) return false;
    return this.units(agent) + (agent.unitWeights?.[cls] ?? 1) <= (agent.maxUnits ?? Infinity) + 1e-9;
  }

  private load(agentId: string, cls: ChannelClass): number {
    let n = 0;
    for (const [contactId, h] of this.holding) {
      const c = this.contacts.get(contactId);
      if (h.agentId === agentId && c !== undefined && channelClassOf(c.channel) === cls) n++;
    }
    return n;
  }

  private units(agent: AgentInput): number {
    let units = 0;
    for (const cls of ['chat', 'email', 'social', 'voice'] as const)
      units += this.load(agent.id, cls) * (agent.unitWeights?.[cls] ?? 1);
    return units;
  }

  private excludedFor(contactId: string): Set<string> {
    let set = this.excluded.get(contactId);
    if (set === undefined) {
      set = new Set<string>();
      this.excluded.set(contactId, set);
    }
    return set;
  }

  private fail(message: string): void {
    this.violations.push(message);
  }
}
