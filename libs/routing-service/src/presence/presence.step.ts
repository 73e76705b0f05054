// Presence in the router's batch (ADR 0027): gateways' connected/disconnected/heartbeat records update each
// tenant's PresenceBook and arm one timer per agent on the shared timer driver (`presence:<agentId>`). When it
// fires with no console back, an agent still taking work is made away (cause `disconnected`) and each live
// offer of theirs is rescinded, so it is routed to someone else; their assigned conversations stay theirs.
import type { PresenceV1 } from '@switchboard/contracts';
import type { TenantContext } from '../engine/tenant-router.registry';
import { addDecisionWrites, type DecisionContext } from '../write/decision-writes';
import type { WriteSet } from '../write/write-set';
import { PresenceBook, type PresenceTiming } from './presence.book';

export const PRESENCE_KEY_PREFIX = 'presence:';

/** What the step needs of a tenant: its id and its routing core. */
export type PresenceContext = Pick<TenantContext, 'tenantId' | 'router'>;

export interface PresenceWakeUps {
  schedule(tenantId: string, key: string, dueAt: number): void;
}

/** Splits presence timer keys (agent ids) from the others, keeping each kind's order. */
export function splitPresenceKeys(keys: readonly string[]): { agentIds: string[]; others: string[] } {
  const agentIds: string[] = [];
  const others: string[] = [];
  for (const key of keys) {
    if (key.startsWith(PRESENCE_KEY_PREFIX)) agentIds.push(key.slice(PRESENCE_KEY_PREFIX.length));
    else others.push(key);
  }
  return { agentIds, others };
}

export class PresenceStep {
  /** Kept across a tenant's rebuild: it is what the gateways said, not something the database knows. */
  private readonly books = new Map<string, PresenceBook>();

  constructor(
    private readonly wakeUps: PresenceWakeUps,
    private readonly timing: PresenceTiming,
    private readonly now: () => number,
  ) {}

  /** Applies a gateway's record; it writes nothing until an agent's time is up. */
  record(tenantId: string, record: PresenceV1): void {
    const book = this.book(tenantId);
    const now = this.now();
    const { gatewayId, agentIds } = record;
    if (record.kind === 'heartbeat') {
      for (const agentId of book.heartbeat(gatewayId, agentIds, now)) this.arm(tenantId, book, agentId);
      return;
    }
    for (const agentId of agentIds) {
      if (record.kind === 'connected') book.connected(gatewayId, agentId, now);
      else book.disconnected(gatewayId, agentId, now);
      this.arm(tenantId, book, agentId);
    }
  }

  /** Agents whose timer fired: those really gone are made away and their live offers routed elsewhere. */
  due(ctx: PresenceContext, agentIds: readonly string[], set: WriteSet, dc: DecisionContext): void {
    const book = this.book(ctx.tenantId);
    const now = this.now();
    for (const agentId of agentIds) {
      if (!book.takeDue(agentId, now)) {
        // A heartbeat or a reconnection moved the deadline on since the timer was armed.
        this.arm(ctx.tenantId, book, agentId);
        continue;
      }
      this.makeAway(ctx, agentId, set, dc);
    }
  }

  /** After a takeover the tenant's timers were dropped: arm every deadline the book still holds. */
  scheduleLoaded(tenantId: string): void {
    const book = this.books.get(tenantId);
    for (const { agentId, dueAt } of book?.deadlines() ?? []) {
      this.wakeUps.schedule(tenantId, PRESENCE_KEY_PREFIX + agentId, dueAt);
    }
  }

  private makeAway(ctx: PresenceContext, agentId: string, set: WriteSet, dc: DecisionContext): void {
    const agent = ctx.router.agent(agentId);
    // Someone who already stepped away or signed off keeps the status they chose.
    if (!agent || agent.status === 'away' || agent.status === 'offline') return;
    const outcome = ctx.router.try({ type: 'setAgentStatus', agentId, status: 'away' });
    if (!outcome.ok) return;
    set.agentStatuses.set(agentId, 'away');
    set.events.push({ type: 'agent.status-changed', agentId, status: 'away', cause: 'disconnected' });
    addDecisionWrites(set, outcome.decisions, dc);
    for (const contactId of agent.liveOfferContactIds) {
      const rescinded = ctx.router.try({
        type: 'rescindOffer',
        contactId,
        reason: { cause: 'agent-disconnected', target: agentId },
      });
      // An offer that expired meanwhile is the next tick's timeout, which re-routes it just the same.
      if (rescinded.ok) addDecisionWrites(set, rescinded.decisions, dc);
    }
  }

  private arm(tenantId: string, book: PresenceBook, agentId: string): void {
    const dueAt = book.deadline(agentId);
    if (dueAt !== undefined) this.wakeUps.schedule(tenantId, PRESENCE_KEY_PREFIX + agentId, dueAt);
  }

  private book(tenantId: string): PresenceBook {
    let book = this.books.get(tenantId);
    if (!book) this.books.set(tenantId, (book = new PresenceBook(this.timing)));
    return book;
  }
}
