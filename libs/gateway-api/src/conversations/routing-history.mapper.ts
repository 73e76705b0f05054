// How offers, assignments and decision-log rows read over the API, shared by the routing history and the
// conversation detail so both explain a routing decision in the same words.
import type { Assignment, DecisionLog, Offer } from '@switchboard/persistence';

export interface OfferView {
  offerId: string;
  agentId: string;
  status: string;
  offeredAt: string;
  expiresAt: string;
  respondedAt: string | null;
  /** Why this agent was chosen: the routing rule and its inputs. */
  reason: unknown;
}

export interface AssignmentView {
  assignmentId: string;
  agentId: string;
  offerId: string | null;
  assignedAt: string;
  endedAt: string | null;
  reason: unknown;
}

export interface DecisionView {
  kind: string;
  at: string;
  payload: unknown;
}

export function toOfferView(o: Offer): OfferView {
  return {
    offerId: o.id,
    agentId: o.agentId,
    status: o.status,
    offeredAt: o.offeredAt.toISOString(),
    expiresAt: o.expiresAt.toISOString(),
    respondedAt: o.respondedAt?.toISOString() ?? null,
    reason: o.reason,
  };
}

export function toAssignmentView(a: Assignment): AssignmentView {
  return {
    assignmentId: a.id,
    agentId: a.agentId,
    offerId: a.offerId,
    assignedAt: a.assignedAt.toISOString(),
    endedAt: a.endedAt?.toISOString() ?? null,
    reason: a.reason,
  };
}

export function toDecisionView(d: DecisionLog): DecisionView {
  return { kind: d.kind, at: d.createdAt.toISOString(), payload: d.payload };
}
