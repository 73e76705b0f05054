// One tenant's routing state: the pure routing core plus the single timer that drives it. The router process
// owns one of these per tenant on its partitions and feeds it only from that tenant's lane.
import {
  createRoutingEngine,
  type AgentLoad,
  type AgentView,
  type AppliedEscalation,
  type QueueStats,
  RoutingError,
  type RoutingCommand,
  type RoutingDecision,
  type RoutingEngine,
  type WaitContext,
} from '@switchboard/routing-core';
import { DEFAULT_QUEUE_ID } from './routing-input.mapper';

export type CommandOutcome = { ok: true; decisions: RoutingDecision[] } | { ok: false; error: RoutingError };

export class TenantRouter {
  private timer: NodeJS.Timeout | undefined;
  private readonly engine: RoutingEngine;
  /** Live offers by id, so an agent's accept or decline finds its conversation without a query. */
  private readonly liveOffers = new Map<string, string>();

  constructor(
    readonly tenantId: string,
    private readonly now: () => number,
  ) {
    this.engine = createRoutingEngine({ clock: { now } });
  }

  /** Applies commands in order; a command the core refuses is reported, and the rest still apply. */
  apply(commands: readonly RoutingCommand[]): { decisions: RoutingDecision[]; refused: RoutingError[] } {
    const decisions: RoutingDecision[] = [];
    const refused: RoutingError[] = [];
    for (const command of commands) {
      const outcome = this.try(command);
      if (outcome.ok) decisions.push(...outcome.decisions);
      else refused.push(outcome.error);
    }
    return { decisions, refused };
  }

  try(command: RoutingCommand): CommandOutcome {
    try {
      const decisions = [...this.engine.apply(command)];
      if (command.type === 'restoreOffer') this.liveOffers.set(command.offerId, command.contact.id);
      for (const d of decisions) this.track(d);
      return { ok: true, decisions };
    } catch (error) {
      if (error instanceof RoutingError) return { ok: false, error };
      throw error;
    }
  }

  /** The agent as the core holds them: status, live offers and assignments. */
  agent(agentId: string): AgentView | undefined {
    return this.engine.getAgent(agentId);
  }

  /** The conversation a live offer is for, if the offer is still live. */
  conversationOfOffer(offerId: string): string | undefined {
    return this.liveOffers.get(offerId);
  }

  private track(d: RoutingDecision): void {
    if (d.type === 'offer') this.liveOffers.set(d.offerId, d.contactId);
    else if (d.type === 'assigned' || d.type === 'requeued' || d.type === 'offerRescinded') {
      this.liveOffers.delete(d.offerId);
    }
  }

  /** The agent currently offered or assigned the conversation, if any. */
  ownerOf(conversationId: string): { agentId: string; state: 'offered' | 'assigned' } | undefined {
    const view = this.engine.getContact(conversationId);
    if (!view?.agentId || view.state === 'waiting') return undefined;
    return { agentId: view.agentId, state: view.state };
  }

  /** Escalations the contact carries in its current queue, as a restart must rebuild them. */
  escalationsOf(conversationId: string): readonly AppliedEscalation[] {
    return this.engine.getContact(conversationId)?.escalations ?? [];
  }

  /** Offers the conversation has had so far (0 when not routed here); a reopened conversation counts on. */
  offerAttempts(conversationId: string): number {
    return this.engine.getContact(conversationId)?.offerAttempts ?? 0;
  }

  /** A waiting conversation's place in line and serving capacity, for its wait estimate. */
  waitContextOf(conversationId: string): WaitContext | undefined {
    return this.engine.getWaitContext(conversationId);
  }

  /** The conversation's current queue (null: the implicit default queue), if the core holds it. */
  queueOf(conversationId: string): string | null | undefined {
    const view = this.engine.getContact(conversationId);
    if (!view) return undefined;
    return view.queueId === DEFAULT_QUEUE_ID ? null : view.queueId;
  }

  /**
   * Every queue's counts and agent's load, for the live queue stats and, after each batch, the queue depth
   * metric: a full scan of the held contacts and agents (see `npm run bench:queue-depth` for its cost).
   */
  listLoad(): { queues: QueueStats[]; agents: AgentLoad[] } {
    return this.engine.listLoad();
  }

  knowsContact(conversationId: string): boolean {
    return this.engine.getContact(conversationId) !== undefined;
  }

  /** Re-arms the one timer this tenant needs; `fire` runs when the earliest deadline passes. */
  armTimer(fire: () => void): void {
    clearTimeout(this.timer);
    const due = this.engine.nextTimerAt();
    if (due === undefined) return;
    this.timer = setTimeout(fire, Math.max(0, due - this.now()));
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
