// Rule 6: re-evaluation after every command. Invariant kept between commands: no waiting contact has
// an eligible agent with room. A command can only break it through contacts or agents it marks dirty,
// so only those are examined. Greedy by score: repeatedly serve the highest-scoring contact that some
// ready agent can take, and give it the best such agent under the queue's strategy.
import { orderScore, tieBreakBefore } from '../scoring/score.util';
import type { AgentState } from './agent-state';
import { selectFromAgents, selectFromPools, type Selection } from './agent-selection';
import type { ContactState } from './contact-state';
import { bestContactFor, pickBefore, type Pick } from './contact-pull';
import { makeOffer } from './offer-lifecycle';
import type { RoutingState } from './routing-state';

interface Pending {
  readonly contact: ContactState;
  readonly score: number;
}

interface Head extends Pick {
  readonly agent: AgentState;
  valid: boolean;
}

export function reevaluate(state: RoutingState): void {
  if (state.restoring) return;
  const contacts = state.dirtyContacts.size;
  const agents = state.dirtyAgents.size;
  if (contacts === 0 && agents === 0) return;
  // The two events that dominate traffic, an arrival and a completion, take a fast path that is the
  // general algorithm specialised to a single dirty contact or a single dirty agent.
  if (contacts === 1 && agents === 0)
    return reevaluateContact(state, state.dirtyContacts.first() as ContactState);
  if (contacts === 0 && agents === 1) return reevaluateAgent(state, state.dirtyAgents.first() as AgentState);
  const now = state.now;
  const pending = sortedPending(state, now);
  const pendingSet = new Set<ContactState>();
  for (const p of pending) markPending(pendingSet, p.contact);
  const heads: Head[] = [];
  for (const agent of state.dirtyAgents) heads.push({ agent, contact: null, score: -Infinity, valid: false });
  state.dirtyContacts.clear();
  state.dirtyAgents.clear();

  let i = 0;
  for (;;) {
    while (i < pending.length && pending[i].contact.status !== 'waiting')
      unmarkPending(pendingSet, pending[i++].contact);
    const head = bestHead(heads, now);
    const next = i < pending.length ? pending[i] : undefined;
    let contact: ContactState;
    if (
      next !== undefined &&
      (head === undefined || pickBefore(next.score, next.contact, head.score, head.contact as ContactState))
    ) {
      contact = next.contact;
      i++;
    } else if (head !== undefined) {
      contact = head.contact as ContactState;
    } else {
      break;
    }
    const sel = select(state, contact, pendingSet, heads);
    if (sel === undefined) {
      // Only reachable for a dirty contact nobody can take; it stays waiting. Never loop on a head.
      for (const h of heads) if (h.contact === contact) h.contact = null;
      continue;
    }
    makeOffer(state, contact, sel);
    for (const h of heads) if (h.agent === sel.agent || h.contact === contact) h.valid = false;
  }
  for (const c of pendingSet) unmarkPending(pendingSet, c);
  // Agents whose room grew were kept out of the pools during the pass; file those still ready.
  for (const h of heads) h.agent.tenant.syncAgent(h.agent);
}

/**
 * Which agents can take this contact. Only agents whose room grew in this command (the heads) can
 * take a contact nobody could take before: one that was not dirty, or one filed in a bucket where
 * another clean (nobody excluded), already-evaluated contact still waits - same ring, same answer.
 * Anything else needs the ready pools.
 */
function select(
  state: RoutingState,
  c: ContactState,
  pendingSet: Set<ContactState>,
  heads: readonly Head[],
): Selection | undefined {
  const bucket = c.bucket;
  const settledPeerWaits = bucket !== null && bucket.clean - bucket.pendingClean > 0;
  const dirty = unmarkPending(pendingSet, c);
  if (!dirty || settledPeerWaits) {
    return selectFromAgents(
      state,
      c,
      heads.map((h) => h.agent),
    );
  }
  return selectFromPools(state, c, heads);
}

function reevaluateContact(state: RoutingState, c: ContactState): void {
  state.dirtyContacts.delete(c);
  if (c.status !== 'waiting') return;
  // A clean peer already waiting in the bucket proves no ready agent fits the ring.
  const bucket = c.bucket;
  if (bucket !== null && bucket.clean - (c.excluded === null ? 1 : 0) > 0) return;
  const sel = selectFromPools(state, c, NO_HEADS);
  if (sel !== undefined) makeOffer(state, c, sel);
}

/** Scratch for reevaluateAgent (never re-entered), so a completion allocates no bookkeeping. */
const agentPick: Pick = { contact: null, score: -Infinity };
const onlyAgent: AgentState[] = [];

function reevaluateAgent(state: RoutingState, agent: AgentState): void {
  state.dirtyAgents.delete(agent);
  onlyAgent[0] = agent;
  for (;;) {
    bestContactFor(agent, state.now, agentPick);
    const c = agentPick.contact;
    if (c === null) break;
    const sel = selectFromAgents(state, c, onlyAgent);
    if (sel === undefined) break; // cannot happen: the agent itself is eligible for its pick
    makeOffer(state, c, sel);
  }
  agentPick.contact = null;
  agent.tenant.syncAgent(agent);
}

const NO_HEADS: readonly Head[] = [];

function markPending(pendingSet: Set<ContactState>, c: ContactState): void {
  pendingSet.add(c);
  if (c.bucket !== null && c.excluded === null) c.bucket.pendingClean++;
}

function unmarkPending(pendingSet: Set<ContactState>, c: ContactState): boolean {
  if (!pendingSet.delete(c)) return false;
  if (c.bucket !== null && c.excluded === null) c.bucket.pendingClean--;
  return true;
}

function sortedPending(state: RoutingState, now: number): Pending[] {
  const pending: Pending[] = [];
  for (const c of state.dirtyContacts) {
    if (c.status === 'waiting') pending.push({ contact: c, score: orderScore(c.key, c.slope, now) });
  }
  if (pending.length > 1) {
    pending.sort((a, b) =>
      a.score !== b.score
        ? b.score - a.score
        : tieBreakBefore(a.contact.arrivedAt, a.contact.id, b.contact.arrivedAt, b.contact.id)
          ? -1
          : 1,
    );
  }
  return pending;
}

function bestHead(heads: Head[], now: number): Head | undefined {
  let best: Head | undefined;
  for (const h of heads) {
    if (!h.valid) {
      bestContactFor(h.agent, now, h);
      h.valid = true;
    }
    if (h.contact === null) continue;
    if (best === undefined || pickBefore(h.score, h.contact, best.score, best.contact as ContactState))
      best = h;
  }
  return best;
}
